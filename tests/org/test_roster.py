"""Roster import and export: preview with row-by-row errors, all-or-nothing commit, scoped and redacted exports."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.org.enums import PersonStatus, PoliceRank, PostType, RosterImportStatus
from qunying.org.idcard import check_char, mask_id_number
from qunying.org.models import AuxiliaryTier, Person, RosterImport
from qunying.org.roster import COLUMNS, neutralise
from qunying.org.roster.columns import cell_date, unescape
from qunying.org.services import create_person, request_roster_commit, start_roster_import
from tests.factories import UnitFactory

HEADERS = [column.header for column in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def id_number(birth: str = "19900307", sequence: int = 123) -> str:
    first17 = f"340181{birth}{sequence:03d}"
    return first17 + check_char(first17)


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def zh_label(choice) -> str:
    with translation.override("zh-hans"):
        return str(choice.label)


def roster_row(**values) -> dict:
    row = {
        "姓名": "张伟",
        "警号": "010001",
        "类别": "民警",
        "性别": "男",
        "单位": "甲派出所",
        "警种岗位": zh_label(PostType.PATROL),
    }
    return row | values


def workbook_bytes(rows: list[dict], headers: list[str] = HEADERS, formulas: dict | None = None) -> bytes:
    """A roster workbook; `formulas` maps (row index, header) to a formula written into that cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    for (index, header), formula in (formulas or {}).items():
        sheet.cell(row=index + 2, column=headers.index(header) + 1, value=formula)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(rows: list[dict], name: str = "花名册.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(rows, **kwargs), content_type=XLSX)


def read_export(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def snapshot() -> list[tuple]:
    fields = ["pk", "badge_number", "name", "unit", "id_number_index", "phone_index", "birth_date", "updated_at"]
    return list(Person.objects.order_by("pk").values_list(*fields))


def add_person(unit, badge: str, name: str = "李娜", **fields) -> Person:
    values = {"category": "police", "gender": "female", "post_type": PostType.PATROL} | fields
    return create_person(by=None, badge_number=badge, name=name, unit=unit, **values)


@pytest.fixture(autouse=True)
def _roster_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    """Upload, preview and (unless told not to) commit through the services, tasks running as they are queued."""

    def run(file, *, by, commit: bool = True) -> RosterImport:
        with django_capture_on_commit_callbacks(execute=True):
            roster_import = start_roster_import(upload=file, by=by)
        roster_import.refresh_from_db()
        if commit and roster_import.status == RosterImportStatus.READY:
            with django_capture_on_commit_callbacks(execute=True):
                request_roster_commit(roster_import, by=by)
            roster_import.refresh_from_db()
        return roster_import

    return run


# --- Import --------------------------------------------------------------------------------------------------------


def test_import_of_a_valid_file_creates_and_updates_with_one_audit_entry(tree, officer, run_import):
    existing = add_person(tree["station_a"], "010002")
    rows = [
        roster_row(姓名="张伟", 警号="010001", 身份证号=id_number(), 手机号="138 0013 8000", 出生日期="1990/03/07"),
        roster_row(姓名="李娜", 警号="010002", 单位="乙派出所", 性别="女"),
    ]

    roster_import = run_import(upload(rows), by=officer)

    assert roster_import.status == RosterImportStatus.COMMITTED
    assert (roster_import.summary["new"], roster_import.summary["updated"], roster_import.summary["unchanged"]) == (
        1,
        1,
        0,
    )
    created = Person.objects.get(badge_number="010001")
    assert (created.unit, created.gender, created.birth_date, created.status) == (
        tree["station_a"],
        "male",
        datetime.date(1990, 3, 7),
        PersonStatus.ACTIVE,
    )
    assert (created.id_number, created.phone, created.name_initials) == (id_number(), "13800138000", "zw")
    id_index = Person._meta.get_field("id_number_index").index_of(id_number())
    assert Person.objects.get(id_number_index=id_index) == created
    existing.refresh_from_db()
    assert existing.unit == tree["station_b"]
    entry = AuditEntry.objects.get(action="org.roster.imported")
    assert (entry.actor, entry.data["new"], entry.data["updated"], entry.data["filename"]) == (
        officer,
        1,
        1,
        "花名册.xlsx",
    )
    assert entry.data["updated_fields"] == {"010002": ["unit"]}
    assert id_number() not in str(entry.data) and "13800138000" not in str(entry.data)
    assert not roster_import.file  # the upload, with its plaintext numbers, is gone


def test_import_with_errors_changes_nothing_and_names_each_bad_row_and_column(tree, role_user, run_import):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    add_person(tree["station_b"], "020001", name="乙所民警")
    add_person(tree["station_a"], "010009", name="甲所民警")
    before = snapshot()
    rows = [
        roster_row(警号="010001", 身份证号=wrong_check_digit(id_number())),  # row 2
        roster_row(警号="010002"),  # row 3
        roster_row(警号="010002", 姓名="王芳"),  # row 4: same badge as row 3
        roster_row(警号="020001"),  # row 5: another station's officer
        roster_row(警号="010003", 单位="丙派出所"),  # row 6
        roster_row(警号="010004", 入警时间="2020-13-45"),  # row 7
        roster_row(警号="010005"),  # row 8: formula in 姓名
        roster_row(警号="010006", 姓名=None),  # row 9
        roster_row(警号="010009", 姓名="甲所民警改"),  # row 10: valid, yet nothing may be written
    ]

    roster_import = run_import(upload(rows, formulas={(6, "姓名"): '=CONCAT("张","三")'}), by=manager)

    assert roster_import.status == RosterImportStatus.INVALID
    assert {(error["row"], error["column"]) for error in roster_import.errors} == {
        (2, "身份证号"),
        (4, "警号"),
        (5, "警号"),
        (6, "单位"),
        (7, "入警时间"),
        (8, "姓名"),
        (9, "姓名"),
    }
    messages = {error["row"]: error["message"] for error in roster_import.errors}
    assert "校验" in messages[2] and "第 3 行" in messages[4] and "公式" in messages[8]
    assert snapshot() == before
    assert not AuditEntry.objects.filter(action="org.roster.imported").exists()
    assert not roster_import.file


def test_reimport_of_the_same_file_reports_all_unchanged_and_changes_nothing(tree, officer, run_import):
    tier = AuxiliaryTier.objects.create(name="二级辅警", level=2)
    rows = [
        roster_row(警号="010001", 身份证号=id_number(), 手机号="13800138000", 参加工作时间=datetime.date(2012, 7, 1)),
        roster_row(警号="010002", 姓名="王芳", 类别="辅警", 辅警类型="文职", 辅警层级=tier.name, 性别="女"),
        roster_row(警号="010003", 姓名="周敏", 单位="甲派出所/甲所一中队", 性别="女", 党员="是", 涉密="否"),
    ]
    first = run_import(upload(rows), by=officer)
    before = snapshot()

    again = run_import(upload(rows), by=officer)

    assert (first.status, first.summary["new"]) == (RosterImportStatus.COMMITTED, 3)
    assert again.status == RosterImportStatus.COMMITTED
    assert (again.summary["new"], again.summary["updated"], again.summary["unchanged"]) == (0, 0, 3)
    assert snapshot() == before


def test_import_of_5000_rows_previews_and_commits(tree, officer, run_import):
    units = ["甲派出所", "甲所一中队", "乙派出所"]
    start = datetime.date(1970, 1, 1)
    rows = []
    for n in range(5000):
        birth = start + datetime.timedelta(days=(n * 7) % 12000)
        rows.append(
            roster_row(
                姓名=f"测试{'甲乙丙丁戊己庚辛'[n % 8]}{n}",
                警号=f"{200000 + n}",
                类别="辅警" if n % 3 == 0 else "民警",
                辅警类型="勤务" if n % 3 == 0 else None,
                身份证号=id_number(birth.strftime("%Y%m%d"), n % 1000),
                手机号=f"139{n:08d}",
                单位=units[n % 3],
                性别=None,
                参加工作时间=birth + datetime.timedelta(days=8000),
            )
        )

    roster_import = run_import(upload(rows), by=officer)

    assert (roster_import.status, roster_import.total_rows, roster_import.processed_rows) == ("committed", 5000, 5000)
    assert roster_import.summary["new"] == 5000
    assert Person.objects.filter(unit=tree["squad_a"]).count() == 1667
    assert Person.objects.filter(category="auxiliary", auxiliary_kind="duty").count() == 1667
    assert Person.objects.exclude(id_number_index="").exclude(phone_index="").exclude(name_pinyin="").count() == 5000


def test_blank_id_number_and_phone_on_an_update_keep_the_stored_values(tree, officer, run_import):
    person = add_person(
        tree["station_a"], "010001", name="张伟", gender="male", id_number=id_number(), phone="13800138000"
    )

    roster_import = run_import(upload([roster_row(警号="010001", 警衔=zh_label(PoliceRank.INSPECTOR_1))]), by=officer)

    assert roster_import.summary["updated"] == 1
    person.refresh_from_db()
    assert (person.id_number, person.phone, person.police_rank) == (id_number(), "13800138000", "inspector_1")


def test_unit_manager_cannot_overwrite_an_id_number_they_may_not_see(tree, role_user, run_import):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    add_person(tree["station_a"], "010001", name="张伟", gender="male", id_number=id_number())
    other = id_number(sequence=135)

    roster_import = run_import(upload([roster_row(警号="010001", 身份证号=other)]), by=manager)

    assert [(error["row"], error["column"]) for error in roster_import.errors] == [(2, "身份证号")]
    assert Person.objects.get(badge_number="010001").id_number == id_number()


def test_id_number_already_held_by_someone_else_is_an_error(tree, officer, run_import):
    add_person(tree["station_a"], "010009", gender="male", id_number=id_number())

    roster_import = run_import(upload([roster_row(警号="010001", 身份证号=id_number())]), by=officer)

    assert [(error["row"], error["column"]) for error in roster_import.errors] == [(2, "身份证号")]
    assert not Person.objects.filter(badge_number="010001").exists()


def test_repeated_unit_names_need_the_parent_unit(tree, officer, run_import):
    UnitFactory(name="一中队", kind="squad", parent=tree["station_a"])
    squad_b = UnitFactory(name="一中队", kind="squad", parent=tree["station_b"])

    ambiguous = run_import(upload([roster_row(单位="一中队")]), by=officer)
    resolved = run_import(upload([roster_row(单位="乙派出所 / 一中队")]), by=officer)

    assert "乙派出所/一中队" in ambiguous.errors[0]["message"]
    assert resolved.status == RosterImportStatus.COMMITTED
    assert Person.objects.get(badge_number="010001").unit == squad_b


def test_commit_checks_again_and_refuses_what_changed_since_the_preview(
    tree, role_user, run_import, django_capture_on_commit_callbacks
):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    rows = [roster_row(警号="010001"), roster_row(警号="010002", 姓名="王芳")]
    roster_import = run_import(upload(rows), by=manager, commit=False)
    assert roster_import.status == RosterImportStatus.READY
    add_person(tree["station_b"], "010002", name="乙所王芳")  # meanwhile, in another station

    with django_capture_on_commit_callbacks(execute=True):
        request_roster_commit(roster_import, by=manager)

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.INVALID
    assert [(error["row"], error["column"]) for error in roster_import.errors] == [(3, "警号")]
    assert not Person.objects.filter(badge_number="010001").exists()


def test_raw_database_rows_hold_no_plaintext_id_number_or_phone_after_import(tree, officer, run_import, caplog):
    rows = [roster_row(身份证号=id_number(), 手机号="13800138000")]

    with caplog.at_level("DEBUG"):
        run_import(upload(rows), by=officer)

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, id_number_index, phone_index FROM org_person")
        raw = " ".join(str(value) for row in cursor.fetchall() for value in row)
        cursor.execute("SELECT errors, summary FROM org_rosterimport")
        raw += " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert Person.objects.get().id_number == id_number()
    assert id_number() not in raw and id_number()[:17] not in raw and "13800138000" not in raw
    assert id_number() not in caplog.text and "13800138000" not in caplog.text


def test_upload_refuses_a_file_that_is_not_xlsx_with_a_chinese_message(client, officer):
    client.force_login(officer)
    fake = SimpleUploadedFile("花名册.xlsx", "姓名,警号\n张伟,010001\n".encode(), content_type=XLSX)

    response = client.post(reverse("org:roster_upload"), {"file": fake})

    assert response.status_code == 200
    assert "不是 Excel 工作簿" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_a_workbook_without_the_roster_header_is_invalid_with_a_message(officer, run_import):
    roster_import = run_import(upload([{"甲": 1}], headers=["甲", "乙"]), by=officer)

    assert roster_import.status == RosterImportStatus.INVALID
    assert roster_import.errors[0]["row"] == 0 and "模板" in roster_import.errors[0]["message"]


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_upload_check_and_commit_through_the_pages(client, tree, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = client.post(reverse("org:roster_upload"), {"file": upload([roster_row()])})
    detail_url = uploaded["Location"]
    preview = client.get(detail_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail_url + "commit/")
    done = client.get(detail_url).content.decode()

    assert "确认导入" in preview
    assert Person.objects.filter(badge_number="010001").exists()
    assert "已导入" in done


def test_import_detail_shows_progress_and_polls_while_checking(client, officer):
    client.force_login(officer)
    running = RosterImport.objects.create(
        original_filename="x.xlsx",
        created_by=officer,
        status=RosterImportStatus.PREVIEWING,
        total_rows=2000,
        processed_rows=500,
    )
    url = reverse("org:roster_import_detail", args=[running.pk])

    page = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"})

    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'hx-trigger="every 1s"' in partial.content.decode() and 'value="500"' in partial.content.decode()
    running.status = RosterImportStatus.READY
    running.save(update_fields=["status"])
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"


def test_imports_are_visible_only_to_their_uploader(client, officer, role_user):
    roster_import = RosterImport.objects.create(original_filename="x.xlsx", created_by=officer, status="ready")
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    assert client.get(reverse("org:roster_import_detail", args=[roster_import.pk])).status_code == 404
    assert client.post(reverse("org:roster_import_commit", args=[roster_import.pk])).status_code == 404
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.READY


@pytest.mark.parametrize("count", [1, 3])
def test_import_detail_query_count_does_not_grow_with_errors(client, officer, django_assert_num_queries, count):
    client.force_login(officer)
    errors = [{"row": n + 2, "column": "姓名", "message": "请填写此单元格。"} for n in range(count)]
    roster_import = RosterImport.objects.create(
        original_filename="x.xlsx", created_by=officer, status="invalid", errors=errors, summary={"error_count": count}
    )

    with django_assert_num_queries(9):
        response = client.get(reverse("org:roster_import_detail", args=[roster_import.pk]))

    assert response.content.decode().count("请填写此单元格。") == count


def test_template_downloads_with_every_column(client, officer):
    client.force_login(officer)

    response = client.get(reverse("org:roster_template"))

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [cell.value for cell in workbook["花名册"][1]] == HEADERS
    options = {cell.value: cell.column_letter for cell in workbook["选项"][1]}
    assert set(options) <= set(HEADERS) and {"类别", "性别", "党员"} <= set(options)  # headers, not codes
    assert [cell.value for cell in workbook["选项"][options["性别"]][1:3]] == ["男", "女"]


# --- Export --------------------------------------------------------------------------------------------------------


@pytest.fixture
def exported_people(tree):
    return {
        "a": add_person(
            tree["station_a"],
            "010001",
            name='=HYPERLINK("http://evil","点我")',
            gender="male",
            id_number=id_number(),
            phone="13800138000",
        ),
        "squad": add_person(tree["squad_a"], "010002", name="周敏"),
        "b": add_person(tree["station_b"], "020001", name="乙所民警"),
    }


def test_export_for_a_unit_manager_holds_only_their_station_with_masked_id_numbers(client, exported_people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("org:roster_export"))

    rows = {row["警号"]: row for row in read_export(response)}
    assert set(rows) == {"010001", "010002"}
    assert rows["010001"]["身份证号"] == mask_id_number(id_number())
    assert rows["010001"]["手机号"] == "13800138000"  # phones are for the unit's manager too
    assert rows["010001"]["姓名"] == '\'=HYPERLINK("http://evil","点我")'
    assert AuditEntry.objects.get(action="org.roster.exported").data["people"] == 2


def test_export_for_the_political_officer_has_full_id_numbers_and_follows_the_filters(
    client, exported_people, officer, tree
):
    client.force_login(officer)

    response = client.get(reverse("org:roster_export"), {"unit": tree["station_a"].pk, "q": "zm"})

    rows = read_export(response)
    assert [row["警号"] for row in rows] == ["010002"]
    everyone = {row["警号"]: row for row in read_export(client.get(reverse("org:roster_export")))}
    assert everyone["010001"]["身份证号"] == id_number()
    assert everyone["010002"]["单位"] == "甲所一中队"


def test_export_of_another_stations_unit_is_404_for_a_unit_manager(client, exported_people, role_user, tree):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("org:roster_export"), {"unit": tree["station_b"].pk})

    assert response.status_code == 404


def test_export_by_a_unit_manager_imports_back_unchanged(client, exported_people, role_user, run_import):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)
    exported = b"".join(client.get(reverse("org:roster_export")).streaming_content)
    before = snapshot()

    roster_import = run_import(SimpleUploadedFile("export.xlsx", exported), by=manager)

    assert (roster_import.status, roster_import.summary["unchanged"]) == (RosterImportStatus.COMMITTED, 2)
    assert snapshot() == before


# --- Parsing properties --------------------------------------------------------------------------------------------


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)), st.sampled_from("-/."))
def test_dates_read_back_in_every_accepted_text_form(date, separator):
    assert cell_date(f"{date.year}{separator}{date.month}{separator}{date.day}") == date
    assert cell_date(date.strftime(f"%Y{separator}%m{separator}%d")) == date


@given(st.text(max_size=30))
def test_neutralised_text_is_never_a_formula_and_reads_back_as_it_was(text):
    escaped = neutralise(text)

    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape(escaped) == text or text.startswith("'")


def test_export_searched_by_id_number_keeps_the_number_out_of_the_audit_log(client, exported_people, officer):
    client.force_login(officer)

    rows = read_export(client.get(reverse("org:roster_export"), {"q": id_number()}))

    assert [row["警号"] for row in rows] == ["010001"]
    entry = AuditEntry.objects.get(action="org.roster.exported")
    assert id_number() not in str(entry.data) and entry.data["people"] == 1


def test_an_upload_never_committed_is_deleted_after_a_day(tree, officer, run_import):
    rows = [roster_row(姓名="王军", 警号="500001", 身份证号=id_number("19900307", 125))]
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False) as clock:
        pending = run_import(upload(rows), by=officer, commit=False)
        assert pending.status == RosterImportStatus.READY and pending.file

        clock.shift(datetime.timedelta(hours=25))
        run_import(upload(rows, name="another.xlsx"), by=officer, commit=False)

    pending.refresh_from_db()
    assert not pending.file
    assert pending.status == RosterImportStatus.READY
