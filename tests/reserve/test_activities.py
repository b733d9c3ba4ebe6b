"""Practice activities: recording with featured exemplars and checked materials, scope, permissions, list queries,
export, timeline."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.org.timeline import timeline_for
from qunying.reserve.models import ActivityMaterial, PracticeActivity
from qunying.reserve.services.activities import attach_material, create_activity, remove_material, update_activity
from tests.factories import PersonFactory
from tests.reserve.conftest import admit


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(output, format="PNG")
    return output.getvalue()


def make_activity(unit, people, by, *, title="事迹报告会", date=datetime.date(2026, 3, 1), kind="deeds_report_meeting"):
    return create_activity(
        kind=kind,
        title=title,
        date=date,
        place="局大礼堂",
        unit=unit,
        people=people,
        audience_size=120,
        materials="报告人讲述防汛事迹",
        by=by,
    )


@pytest.fixture
def exemplar(tree, officer):
    return admit(PersonFactory(unit=tree["squad_a"], name="甲所典型"), "reserve", officer).person


def test_creating_an_activity_features_people_and_is_audited(tree, officer, exemplar):
    activity = make_activity(tree["bureau"], [exemplar], officer)

    assert list(activity.people.all()) == [exemplar]
    entry = AuditEntry.objects.get(action="reserve.activity.created")
    assert entry.object_id == str(activity.pk) and entry.data["people"] == [exemplar.pk]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"people": []}, "people"),
        ({"audience_size": -1}, "audience_size"),
        ({"title": " "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"date": datetime.date(1990, 1, 1)}, "date"),
    ],
)
def test_bad_activity_input_is_refused_and_nothing_is_written(tree, officer, exemplar, changes, field):
    data = {
        "kind": "work_forum",
        "title": "座谈",
        "date": datetime.date(2026, 3, 1),
        "place": "会议室",
        "unit": tree["bureau"],
        "people": [exemplar],
        "audience_size": 10,
        "by": officer,
    }
    with pytest.raises(ValidationError) as error:
        create_activity(**{**data, **changes})
    assert field in error.value.error_dict
    assert not PracticeActivity.objects.exists()


def test_people_outside_the_reserve_or_the_units_cannot_be_featured(tree, officer, role_user, exemplar):
    outsider = PersonFactory(unit=tree["squad_a"], name="非储备人员")
    with pytest.raises(ValidationError, match="非储备人员"):
        make_activity(tree["bureau"], [outsider], officer)
    other = admit(PersonFactory(unit=tree["station_b"], name="乙所典型"), "reserve", officer).person
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    with pytest.raises(ValidationError, match="乙所典型"):
        make_activity(tree["station_a"], [exemplar, other], manager)
    with pytest.raises(PermissionDenied):
        make_activity(tree["station_b"], [exemplar], manager)  # not the manager's unit
    assert not PracticeActivity.objects.exists()


def test_create_page_stores_a_checked_file_and_refuses_a_bad_one_whole(client, tree, officer, exemplar):
    client.force_login(officer)
    data = {
        "kind": "business_lecture",
        "title": "业务授课",
        "date": "2026-05-20",
        "place": "培训室",
        "unit": tree["bureau"].pk,
        "people": [exemplar.pk],
        "audience_size": "45",
        "materials": "",
    }
    bad = SimpleUploadedFile("slides.pdf", b"just text, not a pdf", content_type="application/pdf")
    response = client.post(reverse("reserve:activity_create"), {**data, "file": bad})
    assert response.status_code == 200
    assert not PracticeActivity.objects.exists() and not ActivityMaterial.objects.exists()

    photo = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("reserve:activity_create"), {**data, "file": photo})
    activity = PracticeActivity.objects.get()
    assert response.status_code == 302
    material = activity.files.get()
    assert (material.file_type, material.original_filename) == ("png", "photo.png")
    served = client.get(reverse("reserve:material_file", args=[material.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_materials_are_added_and_removed_with_audit(tree, officer, exemplar, role_user):
    activity = make_activity(tree["bureau"], [exemplar], officer)
    upload = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    material = attach_material(activity, upload=upload, description="现场照片", by=officer)
    with pytest.raises(PermissionDenied):
        attach_material(activity, upload=upload, by=role_user(Role.UNIT_MANAGER, "station_a"))  # bureau's activity

    remove_material(material, by=officer)

    assert not ActivityMaterial.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="reserve.activity.material")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["reserve.activity.material_added", "reserve.activity.material_removed"]


def test_editing_keeps_people_featured_before_and_is_audited(client, tree, officer, exemplar):
    activity = make_activity(tree["bureau"], [exemplar], officer)
    client.force_login(officer)
    response = client.post(
        reverse("reserve:activity_update", args=[activity.pk]),
        {
            "kind": "work_forum",
            "title": "改为工作座谈",
            "date": "2026-03-02",
            "place": "会议室",
            "unit": tree["bureau"].pk,
            "people": [exemplar.pk],
            "audience_size": "30",
        },
    )
    activity.refresh_from_db()
    assert response.status_code == 302
    assert (activity.kind, activity.title, activity.audience_size) == ("work_forum", "改为工作座谈", 30)
    assert AuditEntry.objects.filter(action="reserve.activity.updated", object_id=str(activity.pk)).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_activity_list_query_count_does_not_grow(client, tree, officer, exemplar, django_assert_num_queries, count):
    others = [admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer).person for _ in range(2)]
    for index in range(count):
        make_activity(tree["bureau"], [exemplar, *others], officer, title=f"活动{index}")
    client.force_login(officer)

    with django_assert_num_queries(12):
        response = client.get(reverse("reserve:activity_list"))

    assert len(response.context["page"].object_list) == count


def test_another_units_activities_do_not_leak(client, tree, officer, role_user, exemplar):
    mine = make_activity(tree["station_a"], [exemplar], officer, title="甲所授课")
    other_person = admit(PersonFactory(unit=tree["station_b"]), "reserve", officer).person
    theirs = make_activity(tree["station_b"], [other_person], officer, title="乙所座谈")
    material = attach_material(
        theirs, upload=SimpleUploadedFile("p.png", png_bytes(), content_type="image/png"), by=officer
    )
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("reserve:activity_list")).content.decode()
    assert "甲所授课" in page and "乙所座谈" not in page
    assert client.get(reverse("reserve:activity_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reserve:activity_update", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reserve:material_file", args=[material.pk])).status_code == 404
    assert client.post(reverse("reserve:material_remove", args=[material.pk])).status_code == 404
    assert client.get(reverse("reserve:activity_detail", args=[mine.pk])).status_code == 200
    export = client.get(reverse("reserve:activity_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["甲所授课"]
    assert client.get(reverse("reserve:activity_export"), {"unit": tree["station_b"].pk}).status_code == 404


def test_export_follows_the_filters_and_neutralises_formulas(client, tree, officer, exemplar):
    make_activity(tree["bureau"], [exemplar], officer, title="=HYPERLINK()", kind="work_forum")
    make_activity(tree["bureau"], [exemplar], officer, title="授课", kind="business_lecture")
    client.force_login(officer)

    response = client.get(reverse("reserve:activity_export"), {"kind": "work_forum"})

    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][:3] == ("日期", "类别", "主题")
    assert [row[1:3] for row in rows[1:]] == [("工作座谈", "'=HYPERLINK()")]
    assert rows[1][5] == "甲所典型"
    assert AuditEntry.objects.filter(action="reserve.activities.exported").exists()


@pytest.mark.parametrize(
    ("role", "where", "list_status", "create_status"),
    [
        (Role.POLITICAL_OFFICER, "bureau", 200, 200),
        (Role.UNIT_MANAGER, "station_a", 200, 200),
        (Role.LEADER, "bureau", 200, 403),
        (Role.PUBLICITY_EDITOR, "bureau", 403, 403),
        (Role.MEMBER, "station_a", 403, 403),
        (Role.SYS_ADMIN, "bureau", 403, 403),
    ],
)
def test_who_may_read_and_record_activities(client, role_user, role, where, list_status, create_status):
    client.force_login(role_user(role, where))
    assert client.get(reverse("reserve:activity_list")).status_code == list_status
    assert client.get(reverse("reserve:activity_create")).status_code == create_status


def test_activities_appear_on_the_featured_persons_timeline(tree, officer, exemplar):
    bystander = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer).person
    make_activity(tree["bureau"], [exemplar], officer, title="防汛事迹报告会")

    assert any("防汛事迹报告会" in event.title for event in timeline_for(exemplar))
    assert not any("防汛事迹报告会" in event.title for event in timeline_for(bystander))


def test_update_by_a_manager_of_another_unit_is_refused(tree, officer, role_user, exemplar):
    activity = make_activity(tree["bureau"], [exemplar], officer)
    with pytest.raises(PermissionDenied):
        update_activity(
            activity,
            kind="work_forum",
            title="x",
            date=activity.date,
            place="x",
            unit=tree["station_b"],
            people=[exemplar],
            audience_size=1,
            by=role_user(Role.UNIT_MANAGER, "station_b"),
        )
    activity.refresh_from_db()
    assert activity.title == "事迹报告会"


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("reserve:activity_create", {"kind": "x", "date": "2026-13-45", "audience_size": "many", "people": ["abc"]}),
        ("reserve:activity_create", {"kind": "work_forum", "unit": "999999", "people": ["999999"], "title": "t"}),
        ("reserve:visit_create", {"unit": "x", "date": "yesterday", "visitors": "", "findings": ""}),
        ("reserve:round_open", {"year": "-1", "unit": "0"}),
        ("reserve:activity_list", {"year": "abc", "unit": "x", "kind": "?"}),
        ("reserve:visit_list", {"year": "99999", "overdue": "maybe"}),
    ],
)
def test_garbage_input_gets_a_page_not_an_error(client, tree, officer, url_name, data):
    client.force_login(officer)
    response = client.post(reverse(url_name), data) if "create" in url_name or "open" in url_name else None
    if response is None:
        response = client.get(reverse(url_name), data)
    assert response.status_code == 200
    assert not PracticeActivity.objects.exists()
