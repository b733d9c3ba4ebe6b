"""The import pipeline's scope (issue 23 item 5): a user imports only for their units. Every importer names the
people its rows are about (ImportOutcome.add_person) and the pipeline refuses, row by row and in Chinese, anyone
outside the user's units, whatever the importer checked itself; the honours import obeys it too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy

from qunying.accounts.enums import Role
from qunying.core.enums import ImportStatus
from qunying.core.imports import Importer, ImportOutcome, ImportScope, SheetColumn, register_importer
from qunying.core.imports.base import _registry
from qunying.core.models import AuditEntry
from qunying.core.services import log_action
from qunying.core.sheets import SheetSpec, cell_text
from qunying.honours.models import Honour
from qunying.org.models import Person
from tests.factories import PersonFactory
from tests.honours.conftest import issuers  # noqa: F401 (a fixture)
from tests.honours.test_import import honour_row, run_import, upload, workbook_bytes  # noqa: F401 (fixtures)

COLUMNS = (SheetColumn("badge_number", "警号", required=True),)


class CarelessImporter(Importer):
    """Checks no scope itself: it only says whom each row is about, and writes an audit entry per row."""

    kind = "scope_test"
    title = gettext_lazy("Import honours")
    permission = "org.view_people"
    audit_action = "scope_test.imported"
    columns = COLUMNS
    spec = SheetSpec(columns=COLUMNS, anchors=frozenset({"badge_number"}), no_header="-", too_many_rows="-", max_rows=9)
    scope_permission = "org.add_person"  # over the political department and unit managers, asked of a unit
    person_column = "警号"

    def apply(self, sheet, *, by, options, on_progress=None) -> ImportOutcome:
        outcome = ImportOutcome()
        for row in sheet.rows:
            person = Person.objects.select_related("unit").get(badge_number=cell_text(row.values["badge_number"]))
            log_action(person, "scope_test.row", by=by)
            outcome.created += 1
            outcome.add_person(row.number, person)
        return outcome


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def careless():
    register_importer(CarelessImporter())
    yield
    _registry.pop("scope_test", None)


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(name="杨磊成", badge_number="340101", unit=tree["station_a"]),
        "squad": PersonFactory(name="周敏", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="吴乙所", badge_number="340201", unit=tree["station_b"]),
    }


def test_a_unit_manager_imports_only_for_their_units_whatever_the_importer_checks(
    careless, people, role_user, django_capture_on_commit_callbacks
):
    from qunying.core.imports.services import start_import  # the fixture registers the kind first

    manager = role_user(Role.UNIT_MANAGER, "station_a")
    workbook = workbook_bytes([{"警号": "340101"}, {"警号": "340201"}, {"警号": "340102"}], headers=["警号"])
    with django_capture_on_commit_callbacks(execute=True):
        sheet_import = start_import(kind="scope_test", upload=SimpleUploadedFile("a.xlsx", workbook), by=manager)
    sheet_import.refresh_from_db()

    assert sheet_import.status == ImportStatus.INVALID
    assert [(error["row"], error["column"]) for error in sheet_import.errors] == [(3, "警号")]
    assert "吴乙所（乙派出所）不在您可导入的单位范围内" in sheet_import.errors[0]["message"]
    assert not AuditEntry.objects.filter(action="scope_test.row").exists()


def test_inside_their_units_the_same_import_goes_through(
    careless, people, role_user, django_capture_on_commit_callbacks
):
    from qunying.core.imports.services import request_import_commit, start_import  # as above

    manager = role_user(Role.UNIT_MANAGER, "station_a")
    workbook = workbook_bytes([{"警号": "340101"}, {"警号": "340102"}], headers=["警号"])
    with django_capture_on_commit_callbacks(execute=True):
        sheet_import = start_import(kind="scope_test", upload=SimpleUploadedFile("a.xlsx", workbook), by=manager)
    sheet_import.refresh_from_db()
    assert sheet_import.status == ImportStatus.READY, sheet_import.errors
    with django_capture_on_commit_callbacks(execute=True):
        request_import_commit(sheet_import, by=manager)
    sheet_import.refresh_from_db()

    assert sheet_import.status == ImportStatus.COMMITTED
    assert AuditEntry.objects.filter(action="scope_test.row").count() == 2
    assert sheet_import.summary["people"] == sorted([people["a"].pk, people["squad"].pk])


def test_the_scope_is_asked_once_per_unit(people, role_user, django_assert_num_queries):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    scope = ImportScope(manager, "org.add_person")
    scope.allows(people["a"].unit)  # reads the manager's assignments
    with django_assert_num_queries(0):
        assert scope.person_problem(people["a"]) is None
        assert scope.person_problem(people["squad"]) is None
        assert "乙派出所" in scope.person_problem(people["b"])


def test_the_honours_import_refuses_a_row_outside_a_political_officers_units(
    people,
    issuers,  # noqa: F811 (a fixture)
    role_user,
    run_import,  # noqa: F811 (a fixture)
):
    officer = role_user(Role.POLITICAL_OFFICER, "station_b")
    rows = [honour_row(获奖对象="吴乙所", 警号="340201"), honour_row()]

    sheet_import = run_import(upload(rows), by=officer)

    assert sheet_import.status == ImportStatus.INVALID
    assert [(error["row"], error["column"]) for error in sheet_import.errors] == [(3, "警号")]
    assert "不在" in sheet_import.errors[0]["message"]
    assert not Honour.objects.exists()
