"""The honours import (奖励登记表): rows recorded through the honours service (authority, category, once per deed,
scope), awards and issuers found by short forms, errors by row and column that change nothing, the same file twice
changing nothing, the export in the same format re-importing unchanged, the pages and a 5,000-row file."""

import datetime
import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import request_import_commit, start_import
from qunying.core.models import AuditEntry, SheetImport
from qunying.honours.imports.columns import COLUMNS
from qunying.honours.models import Honour
from qunying.org.enums import PersonCategory
from qunying.org.idcard import check_char
from qunying.org.models import Person
from tests.factories import PersonFactory
from tests.honours.conftest import verified_deed

HEADERS = [column.header for column in COLUMNS]
ID_NUMBER = "34018119900307124" + check_char("34018119900307124")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def honour_row(**values) -> dict:
    row = {
        "获奖对象": "杨磊成",
        "警号": "340101",
        "奖励": "嘉奖",
        "颁授机关": "测试市公安局",
        "日期": "2022-06-28",
        "文号": "测公政〔2022〕31号",
        "事由": "疫情防控工作中表现突出",
    }
    return row | values


def workbook_bytes(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "奖励"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows: list[dict], name="奖励登记表.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(rows), content_type=XLSX)


def snapshot() -> list[tuple]:
    return list(Honour.objects.order_by("pk").values_list("pk", "person", "unit", "award_type", "issuer", "awarded_on"))


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(file, *, by, commit: bool = True, reason: str = "") -> SheetImport:
        with django_capture_on_commit_callbacks(execute=True):
            sheet_import = start_import(kind="honours", upload=file, by=by, override_reason=reason)
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


def test_a_valid_file_records_each_honour_through_the_service_with_one_import_audit_entry(
    people, issuers, officer, run_import
):
    rows = [
        honour_row(),
        honour_row(获奖对象="周敏", 警号="340102", 奖励="三等功", 颁授机关="上级市局", 日期="2022/07/01", 文号=""),
    ]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    honours = {h.person.badge_number: h for h in Honour.objects.select_related("person", "award_type", "issuer")}
    assert honours["340101"].award_type.name == "嘉奖" and honours["340101"].issuer == issuers["county_police"]
    assert honours["340102"].award_type.name == "三等功" and honours["340102"].issuer == issuers["city_police"]
    assert honours["340102"].awarded_on == datetime.date(2022, 7, 1)
    assert honours["340101"].recorded_by == officer
    # The register is the approval: in force at once, approved by whoever committed the import.
    assert {(h.status, h.approval_basis, h.approved_by) for h in honours.values()} == {("active", "register", officer)}
    assert AuditEntry.objects.filter(action="honours.honour.recorded").count() == 2
    entry = AuditEntry.objects.get(action="honours.imported")
    assert entry.data["new"] == 2 and entry.data["filename"] == "奖励登记表.xlsx"
    assert sheet_import.summary["people"] == sorted([people["a"].pk, people["squad"].pk])


def test_the_same_file_imported_twice_changes_nothing(people, issuers, officer, run_import):
    file = workbook_bytes([honour_row(), honour_row(获奖对象="周敏", 警号="340102")])
    run_import(SimpleUploadedFile("a.xlsx", file), by=officer)
    before = snapshot()

    again = run_import(SimpleUploadedFile("a.xlsx", file), by=officer)

    assert snapshot() == before
    assert again.summary["new"] == 0 and again.summary["unchanged"] == 2


def test_issuers_and_awards_are_found_by_short_forms_and_abbreviations(people, issuers, officer, run_import):
    rows = [
        honour_row(颁授机关="县局", 文号="1"),
        honour_row(获奖对象="周敏", 警号="340102", 颁授机关="市局", 奖励="记三等功", 文号="2"),
        honour_row(获奖对象="吴乙所", 警号="340201", 颁授机关="省厅", 奖励="二等功", 文号="3"),
        honour_row(颁授机关="测试市委组织部、疫情防控办公室", 日期="2022-05-01", 文号="4"),
    ]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    found = set(Honour.objects.values_list("document_number", "issuer__name", "award_type__name"))
    assert found == {
        ("1", "测试市公安局", "嘉奖"),
        ("2", "上级市公安局", "三等功"),
        ("3", "测试省公安厅", "二等功"),
        ("4", "中共测试市委组织部、测试市疫情防控办公室", "嘉奖"),
    }


def test_an_auxiliarys_short_form_finds_the_auxiliary_series(tree, issuers, officer, run_import):
    PersonFactory(name="王辅", badge_number="F0001", unit=tree["station_a"], category=PersonCategory.AUXILIARY)

    sheet_import = run_import(upload([honour_row(获奖对象="王辅", 警号="F0001", 奖励="记功")]), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    assert Honour.objects.get().award_type.name == "记功（辅警）"


def test_a_file_with_errors_changes_nothing_and_names_each_row_and_column(tree, people, issuers, role_user, run_import):
    auxiliary = PersonFactory(name="王辅", badge_number="F0001", unit=tree["station_a"], category="auxiliary")
    officer = role_user(Role.POLITICAL_OFFICER, "station_a")
    rows = [
        honour_row(),  # row 2 is fine
        honour_row(警号="999999"),  # 3: no such badge
        honour_row(奖励="嘉 奖状", 文号="x"),  # 4: unknown award
        honour_row(颁授机关="测试市公安厅局", 文号="y"),  # 5: unknown issuer
        honour_row(日期="2022-13-40", 文号="z"),  # 6: not a date
        honour_row(奖励="三等功", 文号="w"),  # 7: above a county police bureau's authority
        honour_row(获奖对象="王辅", 警号=auxiliary.badge_number, 文号="v"),  # 8: police series for an auxiliary
        honour_row(获奖对象="吴乙所", 警号="340201", 文号="u"),  # 9: outside the officer's units
        honour_row(获奖对象="张冒名", 文号="t"),  # 10: the badge is someone else's
        honour_row(事由=None, 文号="s"),  # 11: reason missing
        honour_row(),  # 12: the same as row 2
        honour_row(日期="2030-01-01", 文号="r"),  # 13: in the future
    ]
    before = snapshot()

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.INVALID
    assert snapshot() == before
    assert errors_of(sheet_import) == {
        (3, "警号"),
        (4, "奖励"),
        (5, "颁授机关"),
        (6, "日期"),
        (7, "奖励"),
        (8, "奖励"),
        (9, "警号"),
        (10, "获奖对象"),
        (11, "事由"),
        (12, "获奖对象"),
        (13, "日期"),
    }
    messages = {error["row"]: error["message"] for error in sheet_import.errors}
    assert "嘉奖" in messages[4]  # the closest known award is named
    assert "测试市公安局" in messages[5]
    assert "吴乙所" not in messages[9]  # a person outside the scope is not named
    assert "杨磊成" in messages[10]
    assert not AuditEntry.objects.filter(action__in=["honours.imported", "honours.honour.recorded"]).exists()


def test_a_unit_is_honoured_collectively_when_no_badge_is_given(tree, issuers, officer, run_import):
    rows = [honour_row(获奖对象="甲派出所（集体）", 警号=None, 单位="甲派出所", 奖励="嘉奖")]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    honour = Honour.objects.get()
    assert honour.unit == tree["station_a"] and honour.person is None


def test_a_person_is_found_by_id_number_through_the_blind_index(tree, issuers, officer, run_import):
    from qunying.org.services import create_person

    person = create_person(
        by=None,
        badge_number="340199",
        name="刘桂芳",
        unit=tree["station_a"],
        category="police",
        gender="female",
        post_type="patrol",
        id_number=ID_NUMBER,
    )

    row = honour_row(获奖对象="刘桂芳", 警号=None, 身份证号=ID_NUMBER.lower())
    sheet_import = run_import(upload([row]), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    assert Honour.objects.get().person == person


def test_a_deed_rewarded_again_within_a_year_passes_only_with_the_files_reason(people, issuers, officer, run_import):
    verified_deed(people["a"], title="坚守疫情防控卡点")
    rows = [
        honour_row(关联事迹="坚守疫情防控卡点", 文号="1"),
        honour_row(颁授机关="测试市委组织部、疫情防控办公室", 关联事迹="坚守疫情防控卡点", 日期="2022-07-10", 文号="2"),
    ]

    refused = run_import(upload(rows), by=officer)
    allowed = run_import(upload(rows), by=officer, reason="2022年旧台账补录，原件已核")

    assert refused.status == ImportStatus.INVALID and errors_of(refused) == {(3, "")}
    assert allowed.status == ImportStatus.COMMITTED, allowed.errors
    second = Honour.objects.get(document_number="2")
    assert second.override_reason == "2022年旧台账补录，原件已核"
    assert list(second.deeds.values_list("title", flat=True)) == ["坚守疫情防控卡点"]
    entry = AuditEntry.objects.get(action="honours.imported")
    assert entry.data["override_reason"] == "2022年旧台账补录，原件已核"
    assert entry.data["overridden"] == [second.pk]
    codes = {(finding["row"], finding["code"]) for finding in allowed.summary["findings"]}
    assert (3, "override") in codes and (3, "year_rule") in codes


def test_an_unknown_deed_is_named_with_the_closest_titles(people, issuers, officer, run_import):
    verified_deed(people["a"], title="坚守疫情防控卡点")

    sheet_import = run_import(upload([honour_row(关联事迹="坚守防疫卡点")]), by=officer)

    assert errors_of(sheet_import) == {(2, "关联事迹")}
    assert "坚守疫情防控卡点" in sheet_import.errors[0]["message"]


def test_only_the_political_department_imports(role_user, issuers, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        start_import(kind="honours", upload=upload([honour_row()]), by=role_user(Role.UNIT_MANAGER, "station_a"))
    assert not SheetImport.objects.exists()


# --- Round trip ------------------------------------------------------------------------------------------------------


def read_export(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_export_in_the_import_format_re_imports_unchanged(client, tree, people, issuers, officer, run_import):
    verified_deed(people["a"], title="坚守疫情防控卡点")
    rows = [
        honour_row(关联事迹="坚守疫情防控卡点", 事由='\'=HYPERLINK("x")'),  # neutralised text, as exports write it
        honour_row(获奖对象="周敏", 警号="340102", 奖励="三等功", 颁授机关="上级市局"),
        honour_row(获奖对象="甲派出所", 警号=None, 单位="甲派出所", 文号="集体1"),
    ]
    assert run_import(upload(rows), by=officer).status == ImportStatus.COMMITTED
    client.force_login(officer)
    exported = read_export(client.get(reverse("honours:honour_import_export")))
    kept = sorted(
        Honour.objects.values_list("person", "unit", "award_type", "issuer", "awarded_on", "document_number", "reason"),
        key=str,
    )

    same_place = run_import(SimpleUploadedFile("export.xlsx", exported), by=officer)
    Honour.objects.all().delete()
    emptied = run_import(SimpleUploadedFile("export.xlsx", exported), by=officer)

    assert same_place.status == ImportStatus.COMMITTED, same_place.errors
    assert same_place.summary["new"] == 0 and same_place.summary["unchanged"] == 3
    assert emptied.status == ImportStatus.COMMITTED, emptied.errors
    again = sorted(
        Honour.objects.values_list("person", "unit", "award_type", "issuer", "awarded_on", "document_number", "reason"),
        key=str,
    )
    assert again == kept
    assert Honour.objects.get(person=people["a"]).reason == '=HYPERLINK("x")'
    assert list(Honour.objects.get(person=people["a"]).deeds.values_list("title", flat=True)) == ["坚守疫情防控卡点"]


def test_the_honours_list_export_is_read_too_and_revoked_rows_are_skipped(people, issuers, officer, run_import):
    headers = [*HEADERS[:-1], "序列", "机关层级", "状态", "撤销日期"]
    rows = [honour_row(序列="公安奖励", 机关层级="县级", 状态="在用"), honour_row(文号="9", 状态="已撤销")]
    file = SimpleUploadedFile("list.xlsx", workbook_bytes(rows, headers=headers))

    sheet_import = run_import(file, by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    assert sheet_import.summary["skipped"] == 1 and Honour.objects.count() == 1
    assert sheet_import.summary["ignored_columns"] == []


# --- Pages -----------------------------------------------------------------------------------------------------------


def test_upload_check_and_commit_through_the_pages(
    client, people, issuers, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("honours:honour_import"), {"file": upload([honour_row()])})
    sheet_import = SheetImport.objects.get()
    page = client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("honours:honour_import_commit", args=[sheet_import.pk]))
    done = client.get(reverse("honours:honour_import_detail", args=[sheet_import.pk])).content.decode()

    assert response["Location"] == reverse("honours:honour_import_detail", args=[sheet_import.pk])
    assert "杨磊成" in page and "确认导入" in page
    assert Honour.objects.count() == 1
    assert reverse("org:person_detail", args=[people["a"].pk]) in done


def test_a_file_with_errors_shows_rows_and_columns_in_chinese(
    client, people, issuers, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("honours:honour_import"), {"file": upload([honour_row(颁授机关="县公安")])})
    page = client.get(reverse("honours:honour_import_detail", args=[SheetImport.objects.get().pk])).content.decode()

    assert "颁授机关" in page and "最接近的" in page and "未写入任何数据" in page


def test_someone_elses_import_is_not_found(client, people, issuers, officer, role_user, run_import):
    sheet_import = run_import(upload([honour_row()]), by=officer, commit=False)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    assert client.get(reverse("honours:honour_import_detail", args=[sheet_import.pk])).status_code == 404
    assert client.post(reverse("honours:honour_import_commit", args=[sheet_import.pk])).status_code == 404


def test_the_template_has_drop_downs_and_a_notes_sheet(client, issuers, officer):
    client.force_login(officer)

    workbook = openpyxl.load_workbook(io.BytesIO(read_export(client.get(reverse("honours:honour_import_template")))))

    sheet = workbook["奖励"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert len(sheet.data_validations.dataValidation) == 3
    assert "测试市公安局" in [cell.value for cell in workbook["选项"]["B"]]
    notes = [row[0] for row in workbook.worksheets[-1].iter_rows(values_only=True)]
    assert "颁授机关" in notes


@pytest.mark.parametrize("count", [1, 3])
def test_the_recent_imports_list_runs_a_constant_number_of_queries(client, officer, django_assert_num_queries, count):
    for index in range(count):
        SheetImport.objects.create(kind="honours", original_filename=f"{index}.xlsx", created_by=officer)
    client.force_login(officer)

    with django_assert_num_queries(9):
        response = client.get(reverse("honours:honour_import"))

    assert response.content.decode().count(".xlsx</a>") == count


# --- Scale -----------------------------------------------------------------------------------------------------------


def test_a_5000_row_file_previews_and_commits(tree, issuers, officer, run_import, capsys):
    people = Person.objects.bulk_create(
        PersonFactory.build(name=f"民警{index}", badge_number=f"{500000 + index}", unit=tree["station_a"])
        for index in range(2500)
    )
    rows = []
    for index, person in enumerate(people):
        rows.append(honour_row(获奖对象=person.name, 警号=person.badge_number, 日期="2021-03-01", 文号=f"A{index}"))
        rows.append(honour_row(获奖对象=person.name, 警号=person.badge_number, 日期="2022-06-28", 文号=f"B{index}"))
    file = upload(rows)

    started = time.perf_counter()
    sheet_import = run_import(file, by=officer)
    elapsed = time.perf_counter() - started

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors[:5]
    assert Honour.objects.count() == 5000
    with capsys.disabled():
        print(f"\n5,000-row honours file on {connection.vendor}: preview and commit in {elapsed:.1f} s")
