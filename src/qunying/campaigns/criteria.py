"""A computed star-rating criterion for party branches: nominations put forward in the year's selection campaigns.

Why nominations and not winners: a winner's title is an Honour record (closing a campaign records it through
honours.record_honour, linked from the nomination), and the honours criteria already count it — the default scheme's
row "获嘉奖、通报表扬及各类评选称号" is meant to. Counting winners here too would score the same title twice. So the
title stays with the honours criteria and this criterion counts what they cannot see: being put forward by the
branch's units, whatever the outcome (a winner counts here once as a nomination and there once as an honour)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Nomination
from qunying.core.criteria import BranchScope, Counted, RecordRow, computed_criterion, in_order, url_or_blank


def describe_nominations(ids: list[int]) -> list[RecordRow]:
    nominations = Nomination.objects.filter(pk__in=ids).select_related("campaign", "person", "unit").in_bulk()
    return [
        RecordRow(
            date=nomination.campaign.period_start,
            title=nomination.campaign.title,
            people=nomination.person.name,
            detail=f"{nomination.unit.name} · {nomination.get_status_display()}",
            url=url_or_blank("campaigns:campaign_detail", nomination.campaign_id),
        )
        for nomination in in_order(ids, nominations)
    ]


@computed_criterion(
    "campaigns.nominations",
    _("Nominations in the year's selection campaigns (the titles won count as honours)"),
    describe=describe_nominations,
    record_label=_("Nominations"),
)
def campaign_nominations(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """Nominations (not withdrawn) in campaigns whose period starts in the year, made from a covered unit (the unit
    at nomination, not where the person serves now) or of a member. One query for every branch."""
    rows = (
        Nomination.objects.filter(
            Q(unit__in=scope.unit_ids) | Q(person__in=scope.member_ids),
            campaign__period_start__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        )
        .exclude(status=NominationStatus.WITHDRAWN)
        .values_list("pk", "person_id", "unit_id")
    )
    return scope.group(
        (branch_id, nomination_id)
        for nomination_id, person_id, unit_id in rows
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id)
    )
