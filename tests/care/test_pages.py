"""Care pages: only care officers in scope (and each person for their own records); reads and exports audited;
sensitive columns encrypted at rest; scope does not leak; lists in constant queries; bad input changes nothing."""

import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import resolve, reverse
from django.utils import timezone
from PIL import Image

from qunying.accounts.enums import Role
from qunying.care import services
from qunying.care.models import AwardDelivery, MedicalReferral, WelfareVisit
from qunying.care.urls import urlpatterns
from qunying.core.models import AuditEntry
from tests.care.conftest import png
from tests.factories import HonourFactory, PersonFactory

DENIED_ROLES = [
    Role.POLITICAL_OFFICER,
    Role.UNIT_MANAGER,
    Role.LEADER,
    Role.SYS_ADMIN,
    Role.SECURITY_ADMIN,
    Role.AUDIT_ADMIN,
]

KWARG_OF = {
    "person_care": "person",
    "consent": "person",
    "rule_update": "rule",
    "entitlement_detail": "entitlement",
    "entitlement_grant": "entitlement",
    "entitlement_schedule": "entitlement",
    "entitlement_use": "entitlement",
    "notice_read": "notice",
    "delivery_create": "honour",
    "delivery_photo": "delivery",
    "visit_detail": "visit",
    "visit_done": "visit",
    "visit_cancel": "visit",
    "case_detail": "case",
    "case_step": "case",
    "case_close": "case",
    "hospital_update": "hospital",
    "referral_detail": "referral",
    "referral_arrange": "referral",
    "referral_close": "referral",
}

PERSON_PARAM = {"visit_create", "health_event_create", "case_create", "referral_create"}
# The ledger import's pages act on an upload of their own: tests/care/test_imports.py and the permission matrix.
CARE_PAGES = [pattern for pattern in urlpatterns if not pattern.name.startswith("ledger_import")]


def every_care_url(records) -> list[str]:
    urls = []
    for pattern in CARE_PAGES:
        if pattern.pattern.regex.groupindex:
            urls.append(reverse(f"care:{pattern.name}", args=[records[KWARG_OF[pattern.name]].pk]))
        elif pattern.name in PERSON_PARAM:
            urls.append(reverse(f"care:{pattern.name}") + f"?person={records['person'].pk}")
        else:
            urls.append(reverse(f"care:{pattern.name}"))
    return urls


def test_every_care_url_is_named_in_the_sample_map():
    with_args = {pattern.name for pattern in CARE_PAGES if pattern.pattern.regex.groupindex}
    assert with_args == set(KWARG_OF)


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_every_care_page_and_export_denies_other_roles(client, role_user, make_records, role):
    records = make_records()
    client.force_login(role_user(role))
    before = AuditEntry.objects.count()

    for url in every_care_url(records):
        assert client.get(url).status_code in {403, 404}, url
        assert client.post(url, {}).status_code in {403, 404}, url

    assert not AuditEntry.objects.filter(pk__gt=before, action__endswith=".read").exists()
    assert WelfareVisit.objects.get(pk=records["visit"].pk).status == "planned"


def test_every_care_page_renders_for_the_care_officer(client, care, make_records):
    records = make_records()
    client.force_login(care)
    refused = set()
    for url in every_care_url(records):
        if url == reverse("care:my_records"):  # for members, about themselves
            continue
        status = client.get(url).status_code
        assert status in {200, 302, 403, 405}, url
        if status == 403:
            refused.add(resolve(url).url_name)

    # The sample entitlement is eligible: it is granted, not yet scheduled or used (the policy's states).
    assert refused == {"entitlement_schedule", "entitlement_use"}


def test_a_care_officer_reading_a_visit_writes_an_audit_entry(client, care, make_records):
    visit = make_records()["visit"]
    client.force_login(care)

    page = client.get(reverse("care:visit_detail", args=[visit.pk])).content.decode()

    assert "骨折住院治疗" in page
    entry = AuditEntry.objects.get(action="care.visit.read")
    assert entry.actor == care and entry.object_id == str(visit.pk)


def test_the_export_is_audited_and_lists_the_eligible(client, care, make_records):
    records = make_records()
    client.force_login(care)

    response = client.get(reverse("care:entitlement_export"), {"rule": records["rule"].pk})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("姓名", "警号", "单位") and rows[1][0] == "钱关爱" and len(rows) == 2
    assert AuditEntry.objects.get(action="care.entitlements.exported").data["rows"] == 1


def test_sensitive_columns_are_not_plain_text_in_the_database(care, make_records):
    records = make_records()
    tables = {
        "care_healthevent": ("details", records["event"].pk, "骨折住院治疗"),
        "care_assistancecase": ("description", records["case"].pk, "子女入学困难"),
        "care_medicalreferral": ("purpose", records["referral"].pk, "康复理疗预约"),
    }
    services.complete_visit(
        records["visit"], visited_on=timezone.localdate(), visitors="关爱专员", details="家属陪护", by=care
    )
    tables["care_welfarevisit"] = ("details", records["visit"].pk, "家属陪护")
    with connection.cursor() as cursor:
        for table, (column, pk, plain) in tables.items():
            cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (fixed names)
            raw = cursor.fetchone()[0]
            assert raw and plain not in raw and "骨折" not in raw, table


def test_another_units_records_do_not_leak(client, role_user, make_records):
    mine = make_records("squad_a", "甲所关爱")
    theirs = make_records("station_b", "乙所关爱")
    local = role_user(Role.CARE_OFFICER, "station_a")
    client.force_login(local)

    for name in [
        "visit_list",
        "case_list",
        "referral_list",
        "entitlement_list",
        "notice_list",
        "delivery_list",
        "people",
    ]:
        page = client.get(reverse(f"care:{name}")).content.decode()
        assert "甲所关爱" in page and "乙所关爱" not in page, name
    for name, key in [
        ("visit_detail", "visit"),
        ("case_detail", "case"),
        ("referral_detail", "referral"),
        ("person_care", "person"),
        ("entitlement_detail", "entitlement"),
    ]:
        assert client.get(reverse(f"care:{name}", args=[theirs[key].pk])).status_code == 404
        assert client.get(reverse(f"care:{name}", args=[mine[key].pk])).status_code == 200
    response = client.get(reverse("care:visit_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in list(sheet.values)[1:]] == ["甲所关爱"]
    assert client.get(reverse("care:visit_export"), {"unit": theirs["person"].unit_id}).status_code == 404
    assert client.get(reverse("care:visit_create"), {"person": theirs["person"].pk}).status_code == 404
    assert client.post(reverse("care:visit_done", args=[theirs["visit"].pk]), {"visitors": "x"}).status_code == 404


# Queries per list page, whatever the number of rows (session, user, roles, menu, the rows, the audit entry …).
LIST_QUERIES = {
    "people": 13,
    "rule_list": 12,
    "entitlement_list": 14,
    "notice_list": 13,
    "delivery_list": 13,
    "delivery_pending": 13,
    "delivery_undelivered": 13,
    "visit_list": 13,
    "case_list": 13,
    "hospital_list": 12,
    "referral_list": 13,
    "referral_overdue": 13,
    "dashboard": 17,
}


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_lists_run_in_constant_queries(client, care, make_records, django_assert_num_queries, name, size):
    for index in range(size):
        make_records(name=f"关爱{index}")
        services.save_rule(by=care, name=f"规则{index}", kind="training", min_tier="reserve")
        services.save_hospital(by=care, name=f"医院{index}", response_hours=24, active=True)
    MedicalReferral.objects.update(due_at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(care)

    with django_assert_num_queries(LIST_QUERIES[name]):
        response = client.get(reverse(f"care:{name}"))

    rows = response.context["visits"] if name == "dashboard" else response.context["page"].object_list
    assert len(rows) >= size


def test_bad_input_shows_a_message_and_changes_nothing(client, care, make_records):
    records = make_records()
    client.force_login(care)
    visit = records["visit"]

    response = client.post(
        reverse("care:visit_done", args=[visit.pk]), {"visited_on": "2999-01-01", "visitors": ""}, follow=True
    )
    assert response.status_code == 200 and WelfareVisit.objects.get(pk=visit.pk).status == "planned"
    response = client.post(reverse("care:visit_done", args=[visit.pk]), {"visited_on": "not a date"}, follow=True)
    assert response.status_code == 200 and WelfareVisit.objects.get(pk=visit.pk).status == "planned"
    assert client.get(reverse("care:visit_create"), {"person": "x"}).status_code == 404
    response = client.post(reverse("care:health_event_create") + f"?person={records['person'].pk}", {"kind": "cursed"})
    assert response.status_code == 200
    response = client.post(
        reverse("care:delivery_create", args=[records["honour"].pk]),
        {
            "method": "at_post",
            "delivered_on": "2020-01-01",
            "delivered_by": "所长",
            "photo": io.BytesIO(b"GIF89a not really"),
        },
    )
    assert response.status_code == 200 and not AwardDelivery.objects.filter(honour=records["honour"]).exists()
    assert "图片" in response.content.decode()
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    response = client.post(
        reverse("care:delivery_create", args=[records["honour"].pk]),
        {
            "method": "at_post",
            "delivered_on": "2020-01-01",
            "delivered_by": "所长",
            "photo": SimpleUploadedFile("a.gif", gif.getvalue()),
        },
    )
    assert "JPEG" in response.content.decode() and not AwardDelivery.objects.filter(honour=records["honour"]).exists()
    response = client.post(
        reverse("care:rule_create"),
        {"name": "坏规则", "kind": "promotion_points", "within_years": 3, "validity_days": 365, "yearly_quota": 0},
    )
    assert response.status_code == 200
    response = client.post(reverse("care:entitlement_use", args=[records["entitlement"].pk]), {"on": "2020-01-01"})
    assert response.status_code == 403  # an eligible entitlement is granted before it is used
    records["entitlement"].refresh_from_db()
    assert records["entitlement"].status == "eligible"


def test_a_hospitalisation_schedules_a_visit_on_the_dashboard_until_done(client, care, tree, settings):
    settings.QUNYING_CARE_VISIT_WITHIN_DAYS = 5
    person = PersonFactory(unit=tree["squad_a"], name="孙住院")
    client.force_login(care)

    client.post(
        reverse("care:health_event_create") + f"?person={person.pk}",
        {"kind": "injured_on_duty", "occurred_on": timezone.localdate().isoformat(), "details": "执勤受伤"},
    )

    visit = WelfareVisit.objects.get(person=person)
    assert visit.reason == "injured_on_duty" and visit.due_on == timezone.localdate() + timezone.timedelta(days=5)
    assert "孙住院" in client.get(reverse("care:dashboard")).content.decode()
    client.post(
        reverse("care:visit_done", args=[visit.pk]),
        {"visited_on": timezone.localdate().isoformat(), "visitors": "关爱专员"},
    )
    assert WelfareVisit.objects.get(pk=visit.pk).status == "done"
    assert "孙住院" not in client.get(reverse("care:dashboard")).content.decode()
    assert AuditEntry.objects.filter(action="care.visit.done", actor=care).exists()


def test_other_roles_see_only_that_a_visit_took_place(client, care, role_user, make_records):
    records = make_records()
    services.complete_visit(
        records["visit"], visited_on=timezone.localdate(), visitors="关爱专员", details="家属陪护", by=care
    )
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("org:person_detail", args=[records["person"].pk])).content.decode()

    assert "慰问" in page
    assert "家属陪护" not in page and "骨折" not in page and "住院" not in page


def test_the_person_sees_their_own_records_and_consent_and_the_read_is_audited(
    client, care, role_user, make_records, tree
):
    records = make_records()
    member = role_user(Role.MEMBER, "squad_a")
    person = records["person"]
    person.user = member
    person.save(update_fields=["user"])
    services.record_consent(person=person, status="given", note="书面同意", by=care)
    other = make_records(name="别人")
    client.force_login(member)

    response = client.get(reverse("care:my_records"))
    page = response.content.decode()
    assert response.status_code == 200, page

    assert "骨折住院治疗" in page and "子女入学困难" in page and "书面同意" in page and "已同意" in page
    assert "别人" not in page
    assert AuditEntry.objects.filter(action="care.own_records.read", actor=member).exists()
    assert client.get(reverse("care:visit_detail", args=[other["visit"].pk])).status_code == 404


def test_honours_without_delivery_after_30_days_are_listed_until_delivered(client, care, tree):
    person = PersonFactory(unit=tree["squad_a"], name="周待颁")
    old = HonourFactory(
        person=person, award_type="commendation", awarded_on=timezone.localdate() - timezone.timedelta(days=31)
    )
    fresh = HonourFactory(
        person=person, award_type="most_beautiful_police", awarded_on=timezone.localdate() - timezone.timedelta(days=5)
    )
    client.force_login(care)

    assert [h.pk for h in client.get(reverse("care:delivery_pending")).context["page"].object_list] == [old.pk]
    assert {h.pk for h in client.get(reverse("care:delivery_undelivered")).context["page"].object_list} == {
        old.pk,
        fresh.pk,
    }
    response = client.post(
        reverse("care:delivery_create", args=[old.pk]),
        {
            "method": "ceremony",
            "delivered_on": timezone.localdate().isoformat(),
            "delivered_by": "政治处主任",
            "photo": png(),
        },
    )

    assert response.status_code == 302
    assert old.delivery.method == "ceremony" and old.delivery.photo
    assert not client.get(reverse("care:delivery_pending")).context["page"].object_list
    assert client.get(reverse("care:delivery_photo", args=[old.delivery.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="care.delivery_photo.read", actor=care).exists()
    assert AuditEntry.objects.filter(action="care.delivery.recorded", actor=care).exists()


def test_an_overdue_referral_is_listed_until_the_hospital_answers(client, care, tree):
    hospital = services.save_hospital(by=care, name="慢医院", response_hours=24, active=True)
    person = PersonFactory(unit=tree["squad_a"], name="吴转诊")
    with time_machine.travel(timezone.now() - timezone.timedelta(hours=25)):
        referral = services.request_referral(person=person, hospital=hospital, purpose="复查", by=care)
    client.force_login(care)

    assert [r.pk for r in client.get(reverse("care:referral_overdue")).context["page"].object_list] == [referral.pk]
    assert "吴转诊" in client.get(reverse("care:dashboard")).content.decode()
    services.arrange_referral(referral, appointment_on=timezone.localdate(), by=care)
    assert not client.get(reverse("care:referral_overdue")).context["page"].object_list


def test_collective_honours_are_delivered_too_within_scope(client, care, role_user, tree):
    collective = HonourFactory(
        person=None,
        unit=tree["squad_a"],
        award_type="commendation",
        awarded_on=timezone.localdate() - timezone.timedelta(days=40),
    )
    outsider = role_user(Role.CARE_OFFICER, "station_b")
    client.force_login(outsider)
    assert not client.get(reverse("care:delivery_pending")).context["page"].object_list
    assert client.get(reverse("care:delivery_create", args=[collective.pk])).status_code == 404

    client.force_login(care)
    assert [h.pk for h in client.get(reverse("care:delivery_pending")).context["page"].object_list] == [collective.pk]
    response = client.post(
        reverse("care:delivery_create", args=[collective.pk]),
        {"method": "ceremony", "delivered_on": timezone.localdate().isoformat(), "delivered_by": "局长"},
    )
    assert response.status_code == 302 and collective.delivery.method == "ceremony"
    assert "甲所一中队" in client.get(reverse("care:delivery_list")).content.decode()
