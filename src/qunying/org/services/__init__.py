"""Organisation writes: units (tree moves keep every path and role scope right) and people."""

from qunying.org.checks import check_person
from qunying.org.services.people import (
    create_aux_tier,
    create_person,
    update_aux_tier,
    update_person,
)
from qunying.org.services.roster import (
    cancel_roster_import,
    commit_roster_import,
    discard_stale_uploads,
    export_roster,
    preview_roster_import,
    recover_roster_import,
    request_roster_commit,
    start_roster_import,
)
from qunying.org.services.units import create_unit, move_unit, update_unit

__all__ = [
    "cancel_roster_import",
    "check_person",
    "commit_roster_import",
    "create_aux_tier",
    "create_person",
    "create_unit",
    "discard_stale_uploads",
    "export_roster",
    "move_unit",
    "preview_roster_import",
    "recover_roster_import",
    "request_roster_commit",
    "start_roster_import",
    "update_aux_tier",
    "update_person",
    "update_unit",
]
