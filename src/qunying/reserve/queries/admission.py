"""Who the reserve already holds, for discovery's runs (read through the door the reserve registers)."""

from django.db.models import QuerySet

from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import ReserveEntry


def people_in_reserve() -> QuerySet:
    """Ids of the people proposed for the reserve or in it: a run suggests none of them."""
    return ReserveEntry.objects.filter(status__in=[EntryStatus.PROPOSED, EntryStatus.ACTIVE]).values_list(
        "person_id", flat=True
    )
