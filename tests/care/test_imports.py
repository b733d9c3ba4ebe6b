"""The care ledger import (关爱台账): places of 功模休养 and training used and visits made come in through the care
services; health details only from a care officer over the person's unit, encrypted, never listed, their export
read audited; errors by row and column change nothing; the same file twice changes nothing; the export re-imports."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.care.imports.columns import COLUMNS
from qunying.care.models import Entitlement, WelfareVisit
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import request_import_commit, start_import
from qunying.core.models import AuditEntry, SheetImport
from tests.care.helpers import rule
from tests.factories import PersonFactory

HEADERS = [column.header for column in COLUMNS]
DETAILS = "腰椎骨折，住院三周，家属陪护"


def place_row(**values) -> dict:
    return {
        "姓名": "杨磊成",
        "警号": "340101",
        "类型": "功模休养",
        "日期": "2022-08-10",
        "待遇规则": "功模休养",
    } | values


def visit_row(**values) -> dict:
    row = {"姓名": "杨磊成", "警号": "340101", "类型": "慰问", "日期": "2023-02-01", "慰问事由": "住院"}
    return row | {"慰问人": "政治处 王主任", "健康和家庭情况": DETAILS} | values


def workbook_bytes(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "关爱台账"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows: list[dict], name="关爱台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(rows))


def snapshot() -> list[tuple]:
    places = Entitlement.objects.order_by("pk").values_list("pk", "person", "rule", "year", "status", "used_on")
    visits = WelfareVisit.objects.order_by("pk").values_list("pk", "person", "reason", "status", "visited_on")
    return [*places, *visits]


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(name="杨磊成", badge_number="340101", unit=tree["station_a"]),
        "squad": PersonFactory(name="周敏", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="吴乙所", badge_number="340201", unit=tree["station_b"]),
    }


@pytest.fixture
def rules(db):
    return {
        "rest": rule("功模休养", kind="recuperation", min_tier="focus"),
        "training": rule("市局培训名额", kind="training", min_tier="reserve", yearly_quota=1),
    }


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(file, *, by, commit: bool = True) -> SheetImport:
        with django_capture_on_commit_callbacks(execute=True):
            sheet_import = start_import(kind="care_ledger", upload=file, by=by)
        sheet_import.refresh_from_db()
        if commit and sheet_import.status == ImportStatus.READY:
            with django_capture_on_commit_callbacks(execute=True):
                request_import_commit(sheet_import, by=by)
            sheet_import.refresh_from_db()
        return sheet_import

    return run


def errors_of(sheet_import) -> set[tuple]:
    return {(error["row"], error["column"]) for error in sheet_import.errors}


# --- Import ----------------------------------------------------------------------------------------------------------


def test_places_used_and_visits_made_come_in_through_the_care_services(people, rules, care, run_import):
    rows = [
        place_row(),
        place_row(姓名="周敏", 警号="340102", 类型="教育培训名额", 待遇规则=None, 日期="2023-01-05", 年度="2022"),
        visit_row(),
        visit_row(姓名="周敏", 警号="340102", 慰问事由="节日慰问", 健康和家庭情况=None),
    ]

    sheet_import = run_import(upload(rows), by=care)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    rest = Entitlement.objects.get(person=people["a"])
    assert (rest.rule, rest.year, rest.status, rest.used_on) == (
        rules["rest"],
        2022,
        "used",
        datetime.date(2022, 8, 10),
    )
    training = Entitlement.objects.get(person=people["squad"])
    assert (training.rule, training.year, training.used_on) == (rules["training"], 2022, datetime.date(2023, 1, 5))
    visit = WelfareVisit.objects.get(person=people["a"])
    assert (visit.status, visit.reason, visit.visited_on) == ("done", "hospitalised", datetime.date(2023, 2, 1))
    assert visit.details == DETAILS and visit.visitors == "政治处 王主任"
    with connection.cursor() as cursor:  # encrypted at rest
        cursor.execute("SELECT details FROM care_welfarevisit WHERE id = %s", [visit.pk])
        assert DETAILS not in str(cursor.fetchone()[0])
    assert DETAILS not in str(sheet_import.summary)  # never listed on the page
    entry = AuditEntry.objects.get(action="care.ledger.imported")
    assert entry.data["new"] == 4 and len(entry.data["visits"]) == 2 and len(entry.data["entitlements"]) == 2
    assert AuditEntry.objects.filter(action="care.visit.done").count() == 2
    assert AuditEntry.objects.filter(action="care.entitlement.used").count() == 2


def test_the_same_file_imported_twice_changes_nothing(people, rules, care, run_import):
    file = workbook_bytes([place_row(), visit_row(), visit_row(慰问事由="节日慰问", 日期="2023-01-20")])
    first = run_import(SimpleUploadedFile("a.xlsx", file), by=care)
    before = snapshot()

    again = run_import(SimpleUploadedFile("a.xlsx", file), by=care)

    assert first.status == ImportStatus.COMMITTED, first.errors
    assert snapshot() == before
    assert again.summary["new"] == 0 and again.summary["unchanged"] == 3


def test_a_granted_entitlement_of_the_year_is_marked_used(people, rules, care, run_import):
    from qunying.care.services import grant_entitlement

    granted = Entitlement.objects.create(rule=rules["rest"], person=people["a"], unit=people["a"].unit, year=2026)
    granted = grant_entitlement(granted, by=care)
    used_on = granted.granted_on

    sheet_import = run_import(upload([place_row(日期=f"{used_on:%Y-%m-%d}")]), by=care)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    granted.refresh_from_db()
    assert granted.status == "used" and granted.used_on == used_on
    assert Entitlement.objects.count() == 1


def test_a_file_with_errors_changes_nothing_and_names_each_row_and_column(tree, people, rules, role_user, run_import):
    care = role_user(Role.CARE_OFFICER, "station_a")
    PersonFactory(name="陈同所", badge_number="340103", unit=tree["station_a"])
    rows = [
        place_row(),  # 2 is fine
        visit_row(姓名="吴乙所", 警号="340201"),  # 3: outside the units, and health details refused
        place_row(类型="疗休养补贴"),  # 4: unknown kind
        place_row(待遇规则="功模疗休养", 日期="2021-08-10"),  # 5: unknown rule, the closest named
        visit_row(慰问人=None),  # 6: visitors missing
        visit_row(日期="2023-02-30"),  # 7: not a date
        visit_row(日期="2099-01-01"),  # 8: in the future
        place_row(日期="2022-09-01", 慰问事由="住院"),  # 9: a visit's cell on a place row
        place_row(姓名="陈同所", 警号="340103", 类型="培训", 待遇规则=None),  # 10 is fine: the quota's one place
        place_row(类型="培训", 待遇规则=None),  # 11: the training quota of 甲派出所 for 2022 is used up
        visit_row(慰问事由="探亲"),  # 12: unknown reason
        place_row(),  # 13: the same as row 2
    ]
    before = snapshot()

    sheet_import = run_import(upload(rows), by=care)

    assert sheet_import.status == ImportStatus.INVALID
    assert snapshot() == before
    assert errors_of(sheet_import) == {
        (3, "警号"),
        (3, "健康和家庭情况"),
        (4, "类型"),
        (5, "待遇规则"),
        (6, "慰问人"),
        (7, "日期"),
        (8, "日期"),
        (9, "慰问事由"),
        (11, "待遇规则"),
        (12, "慰问事由"),
        (13, "类型"),
    }
    messages = {(error["row"], error["column"]): error["message"] for error in sheet_import.errors}
    assert "关爱" in messages[(3, "健康和家庭情况")] and DETAILS not in str(sheet_import.errors)
    assert "功模休养" in messages[(5, "待遇规则")]
    assert "名额" in messages[(11, "待遇规则")] or "用完" in messages[(11, "待遇规则")]
    assert not AuditEntry.objects.filter(action__in=["care.ledger.imported", "care.visit.done"]).exists()


def test_only_care_officers_import(role_user, people, rules):
    with pytest.raises(PermissionDenied):
        start_import(kind="care_ledger", upload=upload([place_row()]), by=role_user(Role.POLITICAL_OFFICER))
    assert not SheetImport.objects.exists()


# --- Round trip ------------------------------------------------------------------------------------------------------


def read_export(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_export_in_the_import_format_re_imports_unchanged(client, people, rules, care, run_import):
    rows = [
        place_row(),
        place_row(姓名="周敏", 警号="340102", 类型="教育培训名额", 待遇规则="市局培训名额"),
        visit_row(健康和家庭情况='\'=HYPERLINK("x") 住院'),
        visit_row(姓名="周敏", 警号="340102", 慰问事由="家庭困难", 健康和家庭情况=None, 日期="2022-12-30"),
    ]
    assert run_import(upload(rows), by=care).status == ImportStatus.COMMITTED
    client.force_login(care)
    exported = read_export(client.get(reverse("care:ledger_import_export")))

    def kept():
        places = sorted(Entitlement.objects.values_list("person", "rule", "year", "status", "used_on"))
        visits = WelfareVisit.objects.order_by("person", "visited_on")
        return places, [(v.person_id, v.reason, v.visited_on, v.visitors, v.details) for v in visits]

    before = kept()
    same_place = run_import(SimpleUploadedFile("export.xlsx", exported), by=care)
    Entitlement.objects.all().delete()
    WelfareVisit.objects.all().delete()
    emptied = run_import(SimpleUploadedFile("export.xlsx", exported), by=care)

    assert same_place.status == ImportStatus.COMMITTED, same_place.errors
    assert same_place.summary["new"] == 0 and same_place.summary["unchanged"] == 4
    assert emptied.status == ImportStatus.COMMITTED, emptied.errors
    assert kept() == before
    read = AuditEntry.objects.get(action="care.ledger.read")  # the export read the health details
    assert read.data["rows"] == 4 and len(read.data["visits_with_details"]) == 1


# --- Pages -----------------------------------------------------------------------------------------------------------


def test_upload_check_and_commit_through_the_pages(client, people, rules, care, django_capture_on_commit_callbacks):
    client.force_login(care)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("care:ledger_import"), {"file": upload([visit_row(), place_row()])})
    sheet_import = SheetImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("care:ledger_import_commit", args=[sheet_import.pk]))
    done = client.get(reverse("care:ledger_import_detail", args=[sheet_import.pk])).content.decode()
    visits = client.get(reverse("care:visit_list")).content.decode()

    assert response["Location"] == reverse("care:ledger_import_detail", args=[sheet_import.pk])
    assert "杨磊成" in page and "确认导入" in page and "功模休养" in page
    assert DETAILS not in page and DETAILS not in done
    assert WelfareVisit.objects.filter(status="done").count() == 1
    assert reverse("care:ledger_import") in visits


def test_a_file_with_errors_shows_rows_and_columns_in_chinese(
    client, people, rules, care, django_capture_on_commit_callbacks
):
    client.force_login(care)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("care:ledger_import"), {"file": upload([visit_row(慰问事由="探亲")])})
    page = client.get(reverse("care:ledger_import_detail", args=[SheetImport.objects.get().pk])).content.decode()

    assert "慰问事由" in page and "节日慰问" in page and "未写入任何数据" in page


def test_the_template_has_drop_downs_and_a_notes_sheet(client, rules, care):
    client.force_login(care)

    workbook = openpyxl.load_workbook(io.BytesIO(read_export(client.get(reverse("care:ledger_import_template")))))

    sheet = workbook["关爱台账"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert len(sheet.data_validations.dataValidation) == 3
    assert [cell.value for cell in workbook["选项"]["A"]][1:4] == ["功模休养", "教育培训名额", "慰问"]
    assert "市局培训名额" in [cell.value for cell in workbook["选项"]["B"]]
    notes = {row[0]: row[2] for row in workbook.worksheets[-1].iter_rows(values_only=True)}
    assert "关爱" in notes["健康和家庭情况"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_recent_imports_list_runs_a_constant_number_of_queries(client, care, django_assert_num_queries, count):
    for index in range(count):
        SheetImport.objects.create(kind="care_ledger", original_filename=f"{index}.xlsx", created_by=care)
    client.force_login(care)

    with django_assert_num_queries(9):
        response = client.get(reverse("care:ledger_import"))

    assert response.content.decode().count(".xlsx</a>") == count


def test_queries_per_row_stay_low(tree, rules, care, run_import):
    """The people, the rules and what is on record are read once per file: a further row costs only its services'
    own steps (a visit planned then done, each audited), never a read of its person."""
    people = [PersonFactory(badge_number=f"35{index:04d}", unit=tree["station_a"]) for index in range(60)]

    def preview_queries(chosen) -> int:
        rows = [visit_row(姓名=person.name, 警号=person.badge_number) for person in chosen]
        with CaptureQueriesContext(connection) as queries:
            sheet_import = run_import(upload(rows), by=care, commit=False)
        assert sheet_import.status == ImportStatus.READY, sheet_import.errors
        return len(queries)

    per_row = (preview_queries(people[20:60]) - preview_queries(people[:20])) / 20

    assert per_row <= 14
