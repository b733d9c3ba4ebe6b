"""Campaign types as data, opening campaigns per period, the periodic task, phases and their transitions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qunying.campaigns import services
from qunying.campaigns.enums import PHASE_TRANSITIONS, Phase
from qunying.campaigns.models import Campaign, CampaignType
from qunying.campaigns.services.types import check_campaign_type
from qunying.core import periodic
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import DAY, judge_all, move


def test_the_three_default_types_are_seeded(types):
    assert {t.name for t in types.values()} == {"最美民警", "辅警之星", "辅警标兵"}
    police = types["most_beautiful_police"]
    assert police.eligible_categories() == {"police"} and police.has_public_vote
    assert types["aux_star"].eligible_categories() == {"auxiliary"} and not types["aux_star"].has_public_vote
    assert types["aux_star"].award_type.name == "辅警之星"
    assert types["aux_model"].notice_working_days == 7
    names = [(c.name, c.informational) for c in types["aux_star"].criteria.all()]
    assert names == [("业绩", False), ("群众评价", False), ("事迹", False), ("廉洁自律", True)]


def test_public_vote_weight_is_capped_at_thirty_percent(types):
    campaign_type = types["most_beautiful_police"]
    campaign_type.vote_weight = Decimal("0.31")
    with pytest.raises(ValidationError) as error:
        campaign_type.full_clean()
    assert "vote_weight" in error.value.message_dict
    assert not CampaignType.objects.filter(vote_weight__gt=Decimal("0.30")).exists()


def test_open_campaign_sets_period_and_dates(types):
    campaign = services.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)
    assert campaign.title == "2024年9月“最美民警”评选"
    assert (campaign.period_start, campaign.period_end) == (datetime.date(2024, 9, 1), datetime.date(2024, 9, 30))
    assert campaign.nominating_until == datetime.date(2024, 9, 6)  # 5th working day of September
    assert campaign.voting_until is not None
    assert AuditEntry.objects.filter(action="campaigns.campaign.open", object_id=str(campaign.pk)).count() == 1
    with pytest.raises(ValidationError, match="本期评选已开启"):
        services.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)


def test_periods():
    day = datetime.date(2024, 5, 17)
    assert services.period_of("quarterly", day) == (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    assert services.period_of("yearly", day) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def test_the_periodic_task_opens_each_periods_campaign_once(types, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from qunying.campaigns.tasks import open_and_advance_campaigns

    assert "qunying.campaigns.tasks.open_and_advance_campaigns" in {e.name for e in periodic.discover()}
    open_and_advance_campaigns.enqueue()
    open_and_advance_campaigns.enqueue()
    assert Campaign.objects.count() == 3


def test_notice_length_counts_working_days_across_a_holiday(db):
    # 2024-09-30 (Mon) + National Day (10-01..10-07 off, Saturday 10-12 worked): the 7th working day is 10-14.
    assert services.notice_end(datetime.date(2024, 9, 30), 7) == datetime.date(2024, 10, 14)


def test_transitions_map_is_enforced(campaign, role_user):
    officer = role_user("political_officer")
    with pytest.raises(ValidationError, match="不能从"):
        services.advance_phase(campaign=campaign, to=Phase.DECIDING, by=officer)
    services.advance_phase(campaign=campaign, to=Phase.JUDGING, by=officer)
    campaign.refresh_from_db()
    assert campaign.phase == Phase.JUDGING
    with pytest.raises(ValidationError, match="不设公众投票"):
        services.advance_phase(campaign=campaign, to=Phase.VOTING, by=officer)
    assert PHASE_TRANSITIONS[Phase.CLOSED] == set()


def test_auto_advance_moves_phases_on_their_dates(campaign, aux, role_user):
    nomination = services.nominate(
        campaign=campaign, person=aux["a"], statement="事迹", by=role_user("political_officer")
    )
    services.advance_due_campaigns(today=campaign.nominating_until)
    campaign.refresh_from_db()
    assert campaign.phase == Phase.NOMINATING
    services.advance_due_campaigns(today=campaign.nominating_until + datetime.timedelta(days=1))
    campaign.refresh_from_db()
    assert campaign.phase == Phase.JUDGING
    # Judging closes into deciding (no public vote) once there is nothing short of reviews.
    for judge in [role_user("judge") for _ in range(campaign.campaign_type.min_judges)]:
        judge_all(campaign, [judge], {judge: {nomination: 8}})
    services.advance_due_campaigns(today=campaign.judging_until + datetime.timedelta(days=1))
    campaign.refresh_from_db()
    assert campaign.phase == Phase.DECIDING


def test_a_campaign_without_nominations_stays_in_judging(campaign):
    move(campaign, Phase.JUDGING)

    services.advance_due_campaigns(today=campaign.judging_until + datetime.timedelta(days=1))

    campaign.refresh_from_db()
    assert campaign.phase == Phase.JUDGING
    move(campaign, Phase.NOMINATING)


# Role × phase → which campaign permissions the role holds.
PERMISSIONS = [
    "nominate",
    "assign_judges",
    "score",
    "propose_winners",
    "approve_winners",
    "resolve_objections",
    "close",
    "release_results",
]
ALLOWED = {
    ("unit_manager", Phase.NOMINATING): {"nominate"},
    ("political_officer", Phase.NOMINATING): {"nominate", "assign_judges"},
    ("political_officer", Phase.JUDGING): {"assign_judges"},
    ("judge", Phase.JUDGING): {"score"},
    ("political_officer", Phase.DECIDING): {"propose_winners"},
    ("leader", Phase.DECIDING): {"approve_winners"},
    ("political_officer", Phase.NOTICE): {"resolve_objections", "close"},
    ("political_officer", Phase.CLOSED): {"release_results"},
}
ROLES = ["political_officer", "leader", "unit_manager", "judge", "publicity_editor", "member", "sys_admin"]


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize("role", ROLES)
def test_role_by_phase_permission_table(campaign, role_user, role, phase):
    user = role_user(role)
    move(campaign, phase)
    allowed = {p for p in PERMISSIONS if user.has_perm(f"campaigns.{p}", campaign)}
    assert allowed == ALLOWED.get((role, phase), set())


def test_checking_a_type_reports_every_problem_at_once_and_writes_nothing(types):
    count = CampaignType.objects.count()
    with pytest.raises(ValidationError) as error:
        check_campaign_type(campaign_type=None, data={"name": " "}, criteria=[{"name": "", "max_score": 5}])

    problems = error.value.message_dict
    assert {"name", "auxiliary_eligible", "period", "award_type", "__all__"} <= set(problems)
    assert CampaignType.objects.count() == count
