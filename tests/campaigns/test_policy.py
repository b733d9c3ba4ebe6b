"""The campaigns policy on nominations and objections: role × unit × phase → allowed, page and service alike."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Nomination
from qunying.campaigns.queries import nominations_visible_to
from tests.campaigns.conftest import move

# (role, where the role is held) → may change a nomination of station_a while nominations are open
ACTORS = [
    ("political_officer", "bureau", True),
    ("unit_manager", "station_a", True),
    ("unit_manager", "station_b", False),
    ("leader", "bureau", False),
    ("judge", "bureau", False),
]


@pytest.mark.parametrize("phase", list(Phase))
@pytest.mark.parametrize(("role", "where", "allowed"), ACTORS)
def test_who_may_change_a_nomination_in_each_phase(campaign, aux, role_user, role, where, allowed, phase):
    nomination = services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=None)
    move(campaign, phase)
    nomination = Nomination.objects.select_related("campaign", "unit").get(pk=nomination.pk)

    may = role_user(role, where).has_perm("campaigns.change_nomination", nomination)

    assert may == (allowed and phase == Phase.NOMINATING)


@pytest.mark.parametrize("phase", [Phase.NOMINATING, Phase.JUDGING, Phase.DECIDING])
def test_who_may_assign_a_judge_in_each_phase(campaign, aux, role_user, phase):
    nomination = services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=None)
    move(campaign, phase)
    nomination = Nomination.objects.select_related("campaign", "unit").get(pk=nomination.pk)
    open_phase = phase in (Phase.NOMINATING, Phase.JUDGING)

    assert role_user("political_officer").has_perm("campaigns.assign_judge", nomination) == open_phase
    assert not role_user("political_officer", "station_a").has_perm("campaigns.assign_judge", nomination)
    with pytest.raises(PermissionDenied):
        services.assign_judge(nomination=nomination, judge=role_user("judge"), by=role_user("leader"))


def test_a_judge_reads_only_the_nominations_assigned_and_not_recused(campaign, aux, role_user):
    officer, judge = role_user("political_officer"), role_user("judge")
    mine = services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    recused = services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    services.nominate(campaign=campaign, person=aux["b2"], statement="事迹", by=officer)
    services.assign_judge(nomination=mine, judge=judge, by=officer)
    services.declare_conflict(
        assignment=services.assign_judge(nomination=recused, judge=judge, by=officer), conflict="同乡", by=judge
    )

    assert list(nominations_visible_to(judge)) == [mine]
    assert judge.has_perm("campaigns.view_nomination", mine)
    assert not judge.has_perm("campaigns.view_nomination", recused)


def test_an_objection_is_resolved_only_while_open_during_the_notice(client, campaign, aux, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    Nomination.objects.filter(pk=nomination.pk).update(status="approved")
    move(campaign, Phase.NOTICE)
    objection = services.raise_objection(nomination=nomination, name="王某", contact="138", text="不实")
    url = reverse("campaigns:objection_resolve", args=[objection.pk])

    client.force_login(role_user("leader"))
    assert client.post(url, {"upheld": "0", "finding": "查无实据"}).status_code == 403
    client.force_login(officer)
    assert client.post(url, {"upheld": "0", "finding": "查无实据"}).status_code == 302
    objection.refresh_from_db()
    assert objection.status == "dismissed"
    assert client.post(url, {"upheld": "0", "finding": "再查"}).status_code == 403
    assert not officer.has_perm("campaigns.resolve_objection", objection)
