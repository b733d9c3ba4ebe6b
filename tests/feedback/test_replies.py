"""Replies: matched to the survey last sent to that phone, counted once and only in time, late ones kept, unclear
ones coded by hand; every 不满意 opens a callback due in 24 hours."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.feedback.enums import CallbackStatus, Rating, ReplyStatus, SurveyStatus
from qunying.feedback.models import Callback, SurveyReply
from qunying.feedback.services import code_reply, expire_surveys
from tests.feedback.conftest import reply, sent_survey

DAY = datetime.timedelta(days=1)


def test_a_reply_in_time_counts_and_closes_the_survey(officers):
    survey = sent_survey(officers["a"])

    answer, created = reply("2 基本还行")

    survey.refresh_from_db()
    assert created and answer.survey == survey
    assert (answer.rating, answer.comment, answer.counted, answer.late) == (
        Rating.BASICALLY_SATISFIED,
        "基本还行",
        True,
        False,
    )
    assert (survey.status, survey.replied_at) == (SurveyStatus.REPLIED, answer.received_at)


def test_a_reply_after_expiry_is_kept_but_not_counted(officers):
    survey = sent_survey(officers["a"])
    expire_surveys(now=survey.expires_at)

    answer, _ = reply("1", at=survey.expires_at + datetime.timedelta(minutes=1))

    survey.refresh_from_db()
    assert (answer.survey, answer.late, answer.counted) == (survey, True, False)
    assert survey.status == SurveyStatus.EXPIRED


def test_only_the_first_rating_of_a_survey_counts(officers):
    sent_survey(officers["a"])

    first, _ = reply("1")
    second, _ = reply("3 我改主意了")

    assert (first.counted, second.counted) == (True, False)
    assert SurveyReply.objects.filter(counted=True).count() == 1
    assert second.rating == Rating.DISSATISFIED  # kept as the citizen wrote it


def test_a_reply_matches_the_latest_survey_to_that_phone(officers, settings):
    settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS = 0
    now = timezone.now()
    older = sent_survey(officers["a"], occurred_at=now - datetime.timedelta(hours=5))
    newer = sent_survey(officers["b"], occurred_at=now - datetime.timedelta(hours=2))

    answer, _ = reply("1")

    assert answer.survey == newer != older


def test_an_unclear_reply_waits_for_coding_and_then_counts(client, officers, role_user):
    survey = sent_survey(officers["a"])
    answer, _ = reply("你好，请问是哪位")
    manager = role_user("unit_manager", "station_a")
    client.force_login(manager)
    assert answer.status == ReplyStatus.UNPARSEABLE and not answer.counted
    assert "你好，请问是哪位" in client.get(reverse("feedback:reply_coding")).content.decode()

    response = client.post(reverse("feedback:reply_code", args=[answer.pk]), {"rating": "satisfied", "comment": ""})

    answer.refresh_from_db()
    survey.refresh_from_db()
    assert response.status_code == 302
    assert (answer.status, answer.rating, answer.counted, answer.coded_by) == (
        ReplyStatus.CODED,
        Rating.SATISFIED,
        True,
        manager,
    )
    assert survey.status == SurveyStatus.REPLIED
    assert AuditEntry.objects.filter(action="feedback.reply.coded", actor=manager).count() == 1
    assert "回复已判读" in client.get(response.url).content.decode()


def test_an_unclear_reply_may_be_coded_as_no_rating(officers, role_user):
    sent_survey(officers["a"])
    answer, _ = reply("收到")

    code_reply(answer, rating="", by=role_user("political_officer"))

    answer.refresh_from_db()
    assert (answer.status, answer.counted) == (ReplyStatus.NO_RATING, False)


def test_a_coded_late_reply_is_recorded_but_not_counted(officers, role_user):
    survey = sent_survey(officers["a"])
    answer, _ = reply("嗯", at=survey.expires_at + DAY)

    code_reply(answer, rating=Rating.SATISFIED, by=role_user("political_officer"))

    answer.refresh_from_db()
    assert (answer.rating, answer.counted, answer.late) == (Rating.SATISFIED, False, True)


def test_a_reply_cannot_be_coded_twice_or_from_another_unit(officers, role_user):
    sent_survey(officers["a"])
    answer, _ = reply("嗯")

    with pytest.raises(PermissionDenied):
        code_reply(answer, rating=Rating.SATISFIED, by=role_user("unit_manager", "station_b"))
    code_reply(answer, rating=Rating.SATISFIED, by=role_user("political_officer"))
    with pytest.raises(Exception, match="已经判读"):
        code_reply(answer, rating=Rating.DISSATISFIED, by=role_user("political_officer"))


def test_dissatisfied_opens_a_callback_due_in_24_hours(officers):
    survey = sent_survey(officers["a"])

    answer, _ = reply("不满意，等了很久")

    callback = Callback.objects.get()
    assert (callback.survey, callback.reply, callback.unit) == (survey, answer, officers["a"].unit)
    assert callback.due_at == answer.received_at + datetime.timedelta(hours=24)
    assert callback.status == CallbackStatus.OPEN
    assert AuditEntry.objects.get(action="feedback.reply.received").data["callback"] == callback.pk


def test_a_coded_dissatisfied_reply_opens_a_callback_too(officers, role_user):
    sent_survey(officers["a"])
    answer, _ = reply("太差了")

    code_reply(answer, rating=Rating.DISSATISFIED, by=role_user("political_officer"))

    assert Callback.objects.get().reply == answer


def test_expiry_moves_only_surveys_past_their_time(officers, settings):
    settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS = 0
    survey = sent_survey(officers["a"])

    assert expire_surveys(now=survey.expires_at - datetime.timedelta(minutes=1)) == 0
    assert expire_surveys(now=survey.expires_at) == 1
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.EXPIRED
