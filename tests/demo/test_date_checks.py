"""Two more "dates out of order" checks of `qunying check-records` (issue 18 rule 9), on the demo: a year-end round
evaluating someone who entered the reserve after its year (what opening a past year's round late lets in), a
campaign winner's honour dated before the winners were approved, and deeds or nominations naming someone before
they joined the force."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from qunying.accounts.models import User
from qunying.campaigns.checks import find_problems as campaign_problems
from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Nomination
from qunying.deeds.checks import find_problems as deed_problems
from qunying.deeds.models import DeedPerson
from qunying.demo.deeds import demo_traffic_auxiliary
from qunying.honours.models import Honour
from qunying.org.models import Person, Unit
from qunying.reserve.checks import find_problems as reserve_problems
from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import AnnualEvaluation, ReserveEntry
from qunying.reserve.services import decide_tier_change
from qunying.reserve.services.evaluations import open_round


def _check_records() -> str:
    output = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check-records", stdout=output)
    assert failed.value.returncode == 1
    return output.getvalue()


def test_a_round_for_an_earlier_year_evaluating_a_newcomer_is_named(demo):
    officer = User.objects.get(username="zhengzhichu")
    proposal = ReserveEntry.objects.get(status=EntryStatus.PROPOSED)
    decide_tier_change(proposal.tier_changes.get(), approve=True, note="同意入库。", by=officer)  # admitted today
    late = open_round(year=2024, unit=Unit.objects.get(parent=None), by=officer)  # opened now, for 2024

    report = _check_records()

    newcomer = AnnualEvaluation.objects.get(round=late, entry=proposal)
    assert [(p.kind, p.pk) for p in reserve_problems()] == [("dates", newcomer.pk)]
    name = proposal.person.name
    assert f"2024年度年终评估 · {name}" in report
    assert f"{name}于{timezone.localdate():%Y-%m-%d}才入库，晚于本轮评估的年度" in report
    assert reserve_problems(AnnualEvaluation.objects.exclude(pk=newcomer.pk)) == []


def test_a_campaign_honour_dated_before_the_winners_were_approved_is_named(demo):
    nomination = (
        Nomination.objects.filter(status=NominationStatus.AWARDED, campaign__period_start__year=2022)
        .select_related("campaign", "person")
        .order_by("pk")
        .first()
    )
    approved_on = timezone.localdate(nomination.campaign.approved_at)
    Honour.objects.filter(pk=nomination.honour_id).update(awarded_on=approved_on - datetime.timedelta(days=10))

    report = _check_records()

    assert [(p.kind, p.pk) for p in campaign_problems()] == [("dates", nomination.pk)]
    assert f"{nomination.campaign.title} · {nomination.person.name}" in report
    assert f"早于{approved_on:%Y-%m-%d}审批当选结果" in report
    assert campaign_problems(Nomination.objects.exclude(pk=nomination.pk)) == []


def test_records_naming_someone_before_they_joined_are_named(demo):
    auxiliary = demo_traffic_auxiliary()
    Person.objects.filter(pk=auxiliary.pk).update(joined_police_on=datetime.date(2023, 1, 1))  # as a typo could

    report = _check_records()

    august = Nomination.objects.get(person=auxiliary, campaign__period_start=datetime.date(2022, 8, 1))
    assert ("dates", august.pk) in [(p.kind, p.pk) for p in campaign_problems()]
    name, unit = auxiliary.name, auxiliary.unit.name
    assert f"{august.campaign.title} · {name}（{unit}）：{name}于2023-01-01才入职，晚于本期评选的周期" in report
    deeds = DeedPerson.objects.filter(person=auxiliary).values_list("deed", flat=True)
    assert {p.pk for p in deed_problems() if p.kind == "dates"} >= set(deeds) and len(deeds) >= 3
    assert f"事迹所列{auxiliary.name}于2023-01-01才入职" in report
