"""The ratings policy (feedback.rules): role × unit × state → allowed, the same for a page, a list and a service."""

import pytest
from django.core.exceptions import PermissionDenied

from qunying.core.roles import Role
from qunying.feedback.enums import CallbackStatus, Rating, ReplyStatus
from qunying.feedback.models import Callback, SurveyReply
from qunying.feedback.rules import policy
from qunying.feedback.services import code_reply, update_callback, update_sampling_policy
from tests.feedback.conftest import reply, sent_survey


@pytest.mark.parametrize(
    ("role", "unit", "status", "allowed"),
    [
        (Role.UNIT_MANAGER, "station_a", ReplyStatus.UNPARSEABLE, True),
        (Role.POLITICAL_OFFICER, "bureau", ReplyStatus.UNPARSEABLE, True),
        (Role.POLITICAL_OFFICER, "bureau", ReplyStatus.CODED, False),
        (Role.POLITICAL_OFFICER, "bureau", ReplyStatus.PARSED, False),
        (Role.UNIT_MANAGER, "squad_a", ReplyStatus.UNPARSEABLE, False),
        (Role.UNIT_MANAGER, "station_b", ReplyStatus.UNPARSEABLE, False),
        (Role.LEADER, "bureau", ReplyStatus.UNPARSEABLE, False),
    ],
)
def test_code_reply_by_role_unit_and_state(officers, role_user, role, unit, status, allowed):
    sent_survey(officers["a"])
    answer, _ = reply("嗯")
    SurveyReply.objects.filter(pk=answer.pk).update(status=status)
    answer.refresh_from_db()
    user = role_user(role, unit)

    assert user.has_perm("feedback.code_reply", answer) is allowed
    assert policy.filter(user, "code_reply", SurveyReply.objects.all()).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            code_reply(answer, rating=Rating.SATISFIED, by=user)


@pytest.mark.parametrize(
    ("role", "unit", "status", "allowed"),
    [
        (Role.UNIT_MANAGER, "station_a", CallbackStatus.OPEN, True),
        (Role.UNIT_MANAGER, "station_a", CallbackStatus.IN_PROGRESS, True),
        (Role.UNIT_MANAGER, "station_a", CallbackStatus.CLOSED, False),
        (Role.POLITICAL_OFFICER, "bureau", CallbackStatus.OPEN, True),
        (Role.UNIT_MANAGER, "station_b", CallbackStatus.OPEN, False),
        (Role.LEADER, "bureau", CallbackStatus.OPEN, False),
    ],
)
def test_handle_callback_by_role_unit_and_state(officers, role_user, role, unit, status, allowed):
    sent_survey(officers["a"])
    reply("3 太慢了")
    Callback.objects.update(status=status)
    callback = Callback.objects.get()
    user = role_user(role, unit)

    assert user.has_perm("feedback.handle_callback", callback) is allowed
    assert policy.filter(user, "handle_callback", Callback.objects.all()).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            update_callback(callback, status=CallbackStatus.CLOSED, outcome="已回访", by=user)


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [
        (Role.POLITICAL_OFFICER, "bureau", True),
        (Role.POLITICAL_OFFICER, "station_a", False),  # sampling rules hold for the whole installation
        (Role.LEADER, "bureau", False),
        (Role.UNIT_MANAGER, "bureau", False),
    ],
)
def test_only_the_bureaus_political_department_sets_sampling(role_user, role, unit, allowed):
    user = role_user(role, unit)

    assert user.has_perm("feedback.manage_sampling") is allowed
    if allowed:
        assert update_sampling_policy(by=user, officer_cap=5).officer_cap == 5
    else:
        with pytest.raises(PermissionDenied):
            update_sampling_policy(by=user, officer_cap=5)


@pytest.mark.parametrize(
    ("role", "unit", "mine", "squad", "theirs"),
    [
        (Role.POLITICAL_OFFICER, "bureau", True, True, True),
        (Role.UNIT_MANAGER, "station_a", True, True, False),
        (Role.LEADER, "bureau", True, True, True),
        (Role.MEMBER, "station_a", False, False, False),
    ],
)
def test_officer_ratings_are_read_within_the_units(officers, role_user, role, unit, mine, squad, theirs):
    user = role_user(role, unit)

    assert [user.has_perm("feedback.view_officer_ratings", officers[key]) for key in ("a", "squad", "b")] == [
        mine,
        squad,
        theirs,
    ]
