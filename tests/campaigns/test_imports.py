"""The past selections import (历年评选结果, issue 23 item 2): each period becomes a closed campaign with its winners
and the honours they carry, through the campaigns' and honours' services, so the yearly figures and the branch
criteria count them; errors by row and column that change nothing, the same file twice changing nothing, the export
in the same format re-importing unchanged, the template and the pages."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from qunying.accounts.enums import Role
from qunying.branches.criteria import compute
from qunying.campaigns.enums import NominationStatus, Period, Phase
from qunying.campaigns.imports.columns import COLUMNS
from qunying.campaigns.models import Campaign, Nomination
from qunying.core.enums import ImportStatus
from qunying.core.imports.services import request_import_commit, start_import
from qunying.core.models import AuditEntry, SheetImport
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.idcard import check_char
from qunying.org.models import Unit
from qunying.reports.queries.figures import yearly_figures
from tests.branches.conftest import make_branch
from tests.factories import PersonFactory

HEADERS = [column.header for column in COLUMNS]
ID_NUMBER = "34018119900307124" + check_char("34018119900307124")


def winner_row(**values) -> dict:
    return {"评选类型": "辅警之星", "年份": 2022, "月份": 3, "姓名": "辅警甲", "警号": "A001"} | values


def workbook_bytes(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "评选结果"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows: list[dict], name="历年评选.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(rows))


def snapshot() -> dict:
    return {
        "campaigns": list(Campaign.objects.order_by("pk").values_list("pk", "phase", "closed_at")),
        "nominations": list(Nomination.objects.order_by("pk").values_list("pk", "person", "status", "honour")),
        "honours": list(Honour.objects.order_by("pk").values_list("pk", "person", "award_type", "awarded_on")),
    }


def read_export(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def errors_of(sheet_import) -> set[tuple]:
    return {(error["row"], error["column"]) for error in sheet_import.errors}


@pytest.fixture(autouse=True)
def _import_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


@pytest.fixture
def winners(tree):
    def aux(name, badge, unit):
        return PersonFactory(name=name, badge_number=badge, category="auxiliary", police_rank="", unit=tree[unit])

    return {
        "a": aux("辅警甲", "A001", "station_a"),
        "squad": aux("辅警乙", "A002", "squad_a"),
        "b": aux("辅警丙", "B001", "station_b"),
        "police": PersonFactory(name="民警丁", badge_number="P001", unit=tree["station_a"]),
    }


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(file, *, by, commit: bool = True, reason: str = "") -> SheetImport:
        with django_capture_on_commit_callbacks(execute=True):
            sheet_import = start_import(kind="selections", upload=file, by=by, override_reason=reason)
        sheet_import.refresh_from_db()
        if commit and sheet_import.status == ImportStatus.READY:
            with django_capture_on_commit_callbacks(execute=True):
                request_import_commit(sheet_import, by=by)
            sheet_import.refresh_from_db()
        return sheet_import

    return run


# --- Import ----------------------------------------------------------------------------------------------------------


def test_each_period_becomes_a_closed_campaign_with_its_winners_and_their_honours(types, winners, officer, run_import):
    types["most_beautiful_police"].period = Period.YEARLY  # chosen once a year: no month
    types["most_beautiful_police"].save(update_fields=["period"])
    rows = [
        winner_row(得分=92.5),
        winner_row(月份=4, 姓名="辅警乙", 警号="A002", 决定日期="2022-05-06", 文号="测公政〔2022〕40号"),
        winner_row(评选类型="辅警标兵", 月份="5月", 姓名="辅警丙", 警号="B001", 得分=88),
        winner_row(评选类型="辅警标兵", 月份=5, 得分=95),
        winner_row(评选类型="最美民警", 月份=None, 姓名="民警丁", 警号="P001"),
    ]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    campaigns = {(c.campaign_type.code, c.period_start): c for c in Campaign.objects.select_related("campaign_type")}
    march = campaigns[("aux_star", datetime.date(2022, 3, 1))]
    assert march.phase == Phase.CLOSED and march.title == "2022年3月“辅警之星”评选"
    assert set(campaigns) >= {("aux_model", datetime.date(2022, 5, 1)), ("aux_star", datetime.date(2022, 4, 1))}
    yearly = next(c for (code, _start), c in campaigns.items() if code not in ("aux_star", "aux_model"))
    assert yearly.period_start == datetime.date(2022, 1, 1) and yearly.period_end == datetime.date(2022, 12, 31)
    won = {n.person.badge_number: n for n in Nomination.objects.select_related("person", "honour__award_type")}
    assert all(n.status == NominationStatus.AWARDED and n.honour.status == HonourStatus.ACTIVE for n in won.values())
    # Dated at the month's decision: the period's last day unless the file gives one.
    assert won["A002"].honour.awarded_on == datetime.date(2022, 5, 6)
    assert won["A002"].honour.document_number == "测公政〔2022〕40号"
    assert won["B001"].honour.awarded_on == datetime.date(2022, 5, 31) and won["B001"].honour.award_type.name
    may = campaigns[("aux_model", datetime.date(2022, 5, 1))]
    ranked = list(may.nominations.order_by("rank").values_list("person__badge_number", "final_score"))
    assert ranked == [("A001", 95.0), ("B001", 88.0)]
    assert AuditEntry.objects.filter(action="campaigns.winner.imported").count() == 5
    entry = AuditEntry.objects.get(action="campaigns.selections.imported")
    assert entry.data["new"] == 5 and len(entry.data["campaigns"]) == 4
    assert set(sheet_import.summary["people"]) == {p.pk for p in winners.values()}


def test_the_figures_and_the_branch_criteria_count_the_imported_winners(types, winners, officer, run_import):
    branch = make_branch(Unit.objects.get(name="甲派出所"))
    with translation.override("zh-hans"):
        before = yearly_figures(Unit.objects.all(), 2022).sentence
    assert "辅警之星" not in before and compute("campaigns.nominations", branch, 2022).count == 0

    rows = [winner_row(月份=month) for month in (1, 2)] + [winner_row(月份=3, 姓名="辅警乙", 警号="A002")]
    assert run_import(upload(rows), by=officer).status == ImportStatus.COMMITTED

    with translation.override("zh-hans"):
        after = yearly_figures(Unit.objects.all(), 2022).sentence
    assert "评选出“辅警之星”2人" in after
    assert compute("campaigns.nominations", branch, 2022).count == 2  # 辅警乙 serves in a squad it does not cover


def test_the_same_file_imported_twice_changes_nothing(types, winners, officer, run_import):
    file = workbook_bytes([winner_row(), winner_row(评选类型="辅警标兵", 姓名="辅警丙", 警号="B001", 得分=90)])
    assert run_import(SimpleUploadedFile("a.xlsx", file), by=officer).status == ImportStatus.COMMITTED
    before = snapshot()

    again = run_import(SimpleUploadedFile("a.xlsx", file), by=officer)

    assert snapshot() == before
    assert again.summary["new"] == 0 and again.summary["unchanged"] == 2


def test_a_file_with_errors_changes_nothing_and_names_each_row_and_column(types, winners, officer, run_import):
    run_import(upload([winner_row(月份=1)]), by=officer)
    before = snapshot()
    next_month = timezone.localdate().replace(day=1) + datetime.timedelta(days=32)
    rows = [
        winner_row(月份=2),  # fine
        winner_row(评选类型="辅警明星"),  # 3: unknown type
        winner_row(月份=13),  # 4: no such month
        winner_row(警号="X999"),  # 5: no such badge
        winner_row(月份=6, 姓名="民警丁", 警号="P001"),  # 6: a police officer in an auxiliaries' selection
        winner_row(月份=7),  # 7: aux_star has one winner a month …
        winner_row(月份=7, 姓名="辅警乙", 警号="A002"),  # 8: … so the second is refused
        winner_row(月份=1, 姓名="辅警乙", 警号="A002"),  # 9: January is on record with someone else
        winner_row(年份=next_month.year, 月份=next_month.month),  # 10: not over yet
        winner_row(姓名="辅警乙"),  # 11: the badge is someone else's
        winner_row(月份=8, 得分="优秀"),  # 12: not a number
        winner_row(月份=9, 决定日期="2022-08-01"),  # 13: decided before the period
        winner_row(月份=2),  # 14: the same as row 2
    ]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.INVALID
    assert errors_of(sheet_import) == {
        (3, "评选类型"),
        (4, "月份"),
        (5, "警号"),
        (6, "评选类型"),
        (8, "评选类型"),
        (9, "姓名"),
        (10, "月份"),
        (11, "姓名"),
        (12, "得分"),
        (13, "决定日期"),
        (14, "姓名"),
    }
    messages = " ".join(error["message"] for error in sheet_import.errors)
    assert "最接近的" in messages and "辅警之星" in messages and "不在其获奖名单中" in messages
    assert snapshot() == before


def test_a_winner_is_found_by_id_number_through_the_blind_index(types, tree, officer, run_import):
    person = PersonFactory(
        name="辅警戊", category="auxiliary", police_rank="", id_number=ID_NUMBER, unit=tree["station_a"]
    )
    row = winner_row(姓名="辅警戊", 警号=None, 身份证号=ID_NUMBER.lower())

    sheet_import = run_import(upload([row]), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    assert Nomination.objects.get().person == person


def test_only_for_people_of_the_officers_units(types, winners, role_user, run_import):
    officer = role_user(Role.POLITICAL_OFFICER, "station_b")
    rows = [winner_row(姓名="辅警丙", 警号="B001"), winner_row(月份=4)]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.INVALID and errors_of(sheet_import) == {(3, "警号")}
    assert "不在您可导入的单位范围内" in sheet_import.errors[0]["message"]
    assert not Campaign.objects.exists()


def test_only_the_political_department_imports(types, role_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        start_import(kind="selections", upload=upload([winner_row()]), by=role_user(Role.UNIT_MANAGER))


def test_the_export_in_the_import_format_re_imports_unchanged(client, types, winners, officer, run_import):
    types["most_beautiful_police"].period = Period.YEARLY
    types["most_beautiful_police"].save(update_fields=["period"])
    rows = [
        winner_row(得分=91.5, 文号="测公政〔2022〕12号", 单位="甲派出所"),
        winner_row(评选类型="辅警标兵", 月份=5, 姓名="辅警丙", 警号="B001", 决定日期="2022-06-03", 单位="乙派出所"),
        winner_row(评选类型="最美民警", 月份=None, 姓名="民警丁", 警号="P001", 单位="甲派出所"),
    ]
    assert run_import(upload(rows), by=officer).status == ImportStatus.COMMITTED
    client.force_login(officer)
    exported = read_export(client.get(reverse("campaigns:selection_import_export")))
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    written = [dict(zip(HEADERS, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    # In the order of the periods: the yearly 最美民警 (no month) begins in January.
    assert [(r["评选类型"], r["年份"], r["月份"], r["警号"], r["得分"]) for r in written] == [
        ("最美民警", 2022, None, "P001", None),
        ("辅警之星", 2022, 3, "A001", 91.5),
        ("辅警标兵", 2022, 5, "B001", None),
    ]
    before = snapshot()

    again = run_import(SimpleUploadedFile("export.xlsx", exported), by=officer)

    assert again.status != ImportStatus.INVALID and again.summary["unchanged"] == 3 and again.summary["new"] == 0
    assert snapshot() == before


def test_the_template_has_drop_downs_and_a_notes_sheet(client, types, officer):
    client.force_login(officer)

    workbook = openpyxl.load_workbook(
        io.BytesIO(read_export(client.get(reverse("campaigns:selection_import_template"))))
    )

    sheet = workbook["评选结果"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert len(sheet.data_validations.dataValidation) == 2
    assert "辅警之星" in [cell.value for cell in workbook["选项"]["A"]]
    notes = [row[0] for row in workbook.worksheets[-1].iter_rows(values_only=True)]
    assert "决定日期" in notes and "评选类型" in notes


# --- Pages -----------------------------------------------------------------------------------------------------------


def test_upload_check_and_commit_through_the_pages(client, types, winners, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    assert reverse("campaigns:selection_import") in client.get(reverse("campaigns:campaign_list")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:selection_import"), {"file": upload([winner_row()])})
    sheet_import = SheetImport.objects.get()
    assert response["Location"] == reverse("campaigns:selection_import_detail", args=[sheet_import.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "2022年3月" in preview and "辅警甲" in preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaigns:selection_import_commit", args=[sheet_import.pk]))
    done = client.get(reverse("campaigns:selection_import_detail", args=[sheet_import.pk])).content.decode()

    assert Nomination.objects.filter(status=NominationStatus.AWARDED).count() == 1
    assert reverse("org:person_detail", args=[winners["a"].pk]) in done


def test_a_file_with_errors_shows_rows_and_columns_in_chinese(
    client, types, winners, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaigns:selection_import"), {"file": upload([winner_row(评选类型="辅警明星")])})
    page = client.get(reverse("campaigns:selection_import_detail", args=[SheetImport.objects.get().pk]))

    content = page.content.decode()
    assert "评选类型" in content and "最接近的" in content and "未写入任何数据" in content


def test_a_cancelled_import_writes_nothing(client, types, winners, officer, run_import):
    sheet_import = run_import(upload([winner_row()]), by=officer, commit=False)
    client.force_login(officer)

    client.post(reverse("campaigns:selection_import_cancel", args=[sheet_import.pk]))

    sheet_import.refresh_from_db()
    assert sheet_import.status == ImportStatus.CANCELLED and not Campaign.objects.exists()


def test_the_summary_links_the_findings_and_the_people_whose_timelines_changed(
    client, types, winners, officer, run_import
):
    rows = [winner_row(月份=3), winner_row(月份=4)]  # the same star twice within a year: the year rule's finding

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.COMMITTED, sheet_import.errors
    april = Honour.objects.get(awarded_on=datetime.date(2022, 4, 30))
    assert [(f["row"], f["code"]) for f in sheet_import.summary["findings"]] == [(3, "year_rule")]
    client.force_login(officer)
    page = client.get(reverse("campaigns:selection_import_detail", args=[sheet_import.pk])).content.decode()
    assert f'href="{reverse("honours:honour_detail", args=[april.pk])}"' in page
    assert 'id="timelines"' in page and f'href="{reverse("org:person_detail", args=[winners["a"].pk])}"' in page
