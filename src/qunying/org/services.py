"""Organisation writes."""

from django.db import transaction

from qunying.core.services import log_action
from qunying.org.models import Unit


@transaction.atomic
def create_unit(*, name: str, kind: str, parent: Unit | None, by, sort_order: int = 0) -> Unit:
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, sort_order=sort_order, path="")
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    log_action(unit, "org.unit.created", by=by, data={"name": name, "kind": kind, "parent": parent and parent.pk})
    return unit
