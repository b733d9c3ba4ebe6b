"""Importing the dispatch system's export: CSV or Excel, checked row by row, all or nothing, idempotent."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.feedback.enums import InteractionKind, SurveyDecision
from qunying.feedback.models import ServiceInteraction, Survey
from qunying.feedback.services import import_interactions
from tests.core.crafted_xlsx import crafted_xlsx

HEADER = ["接警编号", "类别", "时间", "民警警号", "群众电话", "敏感"]


def rows(now):
    stamp = f"{now:%Y-%m-%d %H}:00"
    return [
        ["J001", "110 接处警", stamp, "340101", "13855556666", ""],
        ["J002", "户籍业务", stamp, "340101，340102", "+86 139 0000 1111", "否"],
        ["J003", "家庭暴力", stamp, "340102", "13700002222", "否"],
        ["J004", "来所办事", stamp, "340101", "0551-82123456", "是"],
    ]


def csv_file(data, *, encoding="utf-8-sig", name="export.csv") -> SimpleUploadedFile:
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in data)
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(data, name="export.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["某某市公安局接处警记录"])  # a title row above the header, as exports often have
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def now():
    return timezone.localtime() - datetime.timedelta(hours=2)


@pytest.mark.parametrize("make", [csv_file, lambda data: csv_file(data, encoding="gb18030"), xlsx_file])
def test_a_clean_file_is_imported_with_a_decision_for_each_row(officers, role_user, now, make):
    officer = role_user("political_officer")

    result = import_interactions(upload=make([HEADER, *rows(now)]), by=officer)

    assert (result.created, result.errors) == (4, [])
    decisions = dict(Survey.objects.values_list("interaction__incident_number", "decision"))
    assert decisions == {
        "J001": SurveyDecision.SAMPLED,
        "J002": SurveyDecision.SAMPLED,
        "J003": SurveyDecision.EXCLUDED_KIND,
        "J004": SurveyDecision.SENSITIVE,
    }
    two = ServiceInteraction.objects.get(incident_number="J002")
    assert (two.kind, two.phone, two.unit) == (InteractionKind.HOUSEHOLD, "13900001111", officers["a"].unit)
    assert sorted(p.badge_number for p in two.officers.all()) == ["340101", "340102"]
    assert ServiceInteraction.objects.get(incident_number="J004").phone == ""  # a landline is not kept
    entry = AuditEntry.objects.get(action="feedback.interactions.imported")
    assert entry.actor == officer and entry.data["created"] == 4 and "13855556666" not in str(entry.data)


def test_phones_are_stored_encrypted(officers, role_user, now):
    import_interactions(upload=csv_file([HEADER, *rows(now)]), by=role_user("political_officer"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM feedback_serviceinteraction")
        stored = " ".join(value for (value,) in cursor.fetchall())
    assert "13855556666" not in stored and "k1:" in stored


def test_importing_the_same_file_twice_changes_nothing(officers, role_user, now):
    officer = role_user("political_officer")
    import_interactions(upload=csv_file([HEADER, *rows(now)]), by=officer)

    again = import_interactions(upload=csv_file([HEADER, *rows(now)]), by=officer)

    assert (again.created, again.existing, again.errors) == (0, 4, [])
    assert ServiceInteraction.objects.count() == 4


def test_any_bad_row_imports_nothing_and_every_problem_is_listed(officers, role_user, now):
    data = [
        HEADER,
        *rows(now),
        ["J005", "110 接处警", "昨天", "340101", "", ""],
        ["J006", "夜间巡逻", f"{now:%Y-%m-%d %H:%M}", "999999", "abc", ""],
        ["J001", "110 接处警", f"{now:%Y-%m-%d %H:%M}", "340101", "", ""],
        ["", "110 接处警", f"{now:%Y-%m-%d %H:%M}", "", "", "也许"],
    ]

    result = import_interactions(upload=csv_file(data), by=role_user("political_officer"))

    assert result.created == 0 and not ServiceInteraction.objects.exists()
    found = {(error.row, error.column) for error in result.errors}
    assert found == {
        (6, "时间"),
        (7, "类别"),
        (7, "民警警号"),
        (7, "群众电话"),
        (8, "接警编号"),
        (9, "接警编号"),
        (9, "民警警号"),
        (9, "敏感"),
    }
    messages = " ".join(error.message for error in result.errors)
    assert "没有警号为 999999 的民警" in messages and "第 2 行已有相同的接警编号" in messages


def test_a_formula_is_refused_not_evaluated(officers, role_user, now):
    data = [HEADER, ["J001", "110 接处警", f"{now:%Y-%m-%d %H:%M}", '=HYPERLINK("x")', "", ""]]

    result = import_interactions(upload=xlsx_file(data), by=role_user("political_officer"))

    assert [error.column for error in result.errors] == ["民警警号"]
    assert "公式" in result.errors[0].message


def test_a_unit_manager_imports_only_for_their_own_officers(officers, role_user, now):
    data = [HEADER, ["J001", "110 接处警", f"{now:%Y-%m-%d %H:%M}", "340201", "", ""]]

    result = import_interactions(upload=csv_file(data), by=role_user("unit_manager", "station_a"))

    assert "不在您管理的单位范围内" in result.errors[0].message
    assert not ServiceInteraction.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02garbage" * 10, "无法读取"),
        (b"a,b,c\n1,2,3\n", "表头"),
        (b"PK\x03\x04 not really a zip", "Excel"),
    ],
)
def test_files_that_are_not_exports_get_a_clear_message(officers, role_user, content, message):
    result = import_interactions(upload=SimpleUploadedFile("x.csv", content), by=role_user("political_officer"))

    assert result.errors and message in result.errors[0].message
    assert not ServiceInteraction.objects.exists()


@pytest.mark.parametrize("kind", ["macro_workbook", "vba_default", "activex"])
def test_a_workbook_declaring_macros_in_its_content_types_is_refused(officers, role_user, kind):
    crafted = crafted_xlsx([HEADER], kind)

    result = import_interactions(upload=SimpleUploadedFile("x.xlsx", crafted), by=role_user("political_officer"))

    assert result.errors and "不接受含宏的工作簿" in result.errors[0].message
    assert not ServiceInteraction.objects.exists()


def test_the_import_page_lists_problems_in_chinese(client, officers, role_user, now):
    client.force_login(role_user("political_officer"))
    data = [HEADER, ["J001", "110 接处警", "昨天", "340101", "", ""]]

    response = client.post(reverse("feedback:interaction_import"), {"file": csv_file(data)})

    page = response.content.decode()
    assert response.status_code == 400
    assert "未导入任何记录" in page and "不是时间" in page


def test_the_import_page_reports_what_was_imported(client, officers, role_user, now):
    client.force_login(role_user("unit_manager", "station_a"))
    data = [HEADER, ["J001", "110 接处警", f"{now:%Y-%m-%d %H:%M}", "340101", "13855556666", ""]]

    response = client.post(reverse("feedback:interaction_import"), {"file": csv_file(data)})

    assert response.status_code == 200
    assert "已导入 1 条服务记录" in response.content.decode()


@pytest.mark.parametrize("role", ["leader", "member", "judge", "sys_admin"])
def test_readers_and_others_cannot_import(client, officers, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("feedback:interaction_import")).status_code == 403
