"""Suggestions: created above the threshold for people outside the reserve, accepted into the reserve or dismissed,
re-armed only by new evidence; pages, scope and query counts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.discovery.models import DiscoveryRun, SignalSnapshot, Suggestion
from qunying.discovery.services import accept_suggestion, dismiss_suggestion, run_discovery
from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier
from tests.discovery.conftest import YEAR, make_deed, make_honour
from tests.factories import PersonFactory


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


def _strong(unit, name="强者"):
    person = PersonFactory(unit=unit, name=name)
    PersonFactory(unit=unit)  # a peer with nothing recorded, so percentiles mean something
    make_deed(person, hazard="high")
    make_honour(person)
    return person


def test_a_run_suggests_strong_people_outside_the_reserve(tree, officer):
    strong = _strong(tree["squad_a"])
    in_reserve = _strong(tree["squad_a"])
    PersonFactory(unit=tree["squad_a"])  # nothing recorded
    change = propose_tier(
        person=in_reserve, to_tier="reserve", reason="好", level="unit", category="public", by=officer
    )
    decide_tier_change(change, approve=True, by=officer)

    run = run_discovery(year=YEAR, by=officer)

    assert list(Suggestion.objects.values_list("person_id", "status")) == [(strong.pk, "open")]
    assert SignalSnapshot.objects.filter(run=run).count() == 2
    assert AuditEntry.objects.filter(action="discovery.run.finished").count() == 1


def test_dismissed_suggestion_rearms_only_with_new_evidence(tree, officer):
    person = _strong(tree["squad_a"])
    PersonFactory(unit=tree["squad_a"])
    run_discovery(year=YEAR, by=officer)
    suggestion = Suggestion.objects.get(person=person)
    dismiss_suggestion(suggestion, reason="已在其他渠道表彰", by=officer)

    run_discovery(year=YEAR, by=officer)  # same evidence
    suggestion.refresh_from_db()
    assert suggestion.status == "dismissed"

    make_deed(person, status="proposed")  # unverified: not evidence
    run_discovery(year=YEAR, by=officer)
    suggestion.refresh_from_db()
    assert suggestion.status == "dismissed"

    make_deed(person)  # a new verified deed
    run_discovery(year=YEAR, by=officer)
    suggestion.refresh_from_db()
    assert suggestion.status == "open"
    assert suggestion.dismissal_reason == "已在其他渠道表彰"


def test_a_new_honour_also_rearms(tree, officer):
    person = _strong(tree["squad_a"])
    run_discovery(year=YEAR, by=officer)
    dismiss_suggestion(Suggestion.objects.get(person=person), reason="暂缓", by=officer)
    make_honour(person, code="commendation", level="city")
    run_discovery(year=YEAR, by=officer)
    assert Suggestion.objects.get(person=person).status == "open"


def test_accepting_proposes_a_reserve_entry_and_decides_nothing_else(tree, officer, role_user):
    person = _strong(tree["squad_a"])
    run_discovery(year=YEAR, by=officer)
    manager = role_user(Role.UNIT_MANAGER, "station_a")

    suggestion = accept_suggestion(
        Suggestion.objects.get(person=person),
        tier="reserve",
        level="unit",
        category="frontline",
        reason="事迹突出",
        by=manager,
    )

    entry = ReserveEntry.objects.get(person=person)
    assert (suggestion.status, suggestion.reserve_entry, entry.status) == ("accepted", entry, EntryStatus.PROPOSED)
    assert entry.source_suggestion_id == suggestion.pk
    with pytest.raises(PermissionDenied, match="已经处理过"):
        dismiss_suggestion(suggestion, reason="x", by=officer)


def test_another_units_manager_cannot_decide(tree, officer, role_user):
    person = _strong(tree["station_b"])
    run_discovery(year=YEAR, by=officer)
    with pytest.raises(PermissionDenied):
        dismiss_suggestion(
            Suggestion.objects.get(person=person), reason="x", by=role_user(Role.UNIT_MANAGER, "station_a")
        )


def test_another_units_suggestions_do_not_leak(client, tree, officer, role_user):
    _strong(tree["squad_a"], name="甲所强者")
    theirs = _strong(tree["station_b"], name="乙所强者")
    run_discovery(year=YEAR, by=officer)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("discovery:suggestion_list")).content.decode()
    assert "甲所强者" in page and "乙所强者" not in page
    assert "乙所强者" not in client.get(reverse("discovery:suggestion_list"), {"q": "乙所"}).content.decode()
    suggestion = Suggestion.objects.get(person=theirs)
    assert client.get(reverse("discovery:suggestion_detail", args=[suggestion.pk])).status_code == 404
    assert (
        client.post(
            reverse("discovery:suggestion_dismiss", args=[suggestion.pk]), {"dismissal_reason": "x"}
        ).status_code
        == 404
    )
    assert Suggestion.objects.get(pk=suggestion.pk).status == "open"


@pytest.mark.parametrize("count", [1, 3])
def test_suggestion_list_query_count_does_not_grow(client, tree, officer, django_assert_num_queries, count):
    for index in range(count):
        _strong(tree["squad_a"], name=f"强者{index}")
    run_discovery(year=YEAR, by=officer)
    client.force_login(officer)
    with django_assert_num_queries(12):
        response = client.get(reverse("discovery:suggestion_list"))
    assert len(response.context["rows"]) == count


def test_detail_page_shows_reasons_and_dismissing_through_the_form(client, tree, officer):
    person = _strong(tree["squad_a"])
    run_discovery(year=YEAR, by=officer)
    suggestion = Suggestion.objects.get(person=person)
    client.force_login(officer)

    page = client.get(reverse("discovery:suggestion_detail", args=[suggestion.pk])).content.decode()
    assert "已核实事迹1项" in page and "其中高风险1项" in page

    response = client.post(reverse("discovery:suggestion_dismiss", args=[suggestion.pk]), {"dismissal_reason": ""})
    assert response.status_code == 200
    assert Suggestion.objects.get(pk=suggestion.pk).status == "open"
    client.post(reverse("discovery:suggestion_dismiss", args=[suggestion.pk]), {"dismissal_reason": "证据不足"})
    assert Suggestion.objects.get(pk=suggestion.pk).status == "dismissed"


def test_run_page_enqueues_the_task(client, tree, officer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _strong(tree["squad_a"])
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("discovery:run"), {"year": YEAR})
    assert response.status_code == 302
    assert DiscoveryRun.objects.get().status == "finished"
    assert Suggestion.objects.count() == 1


def test_weights_page_for_political_officers_only(client, tree, officer, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    assert client.get(reverse("discovery:weights")).status_code == 403
    client.force_login(officer)
    response = client.post(
        reverse("discovery:weights"),
        {
            "deeds": "1",
            "honours": "0",
            "satisfaction": "0",
            "nominations": "0",
            "forum_mentions": "0",
            "service_years": "0",
            "threshold": "90",
        },
    )
    assert response.status_code == 302
    from qunying.discovery.services import current_weights

    assert current_weights().threshold == 90
    assert AuditEntry.objects.filter(action="discovery.weights.updated").count() == 1
