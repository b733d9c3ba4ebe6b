"""The SMS simulator: only with the console backend, for political officers only (the 三员 reach no business page);
replies go through the same service as the webhook."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.feedback.enums import Rating, SurveyStatus
from qunying.feedback.models import Survey, SurveyReply
from tests.feedback.conftest import PHONE, record, sent_survey


def test_a_tester_replies_as_the_citizen(client, officers, role_user):
    survey = sent_survey(officers["a"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("feedback:simulator")).content.decode()
    response = client.post(reverse("feedback:simulator"), {"survey": survey.pk, "text": "满意，谢谢"})

    assert "138****6666" in page and PHONE not in page and "回复1满意" in page
    reply = SurveyReply.objects.get()
    assert (reply.survey, reply.rating, reply.comment, reply.counted) == (survey, Rating.SATISFIED, "谢谢", True)
    assert AuditEntry.objects.get(action="feedback.reply.received").data["via"] == "simulator"
    assert "回复已记录" in client.get(response.url).content.decode()


def test_the_tester_can_send_the_due_surveys(client, officers, role_user):
    record(officers["a"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    client.post(reverse("feedback:simulator"), {"action": "send"})

    assert Survey.objects.get().status == SurveyStatus.SENT


def test_a_reply_to_nothing_is_refused_with_a_message(client, officers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(reverse("feedback:simulator"), {"survey": 999, "text": "1"}, follow=True)

    assert "请选择一条已发送的短信" in response.content.decode()
    assert not SurveyReply.objects.exists()


def test_the_simulator_opens_for_the_political_officer_with_the_console_backend(client, officers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    assert client.get(reverse("feedback:simulator")).status_code == 200


@pytest.mark.parametrize("backend", ["outbox", "http"])
def test_there_is_no_simulator_with_a_real_gateway(client, officers, role_user, settings, backend):
    settings.QUNYING_SMS_BACKEND = backend
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    assert client.get(reverse("feedback:simulator")).status_code == 404


@pytest.mark.parametrize(
    "role",
    [Role.SYS_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.UNIT_MANAGER, Role.LEADER, Role.MEMBER],
)
def test_other_roles_have_no_simulator(client, officers, role_user, role):
    record(officers["a"])
    client.force_login(role_user(role))

    assert client.get(reverse("feedback:simulator")).status_code == 403
    assert client.post(reverse("feedback:simulator"), {"action": "send"}).status_code == 403
    assert Survey.objects.get().status == SurveyStatus.QUEUED
