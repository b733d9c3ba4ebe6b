"""Sheet import writes: upload → preview in the background (the importer applied in a transaction rolled back) →
commit all or nothing (applied again, kept only without errors) → one audit entry; and cancel, recover, clean up."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.enums import ImportStatus
from qunying.core.imports.base import MAX_LISTED, Importer, ImportOutcome, importer_for, scope_errors
from qunying.core.models import IMPORT_TRANSITIONS, SheetImport
from qunying.core.ooxml import PackageProblem, check_xlsx_package
from qunying.core.rules import policy
from qunying.core.services import log_action
from qunying.core.sheets import RowError, SheetError, read_workbook
from qunying.core.workflow import transition

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_STORED_ERRORS = 2_000
MAX_OVERRIDE_REASON = 500
ZIP_SIGNATURE = b"PK\x03\x04"
STALE_UPLOAD_AGE = datetime.timedelta(days=1)
_PACKAGE_MESSAGES = {
    "type": gettext_lazy("This is not an Excel workbook (.xlsx); please save the file as .xlsx."),
    "too_large": gettext_lazy("The workbook is too large once unpacked; please split the file."),
    "macro": gettext_lazy("Workbooks with macros are not accepted; please save it as .xlsx."),
}


class _RolledBack(Exception):
    """Raised to take back what applying the sheet wrote: always in a preview, on any error in a commit."""

    def __init__(self, outcome: ImportOutcome):
        self.outcome = outcome


def _check_upload(upload) -> None:
    """A real .xlsx: judged by its content (a zip holding a workbook, without macros), never by its name."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB; please split it."), code="too_large")
    upload.seek(0)
    signature = upload.read(4)
    upload.seek(0)
    if signature != ZIP_SIGNATURE:
        raise ValidationError(_PACKAGE_MESSAGES["type"], code="type")
    try:
        check_xlsx_package(upload, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except PackageProblem as problem:
        raise ValidationError(_PACKAGE_MESSAGES[problem.code], code=problem.code) from None


def _set_status(sheet_import: SheetImport, status: str, **fields) -> None:
    """The one place an import changes status: along IMPORT_TRANSITIONS, the write naming its fields."""
    changed = transition(sheet_import, status, IMPORT_TRANSITIONS)
    if status not in {ImportStatus.PREVIEWING, ImportStatus.COMMITTING}:
        sheet_import.finished_at = timezone.now()
        fields["finished_at"] = sheet_import.finished_at
    for name, value in fields.items():
        setattr(sheet_import, name, value)
    sheet_import.save(update_fields=[*changed, *fields])


def _discard_file(sheet_import: SheetImport) -> None:
    """The upload may hold ID numbers: it goes as soon as it is no longer needed."""
    if sheet_import.file:
        sheet_import.file.delete(save=False)
        SheetImport.objects.filter(pk=sheet_import.pk).update(file="")


def discard_stale_uploads(*, older_than=STALE_UPLOAD_AGE) -> int:
    stale = list(SheetImport.objects.exclude(file="").filter(created_at__lt=timezone.now() - older_than))
    for sheet_import in stale:
        _discard_file(sheet_import)
    return len(stale)


def _progress(sheet_import: SheetImport):
    def report(rows: int) -> None:
        SheetImport.objects.filter(pk=sheet_import.pk).update(processed_rows=rows)

    return report


def start_import(*, kind: str, upload, by, override_reason: str = "") -> SheetImport:
    """Keep the upload and queue its preview. A file that is not an .xlsx is refused here and nothing is created."""
    from qunying.core.imports import tasks  # tasks imports this module: a cycle at import time

    importer = importer_for(kind)
    if not by.has_perm(importer.permission):
        raise PermissionDenied(_("You may not import this kind of file."))
    override_reason = (override_reason or "").strip()[:MAX_OVERRIDE_REASON]
    _check_upload(upload)
    discard_stale_uploads()
    with transaction.atomic():
        sheet_import = SheetImport(
            kind=kind,
            original_filename=upload.name[:255],
            created_by=by,
            status=ImportStatus.PREVIEWING,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            options={"override_reason": override_reason} if override_reason else {},
        )
        sheet_import.file.save(upload.name, upload, save=False)
        sheet_import.save()
        log_action(
            sheet_import,
            f"{kind}.import.uploaded",
            by=by,
            data={"filename": sheet_import.original_filename, "override_reason": override_reason},
        )
        transaction.on_commit(lambda: tasks.preview_sheet_import.enqueue(sheet_import.pk))
    return sheet_import


def _errors_json(errors: list[RowError]) -> list[dict]:
    ordered = sorted(errors, key=lambda error: (error.row, error.column))
    return [error.as_dict() for error in ordered[:MAX_STORED_ERRORS]]


def _summary(outcome: ImportOutcome, sheet) -> dict:
    return {
        "rows": outcome.rows,
        "new": outcome.created,
        "unchanged": outcome.unchanged,
        "skipped": outcome.skipped,
        "error_count": len(outcome.errors),
        "ignored_columns": sheet.ignored_headers if sheet is not None else [],
        "listed": outcome.listed,
        "findings": outcome.findings[:MAX_STORED_ERRORS],
        "finding_count": len(outcome.findings),
        "people": sorted(outcome.people),
        "timelines": _timelines(outcome),
    }


def _timelines(outcome: ImportOutcome) -> list[dict]:
    """The people whose timelines changed, named (the summary links each to their page), in the order of the rows."""
    named = {}
    for _row, person in sorted(outcome.subjects, key=lambda pair: pair[0]):
        named.setdefault(person.pk, {"person": person.pk, "name": person.name})
    return list(named.values())[:MAX_LISTED]


def _apply(importer: Importer, sheet_import: SheetImport, *, keep: bool, on_progress=None):
    """Read the file and apply it in one transaction: kept only when `keep` and no row has a problem."""
    with sheet_import.file.open("rb") as file:
        sheet = read_workbook(file, importer.spec, on_progress=on_progress)
    total = len(sheet.rows)
    SheetImport.objects.filter(pk=sheet_import.pk).update(total_rows=total)
    sheet_import.total_rows = total
    try:
        with transaction.atomic():
            outcome = importer.apply(
                sheet, by=sheet_import.created_by, options=sheet_import.options, on_progress=on_progress
            )
            # The scope holds whatever the importer checked itself: a row about someone outside is refused here.
            own_errors = {(error.row, error.column, error.message) for error in outcome.errors}
            outside = [
                error
                for error in scope_errors(importer, outcome, by=sheet_import.created_by)
                if (error.row, error.column, error.message) not in own_errors
            ]
            outcome.errors = [*sheet.errors, *outcome.errors, *outside]
            outcome.rows = total
            if outcome.errors or not keep:
                raise _RolledBack(outcome)
    except _RolledBack as rolled_back:
        return sheet, rolled_back.outcome, False
    return sheet, outcome, True


def preview_import(sheet_import: SheetImport) -> SheetImport:
    """Apply every row and take it all back: the import becomes ready (what would come in) or invalid (problems)."""
    if sheet_import.status != ImportStatus.PREVIEWING:
        return sheet_import
    importer = importer_for(sheet_import.kind)
    with translation.override(sheet_import.language or settings.LANGUAGE_CODE):
        try:
            sheet, outcome, _kept = _apply(importer, sheet_import, keep=False, on_progress=_progress(sheet_import))
        except SheetError as error:
            _set_status(sheet_import, ImportStatus.INVALID, errors=[RowError(0, "", str(error)).as_dict()])
            _discard_file(sheet_import)
            return sheet_import
        except Exception:
            _set_status(sheet_import, ImportStatus.FAILED)
            _discard_file(sheet_import)
            raise
    status = ImportStatus.INVALID if outcome.errors else ImportStatus.READY
    _set_status(
        sheet_import,
        status,
        errors=_errors_json(outcome.errors),
        summary=_summary(outcome, sheet),
        processed_rows=outcome.rows,
        total_rows=outcome.rows,
    )
    if outcome.errors:
        _discard_file(sheet_import)
    return sheet_import


def request_import_commit(sheet_import: SheetImport, *, by) -> SheetImport:
    """Queue the commit of a ready import; only its uploader may, and only once."""
    from qunying.core.imports import tasks  # tasks imports this module: a cycle at import time

    policy.require(by, "confirm_sheet_import", sheet_import)
    with transaction.atomic():
        # The conditional update is the lock: a second click finds the import no longer ready.
        claimed = SheetImport.objects.filter(pk=sheet_import.pk, status=ImportStatus.READY).update(
            status=ImportStatus.COMMITTING, processed_rows=0
        )
        if not claimed:
            raise ValidationError(_("This import is not ready to be imported."), code="not_ready")
        sheet_import.status, sheet_import.processed_rows = ImportStatus.COMMITTING, 0
        log_action(
            sheet_import, f"{sheet_import.kind}.import.commit_requested", by=by, data={"rows": sheet_import.total_rows}
        )
        transaction.on_commit(lambda: tasks.commit_sheet_import.enqueue(sheet_import.pk))
    return sheet_import


def commit_import(sheet_import: SheetImport) -> SheetImport:
    """Apply the file again, now for good, in one transaction: every row or none. One audit entry for the import,
    holding the file's override reason and what was overridden with it."""
    if sheet_import.status != ImportStatus.COMMITTING:
        return sheet_import
    importer = importer_for(sheet_import.kind)
    with translation.override(sheet_import.language or settings.LANGUAGE_CODE):
        try:
            with transaction.atomic():
                sheet, outcome, kept = _apply(importer, sheet_import, keep=True, on_progress=_progress(sheet_import))
                if kept:
                    _set_status(
                        sheet_import,
                        ImportStatus.COMMITTED,
                        summary=_summary(outcome, sheet),
                        errors=[],
                        processed_rows=outcome.rows,
                        total_rows=outcome.rows,
                    )
                    log_action(
                        sheet_import,
                        importer.audit_action,
                        by=sheet_import.created_by,
                        data=_audit_data(outcome, sheet_import),
                    )
            if not kept:  # the database changed since the preview
                _set_status(sheet_import, ImportStatus.INVALID, errors=_errors_json(outcome.errors))
        except SheetError as error:
            _set_status(sheet_import, ImportStatus.INVALID, errors=[RowError(0, "", str(error)).as_dict()])
        except Exception:
            sheet_import.refresh_from_db(fields=["status"])
            _set_status(sheet_import, ImportStatus.FAILED)
            _discard_file(sheet_import)
            raise
    _discard_file(sheet_import)
    return sheet_import


def _audit_data(outcome: ImportOutcome, sheet_import: SheetImport) -> dict:
    return {
        "filename": sheet_import.original_filename,
        "import": sheet_import.pk,
        "rows": outcome.rows,
        "new": outcome.created,
        "unchanged": outcome.unchanged,
        "skipped": outcome.skipped,
        "override_reason": sheet_import.options.get("override_reason", ""),
        "findings": outcome.findings[:MAX_STORED_ERRORS],
        **outcome.audit,
    }


def cancel_import(sheet_import: SheetImport, *, by) -> SheetImport:
    """The uploader withdraws a checked import instead of confirming it: its file is deleted at once."""
    policy.require(by, "confirm_sheet_import", sheet_import)
    with transaction.atomic():
        claimed = SheetImport.objects.filter(pk=sheet_import.pk, status=ImportStatus.READY).update(
            status=ImportStatus.CANCELLED, finished_at=timezone.now()
        )
        if not claimed:
            raise ValidationError(_("Only an import that is ready can be cancelled."), code="not_ready")
        sheet_import.refresh_from_db(fields=["status", "finished_at"])
        log_action(sheet_import, f"{sheet_import.kind}.import.cancelled", by=by)
    _discard_file(sheet_import)
    return sheet_import


def recover_import(sheet_import: SheetImport) -> SheetImport:
    """Hand back an import whose task ended half-way: an interrupted commit wrote nothing (one transaction), so it
    is ready again; an interrupted check fails with a message and its file goes."""
    with translation.override(sheet_import.language or settings.LANGUAGE_CODE), transaction.atomic():
        current = SheetImport.objects.select_for_update().get(pk=sheet_import.pk)
        if current.status == ImportStatus.COMMITTING and current.file:
            _set_status(current, ImportStatus.READY, processed_rows=0, summary={**current.summary, "interrupted": True})
        elif current.status in {ImportStatus.COMMITTING, ImportStatus.PREVIEWING}:
            message = _(
                "The import was interrupted (the background task stopped or ran too long). "
                "Nothing has been written; please upload the file again."
            )
            _set_status(current, ImportStatus.FAILED, errors=[RowError(0, "", message).as_dict()])
        else:
            return current
        log_action(current, f"{current.kind}.import.interrupted", by=None, data={"status": current.status})
    if current.status != ImportStatus.READY:
        _discard_file(current)
    return current
