"""A coherent demo (issue 18 rules 8 and 6): whatever day it is loaded, the demo tells of 2021–2025 on its own
calendar — tiers decided in 2021–2023, a closed 2025 round over entries that were in the reserve in 2025 with a
consolidation check for the exemplar of two years or more, 2022 campaigns whose nominations, reviews, results and
honours carry 2022's dates — and keeps Chaohu's published 2022 figures exact."""

import datetime

from django.db.models import F, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from qunying.accounts.models import User
from qunying.branches.enums import RatingStatus
from qunying.branches.models import BranchRating
from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination, ResultNotice
from qunying.deeds.models import DeedPerson
from qunying.demo.deeds import demo_traffic_auxiliary, demo_veteran
from qunying.honours.models import Honour
from qunying.org.models import Unit
from qunying.org.timeline import timeline_for
from qunying.reports.queries import yearly_figures
from qunying.reserve.enums import EntryStatus, EvaluationCheck, Tier, TierChangeStatus
from qunying.reserve.models import EvaluationRound, ReserveEntry, TierChange

PUBLISHED_2022 = "获合肥市局嘉奖4人，获巢湖市委组织部、疫情防控办公室嘉奖8人，获巢湖市局本级嘉奖8人"


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) if (today.month, today.day) != (2, 29) else today


def test_the_reserve_tiers_were_decided_in_2021_to_2024(demo):
    active = ReserveEntry.objects.filter(status=EntryStatus.ACTIVE)
    decided = TierChange.objects.filter(entry__in=active, status=TierChangeStatus.APPROVED)

    assert active.count() >= 6
    assert {entry.since.year for entry in active} <= {2021, 2022, 2023, 2024}
    assert {timezone.localdate(change.decided_at).year for change in decided} <= {2021, 2022, 2023, 2024}
    for entry in active:
        assert timezone.localdate(entry.created_at) <= entry.since
        dates = list(entry.tier_changes.order_by("pk").values_list("created_at", "decided_at"))
        assert all(proposed < decided_at for proposed, decided_at in dates), entry
        assert [d for _, d in dates] == sorted(d for _, d in dates), entry
        assert entry.since == timezone.localdate(dates[-1][1])
        assert entry.person.joined_police_on < entry.since, entry


def test_an_exemplar_of_two_years_or_more_gets_the_consolidation_check(demo):
    veteran = ReserveEntry.objects.get(person=demo_veteran(), status=EntryStatus.ACTIVE)
    last = EvaluationRound.objects.get(year=2025)

    assert veteran.tier == Tier.EXEMPLAR and veteran.since <= _years_ago(2)
    assert last.evaluations.get(entry=veteran).check_kind == EvaluationCheck.CONSOLIDATION
    current = EvaluationRound.objects.get(year=timezone.localdate().year)
    assert current.evaluations.get(entry=veteran).check_kind == EvaluationCheck.CONSOLIDATION


def test_the_closed_2025_round_evaluated_entries_of_2025_and_closed_then(demo):
    last = EvaluationRound.objects.get(year=2025)
    admitted = last.evaluations.annotate(admitted=Min("entry__tier_changes__decided_at")).values_list(
        "entry__created_at", "admitted", "recorded_at", "decided_at"
    )

    assert last.status == "closed" and timezone.localdate(last.closed_at).year == 2025
    assert timezone.localdate(last.created_at).year == 2025
    assert admitted
    for created, first_decided, recorded, decided in admitted:
        assert timezone.localdate(created).year <= 2025 and timezone.localdate(first_decided).year <= 2025
        assert timezone.localdate(recorded).year == 2025 and timezone.localdate(decided).year == 2025


def test_the_veterans_story_reads_in_order_on_his_timeline_and_entry_page(client, demo):
    veteran = demo_veteran()
    entry = ReserveEntry.objects.get(person=veteran, status=EntryStatus.ACTIVE)
    honour = Honour.objects.get(person=veteran, award_type__code="model_caring_for_people")
    exemplar = entry.tier_changes.get(to_tier=Tier.EXEMPLAR)

    assert honour.awarded_on.year == 2022 and honour.awarded_on < timezone.localdate(exemplar.decided_at)
    assert veteran.practice_activities.filter(date__lt=honour.awarded_on).count() == 0
    dates = [event.date for event in timeline_for(veteran)]
    assert honour.awarded_on in dates and timezone.localdate(exemplar.decided_at) in dates
    client.force_login(User.objects.get(username="zhengzhichu"))
    page = client.get(reverse("reserve:entry_detail", args=[entry.pk])).content.decode()
    for change in entry.tier_changes.all():  # the history table: each proposal on its own day
        assert f"{timezone.localdate(change.created_at):%Y-%m-%d}" in page
    assert f"{entry.since:%Y-%m-%d}" in page or entry.since.strftime("%Y年%-m月%-d日") in page


def test_the_2022_campaigns_were_run_in_2022(demo):
    closed = Campaign.objects.filter(phase=Phase.CLOSED, period_start__year=2022)
    nominations = Nomination.objects.filter(campaign__in=closed)

    assert closed.count() == 17
    assert {timezone.localdate(c.created_at).year for c in closed} == {2022}
    assert {timezone.localdate(n.created_at).year for n in nominations} == {2022}
    reviews = JudgeAssignment.objects.filter(nomination__campaign__in=closed, submitted_at__isnull=False)
    assert reviews.exists() and {timezone.localdate(a.submitted_at).year for a in reviews} == {2022}
    notices = ResultNotice.objects.filter(campaign__in=closed)
    assert notices.exists() and {timezone.localdate(n.created_at).year for n in notices} == {2022}
    for nomination in nominations.filter(status=NominationStatus.AWARDED).select_related("honour", "campaign"):
        assert nomination.honour.awarded_on == timezone.localdate(nomination.campaign.closed_at), nomination
        assert timezone.localdate(nomination.campaign.approved_at) <= nomination.honour.awarded_on


def test_a_2022_nominee_who_did_not_win_was_nominated_in_2022_on_the_timeline(demo):
    nomination = (
        Nomination.objects.filter(campaign__period_start__year=2022, status=NominationStatus.NOT_SELECTED)
        .select_related("campaign", "person")
        .first()
    )

    events = timeline_for(nomination.person)

    nominated = next(event for event in events if nomination.campaign.title in event.title)
    assert nominated.date.year == 2022 and nominated.date <= nomination.campaign.nominating_until


def test_the_2022_figures_stay_exact(demo):
    with override("zh-hans"):
        sentence = yearly_figures(Unit.objects.all(), 2022).sentence

    assert PUBLISHED_2022 in sentence and PUBLISHED_2022 in demo
    assert "评选出“辅警之星”8人、“辅警标兵”16人" in sentence
    for code, count in (("aux_star", 8), ("aux_model", 16)):
        honours = Honour.objects.filter(award_type__code=code, awarded_on__year=2022, status="active")
        assert honours.values("person").distinct().count() == count
    assert demo_traffic_auxiliary() is not None


def test_no_one_on_the_2022_records_had_yet_to_join(demo):
    deeds = DeedPerson.objects.filter(person__joined_police_on__gt=F("deed__date"))
    honours = Honour.objects.filter(person__joined_police_on__gt=F("awarded_on"))
    nominations = Nomination.objects.filter(person__joined_police_on__gt=F("campaign__period_start"))

    assert Honour.objects.filter(awarded_on__year=2022).count() > 40
    assert list(deeds.values_list("person__name", "deed__title")) == []
    assert list(honours.values_list("person__name", "award_type__name")) == []
    assert list(nominations.values_list("person__name", "campaign__title")) == []


def test_the_2022_star_rating_was_published_in_december_2022(demo):
    published = BranchRating.objects.filter(round__scheme__year=2022, status=RatingStatus.PUBLISHED)

    assert published.count() == 9
    assert {timezone.localdate(rating.published_at) for rating in published} == {datetime.date(2022, 12, 28)}
    for rating in published:
        assert rating.submitted_at < rating.reviewed_at < rating.approved_at < rating.published_at
