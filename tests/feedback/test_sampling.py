"""Sampling: sensitive cases and excluded kinds are never surveyed, citizens are spaced out, officers capped, the
delay applied; each decision is recorded with its reason."""

import datetime

import pytest
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.feedback.enums import InteractionKind, SurveyDecision, SurveyStatus
from qunying.feedback.models import SamplingPolicy, Survey
from qunying.feedback.sampling import Candidate, Sampler
from qunying.feedback.services import update_sampling_policy
from tests.feedback.conftest import record

HOUR = datetime.timedelta(hours=1)


def decision(interaction) -> Survey:
    return Survey.objects.get(interaction=interaction)


def test_an_ordinary_interaction_is_surveyed_after_the_delay(officers, settings):
    settings.QUNYING_SMS_SAMPLING_DELAY_MINUTES = 45
    occurred = timezone.now() - HOUR

    survey = decision(record(officers["a"], occurred_at=occurred))

    assert (survey.decision, survey.status) == (SurveyDecision.SAMPLED, SurveyStatus.QUEUED)
    assert survey.send_after == occurred + datetime.timedelta(minutes=45)
    assert "45" in survey.reason


@pytest.mark.parametrize(
    "kind", [InteractionKind.DOMESTIC_VIOLENCE, InteractionKind.SEXUAL_OFFENCE, InteractionKind.JUVENILE]
)
def test_sensitive_kinds_are_excluded_by_default(officers, kind):
    survey = decision(record(officers["a"], kind=kind))

    assert (survey.decision, survey.status) == (SurveyDecision.EXCLUDED_KIND, SurveyStatus.SKIPPED)
    assert survey.decision_detail == {"kind": kind}


def test_anything_marked_sensitive_is_excluded_whatever_its_kind(officers):
    survey = decision(record(officers["a"], kind=InteractionKind.HOUSEHOLD, sensitive=True))

    assert survey.decision == SurveyDecision.SENSITIVE


def test_no_mobile_number_means_no_survey(officers):
    assert decision(record(officers["a"], phone="")).decision == SurveyDecision.NO_PHONE


def test_an_interaction_recorded_too_late_is_not_surveyed(officers):
    survey = decision(record(officers["a"], occurred_at=timezone.now() - datetime.timedelta(days=5)))

    assert survey.decision == SurveyDecision.TOO_OLD


def test_one_survey_per_citizen_per_interval(officers, settings):
    settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS = 30
    now = timezone.now()
    first = record(officers["a"], occurred_at=now - 3 * HOUR)
    second = record(officers["b"], occurred_at=now - 2 * HOUR)
    other_citizen = record(officers["b"], occurred_at=now - HOUR, phone="13900001111")

    assert decision(first).decision == SurveyDecision.SAMPLED
    assert decision(second).decision == SurveyDecision.CITIZEN_INTERVAL
    assert decision(second).decision_detail["days"] == 30
    assert decision(other_citizen).decision == SurveyDecision.SAMPLED


def test_the_citizen_interval_is_counted_in_days(officers, settings):
    settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS = 1
    settings.QUNYING_SMS_SAMPLING_MAX_AGE_HOURS = 100
    now = timezone.now()
    record(officers["a"], occurred_at=now - 30 * HOUR, now=now)

    later = record(officers["a"], occurred_at=now - HOUR, now=now)

    assert decision(later).decision == SurveyDecision.SAMPLED


def test_an_officer_is_capped_per_period(officers, settings):
    settings.QUNYING_SMS_SAMPLING_OFFICER_CAP = 2
    now = timezone.now()
    surveys = [
        decision(record(officers["a"], occurred_at=now - (5 - i) * HOUR, phone=f"1390000000{i}")) for i in range(3)
    ]
    partner = decision(record(officers["b"], occurred_at=now - HOUR, phone="13900000009"))

    assert [s.decision for s in surveys] == [SurveyDecision.SAMPLED, SurveyDecision.SAMPLED, SurveyDecision.OFFICER_CAP]
    assert surveys[2].decision_detail == {"officer": "340101", "count": 2, "cap": 2, "days": 30}
    assert "340101" in surveys[2].reason
    assert partner.decision == SurveyDecision.SAMPLED


def test_a_team_is_skipped_when_any_of_its_officers_is_capped(officers, settings):
    settings.QUNYING_SMS_SAMPLING_OFFICER_CAP = 1
    now = timezone.now()
    record(officers["a"], occurred_at=now - 2 * HOUR, phone="13900000001")

    team = decision(record(officers["b"], officers["a"], occurred_at=now - HOUR, phone="13900000002"))

    assert team.decision == SurveyDecision.OFFICER_CAP


def test_the_rules_are_data_edited_by_the_bureau_political_department(officers, role_user):
    officer = role_user("political_officer")

    update_sampling_policy(by=officer, excluded_kinds=[InteractionKind.HOUSEHOLD], citizen_interval_days=7)

    assert decision(record(officers["a"], kind=InteractionKind.HOUSEHOLD)).decision == SurveyDecision.EXCLUDED_KIND
    assert decision(record(officers["a"], kind=InteractionKind.JUVENILE, phone="13900000003")).decision == (
        SurveyDecision.SAMPLED
    )
    entry = AuditEntry.objects.get(action="feedback.sampling_policy.updated")
    assert entry.actor == officer and entry.data["citizen_interval_days"][1] == 7
    assert SamplingPolicy.objects.count() == 1


def test_a_station_political_officer_cannot_change_the_rules(client, role_user, officers):
    client.force_login(role_user("political_officer", "station_a"))

    response = client.post(
        "/ratings/sampling/",
        {
            "delay_minutes": 1,
            "citizen_interval_days": 1,
            "officer_cap": 1,
            "officer_cap_period_days": 1,
            "max_age_hours": 1,
        },
    )

    assert response.status_code == 403
    assert not SamplingPolicy.objects.exists()


def test_the_sampling_page_saves_the_rules(client, role_user, officers):
    client.force_login(role_user("political_officer"))

    response = client.post(
        "/ratings/sampling/",
        {
            "excluded_kinds": ["domestic_violence", "juvenile"],
            "delay_minutes": 10,
            "citizen_interval_days": 14,
            "officer_cap": 100,
            "officer_cap_period_days": 30,
            "max_age_hours": 24,
        },
    )

    assert response.status_code == 302
    policy = SamplingPolicy.current()
    assert (policy.excluded_kinds, policy.delay_minutes, policy.citizen_interval_days) == (
        ["domestic_violence", "juvenile"],
        10,
        14,
    )
    assert "抽样规则已保存" in client.get(response.url).content.decode()


def test_history_for_a_whole_batch_takes_two_queries(officers, django_assert_num_queries):
    now = timezone.now()
    candidates = [
        Candidate(now - HOUR, InteractionKind.ALARM_110, False, f"index-{i}", [officers["a"].pk, officers["b"].pk])
        for i in range(50)
    ]
    sampler = Sampler(SamplingPolicy.current(), now=now)

    with django_assert_num_queries(2):
        sampler.load_history(candidates)
