"""Unit writes: create, rename, move a subtree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from qunying.core.policy import within
from qunying.core.services import log_action
from qunying.org.models import Unit
from qunying.org.rules import policy


def _check_name(name: str, parent: Unit | None, exclude: Unit | None = None) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Please enter the unit's name.")})
    siblings = Unit.objects.filter(parent=parent, name=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    if siblings.exists():
        raise ValidationError({"name": _("The parent unit already has a unit with this name.")})
    return name


@transaction.atomic
def create_unit(*, name: str, kind: str, parent: Unit | None, by, sort_order: int = 0) -> Unit:
    """A unit under `parent`; a new top-level unit (parent None) only by the system (`by=None`: the demo, tests)."""
    policy.require(by, "add_unit", Unit(parent=parent))
    name = _check_name(name, parent)
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, sort_order=sort_order, path="")
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    log_action(unit, "org.unit.created", by=by, data={"name": name, "kind": kind, "parent": parent and parent.pk})
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, name: str, kind: str, sort_order: int, by) -> Unit:
    policy.require(by, "change_unit", unit)
    name = _check_name(name, unit.parent, exclude=unit)
    changes = {
        field: [getattr(unit, field), value]
        for field, value in {"name": name, "kind": kind, "sort_order": sort_order}.items()
        if getattr(unit, field) != value
    }
    if changes:
        unit.name, unit.kind, unit.sort_order = name, kind, sort_order
        unit.save(update_fields=["name", "kind", "sort_order"])
        log_action(unit, "org.unit.updated", by=by, data=changes)
    return unit


@transaction.atomic
def move_unit(unit: Unit, *, new_parent: Unit, by) -> Unit:
    """Re-hang a unit and its whole subtree: one UPDATE rewrites the paths, so role scopes follow at once."""
    policy.require(by, "change_unit", unit)
    policy.require(by, "change_unit", new_parent)
    if unit.parent_id is None:
        raise ValidationError({"new_parent": _("The bureau itself cannot be moved.")})
    if new_parent.is_within(unit):
        raise ValidationError({"new_parent": _("A unit cannot be moved into itself or one of its own units.")})
    if new_parent.pk == unit.parent_id:
        return unit
    _check_name(unit.name, new_parent)
    old_path, old_parent = unit.path, unit.parent
    new_path = f"{new_parent.path}{unit.pk}/"
    depth_shift = new_parent.depth + 1 - unit.depth
    Unit.objects.filter(within("path", old_path)).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)), depth=F("depth") + depth_shift
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    log_action(unit, "org.unit.moved", by=by, data={"from": old_parent.pk, "to": new_parent.pk, "old_path": old_path})
    return unit
