"""The discovery policy (discovery.rules): role × unit × state → allowed, the same for a page, a list and a service."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qunying.core.roles import Role
from qunying.discovery.enums import SuggestionStatus
from qunying.discovery.models import Suggestion
from qunying.discovery.rules import policy
from qunying.discovery.services import dismiss_suggestion, update_weights
from tests.discovery.conftest import YEAR
from tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("role", "unit", "status", "allowed"),
    [
        (Role.UNIT_MANAGER, "station_a", SuggestionStatus.OPEN, True),
        (Role.POLITICAL_OFFICER, "bureau", SuggestionStatus.OPEN, True),
        (Role.POLITICAL_OFFICER, "bureau", SuggestionStatus.ACCEPTED, False),
        (Role.POLITICAL_OFFICER, "bureau", SuggestionStatus.DISMISSED, False),
        (Role.UNIT_MANAGER, "station_b", SuggestionStatus.OPEN, False),
        (Role.LEADER, "bureau", SuggestionStatus.OPEN, False),
    ],
)
def test_decide_suggestion_by_role_unit_and_state(tree, role_user, role, unit, status, allowed):
    suggestion = Suggestion.objects.create(person=PersonFactory(unit=tree["squad_a"]), year=YEAR, status=status)
    user = role_user(role, unit)

    assert user.has_perm("discovery.decide_suggestion", suggestion) is allowed
    assert policy.filter(user, "decide_suggestion", Suggestion.objects.all()).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            dismiss_suggestion(suggestion, reason="证据不足", by=user)


@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        (Role.LEADER, "bureau", 200),
        (Role.UNIT_MANAGER, "station_a", 200),
        (Role.UNIT_MANAGER, "station_b", 404),
        (Role.PUBLICITY_EDITOR, "bureau", 404),
    ],
)
def test_view_suggestion_by_role_and_unit(client, tree, role_user, role, unit, status):
    suggestion = Suggestion.objects.create(person=PersonFactory(unit=tree["squad_a"]), year=YEAR)
    client.force_login(role_user(role, unit))

    assert client.get(reverse("discovery:suggestion_detail", args=[suggestion.pk])).status_code == status


@pytest.mark.parametrize(("role", "allowed"), [(Role.POLITICAL_OFFICER, True), (Role.LEADER, False)])
def test_only_the_political_department_sets_the_weights(role_user, role, allowed):
    user = role_user(role)

    assert user.has_perm("discovery.change_weights") is allowed
    if allowed:
        assert update_weights(by=user, deeds=2).deeds == 2
    else:
        with pytest.raises(PermissionDenied, match="政工部门"):
            update_weights(by=user, deeds=2)
