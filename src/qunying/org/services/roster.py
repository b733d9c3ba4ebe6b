"""Roster import writes: upload → preview (checked row by row) → commit all-or-nothing, with progress for the page."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.ooxml import PackageProblem, check_xlsx_package
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.org import tasks
from qunying.org.enums import RosterImportStatus
from qunying.org.models import ROSTER_IMPORT_TRANSITIONS, Person, RosterImport
from qunying.org.roster import (
    COLUMN_BY_KEY,
    RosterFileError,
    RosterPlan,
    RowError,
    check_roster,
    fill_derived_fields,
    people_for_export,
    read_roster,
    write_roster,
)
from qunying.org.rules import policy

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a 20,000-row roster unpacks to a few dozen MB; more is a zip bomb
MAX_STORED_ERRORS = 2_000  # the page pages through them; a file this wrong needs fixing at the source anyway
MAX_LISTED_CHANGES = 200
WRITE_BATCH = 500
ZIP_SIGNATURE = b"PK\x03\x04"
STALE_UPLOAD_AGE = datetime.timedelta(days=1)
_PACKAGE_MESSAGES = {
    "type": gettext_lazy("This is not an Excel workbook (.xlsx); please save the roster as .xlsx."),
    "too_large": gettext_lazy("The workbook is too large once unpacked; please split the roster."),
    "macro": gettext_lazy("Workbooks with macros are not accepted; please save the roster as .xlsx."),
}


def _check_upload(upload) -> None:
    """A real .xlsx: judged by its content (a zip holding a workbook, without macros), never by its name."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB; please split the roster."), code="too_large")
    upload.seek(0)
    signature = upload.read(4)
    upload.seek(0)
    if signature != ZIP_SIGNATURE:
        raise ValidationError(_("This is not an Excel workbook (.xlsx); please save the roster as .xlsx."), code="type")
    try:
        check_xlsx_package(upload, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except PackageProblem as problem:
        raise ValidationError(_PACKAGE_MESSAGES[problem.code], code=problem.code) from None


def _set_status(roster_import: RosterImport, status: str, **fields) -> None:
    """The one place an import changes status: along ROSTER_IMPORT_TRANSITIONS, the write naming its fields."""
    changed = transition(roster_import, status, ROSTER_IMPORT_TRANSITIONS)
    if status not in {RosterImportStatus.PREVIEWING, RosterImportStatus.COMMITTING}:
        roster_import.finished_at = timezone.now()
        fields["finished_at"] = roster_import.finished_at
    for name, value in fields.items():
        setattr(roster_import, name, value)
    roster_import.save(update_fields=[*changed, *fields])


def _discard_file(roster_import: RosterImport) -> None:
    """The upload holds plaintext ID numbers and phones: it goes as soon as it is no longer needed."""
    if roster_import.file:
        roster_import.file.delete(save=False)
        RosterImport.objects.filter(pk=roster_import.pk).update(file="")


def discard_stale_uploads(*, older_than=STALE_UPLOAD_AGE) -> int:
    """Uploads previewed but never committed still hold plaintext: they go after a day (checked at each upload)."""
    stale = list(RosterImport.objects.exclude(file="").filter(created_at__lt=timezone.now() - older_than))
    for roster_import in stale:
        _discard_file(roster_import)
    return len(stale)


def _progress(roster_import: RosterImport):
    def report(rows: int) -> None:
        RosterImport.objects.filter(pk=roster_import.pk).update(processed_rows=rows)

    return report


def start_roster_import(*, upload, by) -> RosterImport:
    """Keep the upload and queue its preview. A file that is not an .xlsx is refused here and nothing is created."""
    policy.require(by, "import_roster")
    _check_upload(upload)
    discard_stale_uploads()
    with transaction.atomic():
        roster_import = RosterImport(
            original_filename=upload.name[:255],
            created_by=by,
            status=RosterImportStatus.PREVIEWING,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        roster_import.file.save(upload.name, upload, save=False)
        roster_import.save()
        log_action(
            roster_import, "org.roster_import.uploaded", by=by, data={"filename": roster_import.original_filename}
        )
        transaction.on_commit(lambda: tasks.preview_roster_import.enqueue(roster_import.pk))
    return roster_import


def _errors_json(errors: list[RowError]) -> list[dict]:
    return [error.as_dict() for error in errors[:MAX_STORED_ERRORS]]


def _summary(plan: RosterPlan, sheet) -> dict:
    changes = [
        {
            "badge": person.badge_number,
            "name": person.name,
            "columns": [COLUMN_BY_KEY[field].header for field in fields],
        }
        for person, fields in plan.updates[:MAX_LISTED_CHANGES]
    ]
    return {
        "new": len(plan.creates),
        "updated": len(plan.updates),
        "unchanged": plan.unchanged,
        "error_count": len(plan.errors),
        "ignored_columns": sheet.ignored_headers if sheet is not None else [],
        "changes": changes,
    }


def preview_roster_import(roster_import: RosterImport) -> RosterImport:
    """Read and check every row; the import becomes ready (counts of new, updated, unchanged) or invalid (errors)."""
    if roster_import.status != RosterImportStatus.PREVIEWING:
        return roster_import
    with translation.override(roster_import.language or settings.LANGUAGE_CODE):
        try:
            sheet, plan = _read_and_check(roster_import)
        except RosterFileError as error:
            _set_status(roster_import, RosterImportStatus.INVALID, errors=[RowError(0, "", str(error)).as_dict()])
            _discard_file(roster_import)
            return roster_import
        except Exception:
            _set_status(roster_import, RosterImportStatus.FAILED)
            _discard_file(roster_import)
            raise
    status = RosterImportStatus.INVALID if plan.errors else RosterImportStatus.READY
    _set_status(
        roster_import,
        status,
        errors=_errors_json(plan.errors),
        summary=_summary(plan, sheet),
        processed_rows=plan.rows,
        total_rows=plan.rows,
    )
    if plan.errors:
        _discard_file(roster_import)
    return roster_import


def _read_and_check(roster_import: RosterImport):
    with roster_import.file.open("rb") as file:
        sheet = read_roster(file)
    roster_import.total_rows = len(sheet.rows)
    RosterImport.objects.filter(pk=roster_import.pk).update(total_rows=roster_import.total_rows, processed_rows=0)
    plan = check_roster(sheet, by=roster_import.created_by, on_progress=_progress(roster_import))
    return sheet, plan


def request_roster_commit(roster_import: RosterImport, *, by) -> RosterImport:
    """Queue the commit of a ready import; only its uploader may, and only once."""
    policy.require(by, "import_roster")
    policy.require(by, "confirm_roster_import", roster_import)
    with transaction.atomic():
        # The conditional update is the lock: a second click finds the import no longer ready.
        claimed = RosterImport.objects.filter(pk=roster_import.pk, status=RosterImportStatus.READY).update(
            status=RosterImportStatus.COMMITTING, processed_rows=0
        )
        if not claimed:
            raise ValidationError(_("This import is not ready to be imported."), code="not_ready")
        roster_import.status, roster_import.processed_rows = RosterImportStatus.COMMITTING, 0
        log_action(roster_import, "org.roster_import.commit_requested", by=by, data={"rows": roster_import.total_rows})
        transaction.on_commit(lambda: tasks.commit_roster_import.enqueue(roster_import.pk))
    return roster_import


class _RosterChanged(Exception):
    def __init__(self, plan: RosterPlan):
        self.plan = plan


def commit_roster_import(roster_import: RosterImport, *, by) -> RosterImport:
    """Check the file again and write it in one transaction: every row or none. One audit entry for the import."""
    if roster_import.status != RosterImportStatus.COMMITTING:
        return roster_import
    with translation.override(roster_import.language or settings.LANGUAGE_CODE):
        try:
            with roster_import.file.open("rb") as file:
                # Progress is reported while reading: writes inside the transaction are invisible to the page.
                sheet = read_roster(file, on_progress=_progress(roster_import))
            RosterImport.objects.filter(pk=roster_import.pk).update(processed_rows=len(sheet.rows))
            with transaction.atomic():
                # Checked again inside the transaction: the database may have changed since the preview.
                plan = check_roster(sheet, by=by)
                if plan.errors:
                    raise _RosterChanged(plan)
                _write(plan, roster_import)
                summary = _summary(plan, sheet)
                _set_status(
                    roster_import,
                    RosterImportStatus.COMMITTED,
                    summary=summary,
                    errors=[],
                    processed_rows=plan.rows,
                    total_rows=plan.rows,
                )
                log_action(roster_import, "org.roster.imported", by=by, data=_audit_data(plan, roster_import))
        except (_RosterChanged, RosterFileError) as problem:
            errors = problem.plan.errors if isinstance(problem, _RosterChanged) else [RowError(0, "", str(problem))]
            _set_status(roster_import, RosterImportStatus.INVALID, errors=_errors_json(errors))
        except Exception:
            roster_import.refresh_from_db(fields=["status"])  # the transaction took back whatever it had set
            _set_status(roster_import, RosterImportStatus.FAILED)
            _discard_file(roster_import)
            raise
    _discard_file(roster_import)
    return roster_import


def cancel_roster_import(roster_import: RosterImport, *, by) -> RosterImport:
    """The uploader withdraws a checked import instead of confirming it: its file is deleted at once."""
    policy.require(by, "import_roster")
    policy.require(by, "confirm_roster_import", roster_import)
    with transaction.atomic():
        claimed = RosterImport.objects.filter(pk=roster_import.pk, status=RosterImportStatus.READY).update(
            status=RosterImportStatus.CANCELLED, finished_at=timezone.now()
        )
        if not claimed:
            raise ValidationError(_("Only an import that is ready can be cancelled."), code="not_ready")
        roster_import.refresh_from_db(fields=["status", "finished_at"])
        log_action(roster_import, "org.roster_import.cancelled", by=by)
    _discard_file(roster_import)
    return roster_import


def recover_roster_import(roster_import: RosterImport) -> RosterImport:
    """Hand back an import whose task ended half-way (its worker was killed or it ran past its limit).

    Nothing of an interrupted commit was written (one transaction), so the import is ready again and may be
    confirmed once more; an interrupted check cannot be resumed, so the import fails with a message and its file goes.
    An import no longer half-way is left as it is: the task may have failed after the service settled it."""
    with translation.override(roster_import.language or settings.LANGUAGE_CODE), transaction.atomic():
        current = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
        if current.status == RosterImportStatus.COMMITTING and current.file:
            summary = {**current.summary, "interrupted": True}
            _set_status(current, RosterImportStatus.READY, processed_rows=0, summary=summary)
        elif current.status in {RosterImportStatus.COMMITTING, RosterImportStatus.PREVIEWING}:
            message = _(
                "The import was interrupted (the background task stopped or ran too long). "
                "Nothing has been written; please upload the file again."
            )
            _set_status(current, RosterImportStatus.FAILED, errors=[RowError(0, "", message).as_dict()])
        else:
            return current
        log_action(current, "org.roster_import.interrupted", by=None, data={"status": current.status})
    if current.status != RosterImportStatus.READY:
        _discard_file(current)
    return current


def _write(plan: RosterPlan, roster_import: RosterImport) -> None:
    """New people in bulk; changed people in bulk, each batch updating only the fields that changed."""
    for person in plan.creates:
        fill_derived_fields(person)
        person.created_at = person.updated_at
    Person.objects.bulk_create(plan.creates, batch_size=WRITE_BATCH)
    by_fields: dict[frozenset, list[Person]] = {}
    for person, fields in plan.updates:
        written = {*fields, *fill_derived_fields(person, fields)}
        by_fields.setdefault(frozenset(written), []).append(person)
    for fields, people in by_fields.items():
        Person.objects.bulk_update(people, sorted(fields), batch_size=WRITE_BATCH)


def _audit_data(plan: RosterPlan, roster_import: RosterImport) -> dict:
    """Counts, the file name and who changed in which fields: never an ID number's or a phone's value."""
    return {
        "filename": roster_import.original_filename,
        "import": roster_import.pk,
        "new": len(plan.creates),
        "updated": len(plan.updates),
        "unchanged": plan.unchanged,
        "created_badges": [person.badge_number for person in plan.creates],
        "updated_fields": {person.badge_number: fields for person, fields in plan.updates},
    }


def export_roster(people, target, *, by, filters: dict) -> int:
    """Write `people` (already scoped to `by`) as a roster workbook to `target` and record the export."""
    count = write_roster(people_for_export(people), target, user=by)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None)}
    if sum(ch.isdigit() for ch in shown.get("q", "")) >= 11:
        shown["q"] = "***"  # a search by ID number or phone: the audit log never holds one
    log_action(None, "org.roster.exported", by=by, data={"filters": shown, "people": count})
    return count
