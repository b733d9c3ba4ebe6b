"""The reserve import (典型储备库): rows become entries through the tier services, dated from the file, with their
plans and mentors; every rule of the pages holds (units, one live entry, who decides which tier, plans level by
level); errors by row and column change nothing; the same file twice changes nothing; the export re-imports."""

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
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import request_import_commit, start_import
from qunying.core.models import AuditEntry, SheetImport
from qunying.reserve.imports.columns import COLUMNS
from qunying.reserve.models import CultivationPlan, ReserveEntry, TierChange
from tests.factories import PersonFactory, RoleAssignmentFactory
from tests.reserve.conftest import admit

HEADERS = [column.header for column in COLUMNS]


def entry_row(**values) -> dict:
    row = {"姓名": "杨磊成", "警号": "340101", "层级": "储备", "培养层级": "所队级", "类别": "基层"}
    return row | {"起始日期": "2021-03-15"} | values


def workbook_bytes(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "典型储备"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows: list[dict], name="典型储备库.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(rows))


def snapshot() -> list[tuple]:
    entries = ReserveEntry.objects.order_by("pk").values_list("pk", "person", "tier", "level", "category", "since")
    plans = CultivationPlan.objects.order_by("pk").values_list("pk", "entry", "level", "owner_unit", "mentor", "goals")
    return [*entries, *plans, *TierChange.objects.order_by("pk").values_list("pk", "status", "to_tier")]


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
        "mentor": PersonFactory(name="王导师", badge_number="340100", unit=tree["station_a"]),
    }


@pytest.fixture
def chief(officer, tree):
    """The political officer who is also a bureau leader (局党委): may approve the exemplar tier."""
    RoleAssignmentFactory(role=Role.LEADER, unit=tree["bureau"], user=officer)
    return officer


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(file, *, by, commit: bool = True) -> SheetImport:
        with django_capture_on_commit_callbacks(execute=True):
            sheet_import = start_import(kind="reserve", upload=file, by=by)
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


def test_rows_become_entries_with_their_tier_history_dated_from_the_file(tree, people, chief, run_import):
    rows = [
        entry_row(入库理由="2021年度推荐", 培养责任单位="甲派出所", 培养目标="培养为市级典型", 结对导师警号="340100"),
        entry_row(姓名="周敏", 警号="340102", 层级="典型", 培养层级="县级", 类别="实战", 起始日期="2019-06-01"),
    ]

    sheet_import = run_import(upload(rows), by=chief)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    first = ReserveEntry.objects.get(person=people["a"])
    assert (first.status, first.tier, first.level, first.category) == ("active", "reserve", "unit", "grassroots")
    assert first.since == datetime.date(2021, 3, 15)
    change = first.tier_changes.get()
    assert change.status == "approved" and change.reason == "2021年度推荐" and change.decided_by == chief
    assert change.decided_at.date() == datetime.date(2021, 3, 15)
    plan = first.plans.get()
    assert (plan.owner_unit, plan.mentor, plan.level) == (tree["station_a"], people["mentor"], "unit")
    second = ReserveEntry.objects.get(person=people["squad"])
    assert (second.tier, second.since) == ("exemplar", datetime.date(2019, 6, 1))
    assert second.tier_changes.get().reason == "历史台账导入"
    entry = AuditEntry.objects.get(action="reserve.imported")
    assert entry.data["new"] == 2 and entry.data["entries"] == [first.pk, second.pk]
    assert entry.data["plans"] == [plan.pk]
    assert AuditEntry.objects.filter(action="reserve.entry.imported").count() == 2
    assert sheet_import.summary["people"] == sorted([people["a"].pk, people["squad"].pk])


def test_the_same_file_imported_twice_changes_nothing(people, chief, run_import):
    file = workbook_bytes(
        [
            entry_row(培养责任单位="甲派出所", 培养目标="培养为市级典型", 结对导师警号="340100"),
            entry_row(培养责任单位="测试市公安局", 计划层级="县级", 培养目标="县级宣传"),  # a second plan, same entry
            entry_row(姓名="周敏", 警号="340102", 层级="典型"),
        ]
    )
    first = run_import(SimpleUploadedFile("a.xlsx", file), by=chief)
    before = snapshot()

    again = run_import(SimpleUploadedFile("a.xlsx", file), by=chief)

    assert first.status == ImportStatus.COMMITTED, first.errors
    assert CultivationPlan.objects.count() == 2 and ReserveEntry.objects.count() == 2
    assert snapshot() == before
    assert again.summary["new"] == 0 and again.summary["unchanged"] == 3


def test_an_exemplar_row_needs_an_importer_who_may_approve_it(people, officer, run_import):
    refused = run_import(upload([entry_row(层级="典型")]), by=officer)

    assert refused.status == ImportStatus.INVALID
    assert errors_of(refused) == {(2, "层级")}
    assert "领导" in refused.errors[0]["message"]
    assert not ReserveEntry.objects.exists()


def test_a_file_with_errors_changes_nothing_and_names_each_row_and_column(tree, people, role_user, run_import):
    officer = role_user(Role.POLITICAL_OFFICER, "station_a")
    held = PersonFactory(name="李在库", badge_number="340103", unit=tree["station_a"])
    admit(held, "reserve", officer)
    rows = [
        entry_row(),  # 2 is fine
        entry_row(姓名="无此人", 警号="999999"),  # 3: no such badge
        entry_row(层级="骨干"),  # 4: unknown tier
        entry_row(起始日期="2021-02-30"),  # 5: not a date
        entry_row(姓名="吴乙所", 警号="340201"),  # 6: outside the officer's units
        entry_row(姓名="张冒名"),  # 7: the badge is someone else's
        entry_row(培养责任单位="甲派出所", 结对导师警号="340101", 培养目标="x"),  # 8: mentoring oneself
        entry_row(培养责任单位="甲派出所"),  # 9: a plan without goals
        entry_row(姓名="李在库", 警号="340103", 层级="重点"),  # 10: already in the reserve at another tier
        entry_row(姓名="周敏", 警号="340102", 培养责任单位="乙派出所", 培养目标="x"),  # 11: a unit plan elsewhere
        entry_row(姓名="周敏", 警号="340102", 起始日期="2099-01-01"),  # 12: in the future
        entry_row(姓名="王导师", 警号="340100", 类别=None),  # 13: category missing
        entry_row(姓名="王导师", 警号="340100", 培养目标="只有目标"),  # 14: goals without an owner unit
    ]
    before = snapshot()

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.INVALID
    assert snapshot() == before
    assert errors_of(sheet_import) == {
        (3, "警号"),
        (4, "层级"),
        (5, "起始日期"),
        (6, "警号"),
        (7, "姓名"),
        (8, "结对导师警号"),
        (9, "培养目标"),
        (10, "层级"),
        (11, "培养责任单位"),
        (12, "起始日期"),
        (13, "类别"),
        (14, "培养责任单位"),
    }
    messages = {error["row"]: error["message"] for error in sheet_import.errors}
    assert "储备" in messages[4] and "重点" in messages[4] and "—" not in messages[4]  # the allowed tiers are named
    assert "吴乙所" not in messages[6]
    assert "储备" in messages[10]  # what is on record
    assert not AuditEntry.objects.filter(action__in=["reserve.imported", "reserve.entry.imported"]).exists()


def test_a_person_is_found_by_id_number_through_the_blind_index(tree, officer, run_import):
    from qunying.org.idcard import check_char
    from qunying.org.services import create_person

    id_number = "34018119900307124" + check_char("34018119900307124")
    person = create_person(
        by=None,
        badge_number="340199",
        name="刘桂芳",
        unit=tree["station_a"],
        category="police",
        gender="female",
        post_type="patrol",
        id_number=id_number,
    )

    sheet_import = run_import(upload([entry_row(姓名="刘桂芳", 警号=None, 身份证号=id_number.lower())]), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    assert ReserveEntry.objects.get().person == person


def test_only_the_political_department_imports(role_user, people):
    with pytest.raises(PermissionDenied):
        start_import(kind="reserve", upload=upload([entry_row()]), by=role_user(Role.UNIT_MANAGER, "station_a"))
    assert not SheetImport.objects.exists()


# --- Round trip ------------------------------------------------------------------------------------------------------


def read_export(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_export_in_the_import_format_re_imports_unchanged(client, tree, people, chief, run_import):
    rows = [
        entry_row(培养责任单位="甲派出所", 培养目标='\'=HYPERLINK("x")', 结对导师警号="340100"),
        entry_row(培养责任单位="测试市公安局", 计划层级="县级", 培养目标="县级宣传"),
        entry_row(姓名="周敏", 警号="340102", 层级="典型", 培养层级="市级", 类别="爱民", 入库理由="市局党委决定"),
    ]
    assert run_import(upload(rows), by=chief).status == ImportStatus.COMMITTED
    client.force_login(chief)
    exported = read_export(client.get(reverse("reserve:entry_import_export")))

    def kept():
        entries = sorted(ReserveEntry.objects.values_list("person", "tier", "level", "category", "since", "status"))
        plans = sorted(
            CultivationPlan.objects.values_list("entry__person", "level", "owner_unit", "mentor", "goals"), key=str
        )
        reasons = sorted(TierChange.objects.values_list("entry__person", "reason", "decided_at"))
        return entries, plans, reasons

    before = kept()
    same_place = run_import(SimpleUploadedFile("export.xlsx", exported), by=chief)
    ReserveEntry.objects.all().delete()
    emptied = run_import(SimpleUploadedFile("export.xlsx", exported), by=chief)

    assert same_place.status == ImportStatus.COMMITTED, same_place.errors
    assert same_place.summary["new"] == 0 and same_place.summary["unchanged"] == 3
    assert emptied.status == ImportStatus.COMMITTED, emptied.errors
    assert kept() == before
    assert CultivationPlan.objects.filter(goals='=HYPERLINK("x")').exists()


# --- Pages -----------------------------------------------------------------------------------------------------------


def test_upload_check_and_commit_through_the_pages(client, people, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reserve:entry_import"), {"file": upload([entry_row()])})
    sheet_import = SheetImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reserve:entry_import_commit", args=[sheet_import.pk]))
    done = client.get(reverse("reserve:entry_import_detail", args=[sheet_import.pk])).content.decode()
    listed = client.get(reverse("reserve:entry_list")).content.decode()

    assert response["Location"] == reverse("reserve:entry_import_detail", args=[sheet_import.pk])
    assert "杨磊成" in page and "确认导入" in page and "所队级" in page
    assert ReserveEntry.objects.filter(status="active").count() == 1
    assert reverse("org:person_detail", args=[people["a"].pk]) in done
    assert reverse("reserve:entry_import") in listed


def test_a_file_with_errors_shows_rows_and_columns_in_chinese(
    client, people, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reserve:entry_import"), {"file": upload([entry_row(培养层级="区级")])})
    page = client.get(reverse("reserve:entry_import_detail", args=[SheetImport.objects.get().pk])).content.decode()

    assert "培养层级" in page and "县级" in page and "未写入任何数据" in page


def test_the_template_has_drop_downs_and_a_notes_sheet(client, officer):
    client.force_login(officer)

    workbook = openpyxl.load_workbook(io.BytesIO(read_export(client.get(reverse("reserve:entry_import_template")))))

    sheet = workbook["典型储备"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert len(sheet.data_validations.dataValidation) == 4
    assert [cell.value for cell in workbook["选项"]["A"]][1:4] == ["储备", "重点", "典型"]
    notes = [row[0] for row in workbook.worksheets[-1].iter_rows(values_only=True)]
    assert "起始日期" in notes and "结对导师警号" in notes


@pytest.mark.parametrize("count", [1, 3])
def test_the_recent_imports_list_runs_a_constant_number_of_queries(client, officer, django_assert_num_queries, count):
    for index in range(count):
        SheetImport.objects.create(kind="reserve", original_filename=f"{index}.xlsx", created_by=officer)
    client.force_login(officer)

    with django_assert_num_queries(9):
        response = client.get(reverse("reserve:entry_import"))

    assert response.content.decode().count(".xlsx</a>") == count


def test_queries_per_row_stay_low(tree, officer, run_import):
    """The people, their entries and plans are read once per file: a further row costs only its services' own steps
    (propose, approve, date: about 22 queries, 6 of them its three audit entries), never a read of its person."""
    people = [PersonFactory(badge_number=f"35{index:04d}", unit=tree["station_a"]) for index in range(60)]

    def preview_queries(chosen) -> int:
        rows = [entry_row(姓名=person.name, 警号=person.badge_number) for person in chosen]
        with CaptureQueriesContext(connection) as queries:
            sheet_import = run_import(upload(rows), by=officer, commit=False)
        assert sheet_import.status == ImportStatus.READY, sheet_import.errors
        return len(queries)

    per_row = (preview_queries(people[20:60]) - preview_queries(people[:20])) / 20

    assert per_row < 23
