"""Media placements and outreach events: services with audit and validation, scoped lists with filters and Excel
export, create/edit pages, permissions, timelines."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.org.timeline import timeline_for
from qunying.publicity import services
from qunying.publicity.models import MediaPlacement, OutreachEvent
from tests.factories import PersonFactory

TODAY = timezone.localdate()


@pytest.fixture
def person(tree):
    return PersonFactory(name="陈志远", unit=tree["station_a"])


def placement(unit, *, title="守护者", people=(), by=None, **fields):
    data = {"outlet": "市日报", "channel": "newspaper", "date": TODAY, "url": "", "reach": 1000} | fields
    return services.create_placement(unit=unit, title=title, people=people, by=by, **data)


def event(unit, speakers, *, title="微党课", by=None, **fields):
    data = {"kind": "party_lesson", "date": TODAY, "place": "会议室", "audience": "党员", "audience_count": 50}
    return services.create_event(unit=unit, title=title, speakers=speakers, by=by, **(data | fields))


# --- services --------------------------------------------------------------------------------------------------------


def test_a_placement_is_recorded_with_audit(tree, person, role_user):
    editor = role_user("publicity_editor", "station_a")
    record = placement(tree["station_a"], people=[person], by=editor, url="https://news.example.cn/a")
    assert list(record.people.all()) == [person] and record.created_by == editor
    entry = AuditEntry.objects.get(action="publicity.placement.created")
    assert entry.data["people"] == [person.pk] and entry.actor == editor


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "data:text/html,<script>"}, "url"),
        ({"url": "ftp://example.org/x"}, "url"),
        ({"channel": "pigeon"}, "channel"),
        ({"date": TODAY + datetime.timedelta(days=1)}, "date"),
        ({"outlet": "  "}, "outlet"),
        ({"reach": -5}, "reach"),
    ],
)
def test_bad_placements_are_refused(tree, fields, field):
    with pytest.raises(ValidationError) as caught:
        placement(tree["station_a"], **fields)
    assert field in caught.value.message_dict
    assert not MediaPlacement.objects.exists()


def test_an_event_needs_a_speaker_and_a_kind(tree, person):
    with pytest.raises(ValidationError) as caught:
        event(tree["station_a"], [], kind="party")
    assert {"speakers", "kind"} <= set(caught.value.message_dict)
    record = event(tree["station_a"], [person])
    assert record.get_kind_display() == "微党课"
    assert AuditEntry.objects.filter(action="publicity.event.created", object_id=str(record.pk)).exists()


def test_writers_outside_the_unit_cannot_record(tree, person, role_user):
    with pytest.raises(PermissionDenied):
        placement(tree["station_b"], by=role_user("publicity_editor", "station_a"))
    with pytest.raises(PermissionDenied):
        event(tree["station_b"], [person], by=role_user("leader"))  # leaders read, they do not record


def test_placements_and_talks_appear_on_the_timeline(tree, person):
    placement(tree["station_a"], people=[person], title="群众身边的守护者")
    event(tree["station_a"], [person], title="平凡岗位上的坚守")
    titles = [e.title for e in timeline_for(person)]
    assert "媒体报道：市日报 · 群众身边的守护者" in titles
    assert "参加微党课宣讲：平凡岗位上的坚守" in titles


# --- pages -----------------------------------------------------------------------------------------------------------


def test_the_list_filters_and_keeps_to_scope(client, tree, person, role_user):
    placement(tree["station_a"], title="甲所电视报道", channel="tv")
    placement(tree["station_a"], title="甲所报纸报道")
    placement(tree["station_b"], title="乙所报道")
    client.force_login(role_user("publicity_editor", "station_a"))
    body = client.get(reverse("publicity:placement_list")).content.decode()
    assert "甲所电视报道" in body and "甲所报纸报道" in body and "乙所报道" not in body
    body = client.get(reverse("publicity:placement_list"), {"channel": "tv"}).content.decode()
    assert "甲所电视报道" in body and "甲所报纸报道" not in body


def test_the_link_is_shown_as_text_never_as_a_link_or_resource(client, tree, role_user):
    placement(tree["station_a"], url="https://news.example.cn/story")
    client.force_login(role_user("publicity_editor"))
    body = client.get(reverse("publicity:placement_list")).content.decode()
    assert "https://news.example.cn/story" in body
    assert 'href="https://news.example.cn' not in body and 'src="https://news.example.cn' not in body


def test_the_export_has_the_same_scope_and_filters_and_neutralises_formulas(client, tree, role_user):
    placement(tree["station_a"], title='=HYPERLINK("x")', channel="tv")
    placement(tree["station_a"], title="报纸", channel="newspaper")
    placement(tree["station_b"], title="乙所", channel="tv")
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.get(reverse("publicity:placement_export"), {"channel": "tv"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][3] == '\'=HYPERLINK("x")'
    assert AuditEntry.objects.filter(action="publicity.placements.exported").exists()


def test_the_event_export_keeps_to_scope(client, tree, person, role_user):
    event(tree["station_a"], [person], title="甲所故事会")
    event(tree["station_b"], [PersonFactory(unit=tree["station_b"])], title="乙所故事会")
    client.force_login(role_user("leader", "station_a"))
    response = client.get(reverse("publicity:event_export"))
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [row[2] for row in rows[1:]] == ["甲所故事会"]


def test_an_export_for_a_unit_outside_scope_is_refused(client, tree, role_user):
    client.force_login(role_user("publicity_editor", "station_a"))
    response = client.get(reverse("publicity:placement_export"), {"unit": tree["station_b"].pk})
    assert response.status_code == 404


def test_creating_and_editing_a_placement_on_the_page(client, tree, person, role_user):
    client.force_login(role_user("publicity_editor", "station_a"))
    data = {"unit": tree["station_a"].pk, "outlet": "市电视台", "channel": "tv", "date": TODAY.isoformat()}
    data |= {"title": "专题", "url": "https://tv.example.cn/1", "reach": "5000", "people": person.badge_number}
    assert client.post(reverse("publicity:placement_create"), data).status_code == 302
    record = MediaPlacement.objects.get()
    assert list(record.people.all()) == [person]
    url = reverse("publicity:placement_update", args=[record.pk])
    assert person.badge_number in client.get(url).content.decode()
    client.post(url, {**data, "title": "专题（修订）", "people": ""})
    record.refresh_from_db()
    assert record.title == "专题（修订）" and not record.people.exists()
    assert AuditEntry.objects.filter(action="publicity.placement.updated").exists()


def test_a_javascript_link_is_refused_on_the_page(client, tree, role_user):
    client.force_login(role_user("publicity_editor"))
    data = {"unit": tree["station_a"].pk, "outlet": "网", "channel": "web", "date": TODAY.isoformat(),
            "title": "t", "url": "javascript:alert(1)"}  # fmt: skip
    response = client.post(reverse("publicity:placement_create"), data)
    assert response.status_code == 200 and not MediaPlacement.objects.exists()


def test_creating_an_event_on_the_page(client, tree, person, role_user):
    client.force_login(role_user("political_officer"))
    data = {"unit": tree["station_a"].pk, "kind": "story_session", "title": "警营故事会", "date": TODAY.isoformat()}
    data |= {"place": "会议室", "speakers": person.badge_number, "audience": "民辅警", "audience_count": "30"}
    assert client.post(reverse("publicity:event_create"), data).status_code == 302
    assert list(OutreachEvent.objects.get().speakers.all()) == [person]
    response = client.post(reverse("publicity:event_create"), {**data, "speakers": "", "audience_count": "abc"})
    assert response.status_code == 200 and OutreachEvent.objects.count() == 1


def test_another_units_records_cannot_be_edited(client, tree, person, role_user):
    record = placement(tree["station_b"])
    talk = event(tree["station_b"], [PersonFactory(unit=tree["station_b"])])
    client.force_login(role_user("publicity_editor", "station_a"))
    assert client.get(reverse("publicity:placement_update", args=[record.pk])).status_code == 404
    assert client.get(reverse("publicity:event_update", args=[talk.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "list_status", "create_status"),
    [("publicity_editor", 200, 200), ("political_officer", 200, 200), ("leader", 200, 403),
     ("member", 403, 403), ("unit_manager", 403, 403), ("audit_admin", 403, 403)],
)  # fmt: skip
def test_permissions_per_role(client, role_user, role, list_status, create_status):
    client.force_login(role_user(role))
    for name in ("placement", "event"):
        assert client.get(reverse(f"publicity:{name}_list")).status_code == list_status
        assert client.get(reverse(f"publicity:{name}_export")).status_code == list_status
        assert client.get(reverse(f"publicity:{name}_create")).status_code == create_status


@pytest.mark.parametrize("count", [1, 3])
def test_placement_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for i in range(count):
        placement(tree["station_a"], title=f"报道{i}", people=[PersonFactory(unit=tree["station_a"])])
    client.force_login(role_user("publicity_editor"))
    client.get(reverse("publicity:placement_list"))
    with django_assert_num_queries(12):
        body = client.get(reverse("publicity:placement_list")).content.decode()
    assert body.count("报道") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for i in range(count):
        event(tree["station_a"], [PersonFactory(unit=tree["station_a"])], title=f"故事会{i}")
    client.force_login(role_user("publicity_editor"))
    client.get(reverse("publicity:event_list"))
    with django_assert_num_queries(12):
        body = client.get(reverse("publicity:event_list")).content.decode()
    assert body.count("故事会") >= count
