"""Ratings fixtures: officers in the test tree, and helpers that go through the real services."""

import datetime
import itertools

import pytest
from django.utils import timezone

from qunying.feedback import summaries
from qunying.feedback.enums import InteractionKind, InteractionSource, Rating, ReplyStatus, SurveyDecision, SurveyStatus
from qunying.feedback.importer import InteractionRow
from qunying.feedback.models import InteractionOfficer, ServiceInteraction, Survey, SurveyReply
from qunying.feedback.services import receive_sms_reply, send_due_surveys
from qunying.feedback.services.interactions import record_interactions
from qunying.feedback.sms import ConsoleBackend
from tests.factories import PersonFactory

PHONE = "13855556666"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _sms_settings(settings):
    settings.QUNYING_SMS_BACKEND = "console"
    settings.QUNYING_SMS_RATE = 1000
    settings.QUNYING_SMS_RETRY_BACKOFF = 0.01
    settings.QUNYING_SMS_WEBHOOK_SECRET = "webhook-test-secret"
    settings.QUNYING_SMS_GATEWAY_SECRET = "gateway-test-secret"


@pytest.fixture
def officers(tree):
    return {
        "a": PersonFactory(name="甲所民警", badge_number="340101", unit=tree["station_a"]),
        "squad": PersonFactory(name="甲所中队民警", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="乙所民警", badge_number="340201", unit=tree["station_b"]),
    }


def record(
    *officers,
    phone: str = PHONE,
    kind: str = InteractionKind.ALARM_110,
    occurred_at: datetime.datetime | None = None,
    sensitive: bool = False,
    number: str | None = None,
    now: datetime.datetime | None = None,
) -> ServiceInteraction:
    """One interaction through the recording service (sampling decided as for real)."""
    row = InteractionRow(
        number=0,
        incident_number=number or f"J{next(_numbers):08d}",
        kind=kind,
        occurred_at=occurred_at or timezone.now() - datetime.timedelta(hours=1),
        officers=list(officers),
        phone=phone,
        sensitive=sensitive,
    )
    [(interaction, _)] = record_interactions([row], source=InteractionSource.API, by=None, now=now)
    return interaction


def send(at: datetime.datetime | None = None) -> dict:
    return send_due_surveys(now=at or timezone.now(), backend=ConsoleBackend())


def sent_survey(*officers, **kwargs) -> Survey:
    interaction = record(*officers, **kwargs)
    send()
    survey = Survey.objects.get(interaction=interaction)
    assert survey.status == SurveyStatus.SENT
    return survey


def reply(text: str, *, phone: str = PHONE, at: datetime.datetime | None = None, message_id: str | None = None):
    return receive_sms_reply(
        message_id=message_id or f"m-{next(_numbers)}", phone=phone, text=text, received_at=at or timezone.now()
    )


def give_ratings(person, *, satisfied=0, basic=0, dissatisfied=0, at=None) -> None:
    """Valid replies about `person` in bulk (for scores): interaction, survey and counted reply for each."""
    at = at or timezone.now() - datetime.timedelta(days=1)
    ratings = (
        [Rating.SATISFIED] * satisfied + [Rating.BASICALLY_SATISFIED] * basic + [Rating.DISSATISFIED] * dissatisfied
    )
    interactions = ServiceInteraction.objects.bulk_create(
        [
            ServiceInteraction(
                incident_number=f"R{next(_numbers):09d}",
                kind=InteractionKind.ALARM_110,
                occurred_at=at,
                unit=person.unit,
                source=InteractionSource.DEMO,
            )
            for _ in ratings
        ]
    )
    InteractionOfficer.objects.bulk_create([InteractionOfficer(interaction=i, person=person) for i in interactions])
    surveys = Survey.objects.bulk_create(
        [
            Survey(interaction=i, decision=SurveyDecision.SAMPLED, status=SurveyStatus.REPLIED, claimed_at=at)
            for i in interactions
        ]
    )
    SurveyReply.objects.bulk_create(
        [
            SurveyReply(
                message_id=f"r-{survey.pk}",
                survey=survey,
                text=rating,
                received_at=at,
                status=ReplyStatus.PARSED,
                rating=rating,
                counted=True,
            )
            for survey, rating in zip(surveys, ratings, strict=True)
        ]
    )
    summaries.rebuild()  # written in bulk past the services: the summaries are rebuilt, as after any bulk load
