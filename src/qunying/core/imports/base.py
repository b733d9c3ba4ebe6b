"""What an importer declares (its columns, its sheet spec, how rows are applied) and what applying them yields."""

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from qunying.core.sheets import RowError, Sheet, SheetSpec

MAX_LISTED = 200  # rows listed on the page (new honours, findings); the counts are always complete


@dataclass(frozen=True)
class SheetColumn:
    key: str
    header: str  # the file format is Chinese whatever the UI language, so headers are not translated
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 12
    kind: str = "text"  # text | date: how the template formats the column
    hint: str = ""  # the notes sheet's line (lazy text)


@dataclass
class ImportOutcome:
    """What applying a sheet did (or, in a preview, would do): counts, problems, findings, changed people."""

    rows: int = 0
    created: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    listed: list[dict] = field(default_factory=list)  # the first rows brought in, as the page lists them
    findings: list[dict] = field(default_factory=list)  # {"row", "message", "code"}: what a records check would say
    people: set[int] = field(default_factory=set)  # people whose timeline changed
    audit: dict = field(default_factory=dict)  # the importer's own data for the audit entry
    subjects: list[tuple[int, object]] = field(default_factory=list)  # (row, person): the pipeline checks their scope

    def add_error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))

    def add_finding(self, row: int, code: str, message: str, *, url: str = "") -> None:
        """`url`: the record the finding is about, linked from the summary once the import is committed."""
        finding = {"row": row, "code": code, "message": str(message)}
        if url:
            finding["url"] = url
        self.findings.append(finding)

    def add_person(self, row: int, person) -> None:
        """A row brought in something about `person` (an org.Person with its unit): their timeline changed, and the
        pipeline refuses the row if the person is outside the importer's scope."""
        self.people.add(person.pk)
        self.subjects.append((row, person))

    def list_row(self, entry: dict) -> None:
        if len(self.listed) < MAX_LISTED:
            self.listed.append(entry)


class Importer:
    """One kind of history import. Subclasses set `kind`, `title`, `permission`, `audit_action`, `columns`, `spec`
    and implement `apply(sheet, by=, options=, on_progress=)`: it writes through the app's services (every row goes
    through the same checks as the pages) and returns an ImportOutcome. The pipeline calls it inside a transaction
    that it rolls back for the preview and for any error, so a preview sees exactly what a commit would do."""

    kind = ""
    title = ""  # lazy text: the page's heading
    permission = ""  # e.g. "honours.import_honours"
    audit_action = ""  # e.g. "honours.imported"
    columns: tuple[SheetColumn, ...] = ()
    spec: SheetSpec
    detail_url = ""  # the URL name of the import's page, e.g. "honours:honour_import_detail"
    upload_url = ""
    commit_url = ""
    cancel_url = ""
    template_url = ""  # the empty template's URL name
    export_url = ""  # the export in the same format, when there is one
    asks_override_reason = False  # whether the upload form offers one reason for the whole file
    listed_headers: tuple[str, ...] = ()  # the columns of the rows listed on the page (ImportOutcome.listed "cells")
    # Scope: the permission ("app.action") asked of the unit (org.Unit) of every person a row is about. A row for
    # someone outside it is an error, named in `person_column` (see ImportScope and ImportOutcome.add_person).
    scope_permission = ""
    person_column = ""

    def apply(
        self, sheet: Sheet, *, by, options: dict, on_progress: Callable[[int], None] | None = None
    ) -> ImportOutcome:
        raise NotImplementedError

    def header_of(self, key: str) -> str:
        return next(column.header for column in self.columns if column.key == key)


class ImportScope:
    """Whose rows the importing user may bring in: `permission` asked of a unit, answered once per unit of the file.
    An importer asks it row by row for its own messages; the pipeline asks it again of every person the outcome
    names (ImportOutcome.add_person), so no importer can bring in anything outside the user's units."""

    def __init__(self, by, permission: str):
        self.by, self.permission = by, permission
        self._answers: dict[int, bool] = {}

    def allows(self, unit) -> bool:
        if not self.permission:
            return True
        if unit.pk not in self._answers:
            self._answers[unit.pk] = self.by.has_perm(self.permission, unit)
        return self._answers[unit.pk]

    def person_problem(self, person) -> str | None:
        """The row's error when `person` is outside the user's units (None when inside)."""
        if self.allows(person.unit):
            return None
        return _("%(name)s (%(unit)s) is outside the units you may import for.") % {
            "name": person.name,
            "unit": person.unit.name,
        }


def scope_errors(importer: Importer, outcome: ImportOutcome, *, by) -> list[RowError]:
    """The rows of `outcome` about people outside `by`'s units, one error each (the pipeline's own check)."""
    if not importer.scope_permission or by is None:
        return []
    scope, errors, reported = ImportScope(by, importer.scope_permission), [], set()
    for row, person in outcome.subjects:
        if (row, person.pk) not in reported and (problem := scope.person_problem(person)):
            reported.add((row, person.pk))
            errors.append(RowError(row, importer.person_column, problem))
    return errors


_registry: dict[str, Importer] = {}


def register_importer(importer: Importer) -> Importer:
    """Register at the import of the app's `imports` module (found like admin.py, by autodiscovery); registering a
    kind again replaces it."""
    _registry[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    if kind not in _registry:
        autodiscover_modules("imports")  # each app's imports module registers its importers when imported
    return _registry[kind]


def closest_names(text: str, names, *, count: int = 3) -> str:
    """The known names nearest to `text` (difflib), for "unknown … did you mean …" messages; "—" when none is near."""
    close = difflib.get_close_matches(text, list(dict.fromkeys(names)), n=count, cutoff=0.3)
    return "、".join(close) if close else "—"
