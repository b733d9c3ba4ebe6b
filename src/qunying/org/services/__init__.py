"""Organisation writes: units (tree moves keep every path and role scope right) and people."""

from qunying.org.services.people import (
    check_person,
    create_aux_tier,
    create_person,
    update_aux_tier,
    update_person,
)
from qunying.org.services.units import create_unit, move_unit, update_unit

__all__ = [
    "check_person",
    "create_aux_tier",
    "create_person",
    "create_unit",
    "move_unit",
    "update_aux_tier",
    "update_person",
    "update_unit",
]
