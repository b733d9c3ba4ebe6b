"""Campaigns' record rules on dates, as checks over what is already stored: a winner's honour dated before the
campaign's leaders approved the winners (the decision it comes from); a nominee who joined the force only after the
campaign's period."""

from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from qunying.campaigns.models import Nomination
from qunying.core.integrity import Kind, Problem


def find_problems(queryset=None) -> list[Problem]:
    """Nominations (of `queryset`, default all) whose honour is dated before the campaign's approval of winners, or
    whose nominee joined the force after the period the campaign judged."""
    nominations = queryset if queryset is not None else Nomination.objects.all()
    early = (
        nominations.filter(honour__isnull=False, campaign__approved_at__isnull=False)
        .annotate(decided_on=TruncDate("campaign__approved_at"))
        .filter(honour__awarded_on__lt=F("decided_on"))
        .select_related("campaign", "honour", "person", "unit")
        .order_by("campaign_id", "pk")
    )
    problems = []
    joined_later = nominations.filter(person__joined_police_on__gt=F("campaign__period_end"))
    for nomination in joined_later.select_related("campaign", "person", "unit").order_by("campaign_id", "pk"):
        detail = _("%(person)s joined the force only on %(date)s, after the period the campaign judged.") % {
            "person": nomination.person.name,
            "date": f"{nomination.person.joined_police_on:%Y-%m-%d}",
        }
        problems.append(_problem(nomination, detail))
    for nomination in early:
        detail = _("The honour is dated %(awarded)s, before the winners were approved on %(decided)s.") % {
            "awarded": f"{nomination.honour.awarded_on:%Y-%m-%d}",
            "decided": f"{nomination.decided_on:%Y-%m-%d}",
        }
        problems.append(_problem(nomination, detail))
    return problems


def _problem(nomination: Nomination, detail: str) -> Problem:
    record = _("%(person)s in %(campaign)s") % {"person": nomination.person.name, "campaign": nomination.campaign.title}
    return Problem(Kind.DATES, "campaigns.nomination", nomination.pk, record, detail, unit=nomination.unit.name)
