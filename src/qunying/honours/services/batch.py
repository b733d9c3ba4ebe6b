"""Recording many honours in one transaction (an import of a 奖励登记表): every check of record_honour still runs on
every honour; only what the checks read is read once per batch instead of once per honour — the issuers' authority
limits, and for the recipients named up front, the honours on record (the identical-honour check)."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q

from qunying.honours.enums import SET_ASIDE
from qunying.honours.models import Honour

KEY_FIELDS = ("person", "unit", "award_type", "issuer", "awarded_on", "document_number")


@dataclass
class RecordingBatch:
    people: set[int]
    units: set[int]
    on_record: set[tuple] = field(default_factory=set)  # KEY_FIELDS of the recipients' honours not revoked
    limits: dict[tuple, int | None] = field(default_factory=dict)  # (issuer, level, kind, ladder) → max grade

    def covers(self, *, person, unit) -> bool:
        return (person is not None and person.pk in self.people) or (unit is not None and unit.pk in self.units)

    @staticmethod
    def key(*, person, unit, award_type, issuer, awarded_on, document_number) -> tuple:
        return (
            person.pk if person is not None else None,
            unit.pk if unit is not None else None,
            award_type.pk,
            issuer.pk,
            awarded_on,
            document_number,
        )


_current: ContextVar[RecordingBatch | None] = ContextVar("honours_recording_batch", default=None)


def current_batch() -> RecordingBatch | None:
    return _current.get()


@contextmanager
def recording_batch(*, people: Iterable = (), units: Iterable = ()) -> Iterator[RecordingBatch]:
    """Within the block, record_honour shares its reads for `people` and `units` (objects or ids). Use it inside
    the transaction that records the batch, so nothing else changes those recipients' honours meanwhile."""
    batch = RecordingBatch(
        people={getattr(person, "pk", person) for person in people},
        units={getattr(unit, "pk", unit) for unit in units},
    )
    if batch.people or batch.units:
        recorded = Honour.objects.exclude(status__in=SET_ASIDE).filter(
            Q(person__in=batch.people) | Q(unit__in=batch.units)
        )
        batch.on_record = set(recorded.values_list(*KEY_FIELDS))
    token = _current.set(batch)
    try:
        yield batch
    finally:
        _current.reset(token)
