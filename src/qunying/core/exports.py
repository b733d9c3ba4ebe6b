"""Excel exports in bounded memory: a write-only workbook, a bold frozen header, and text a spreadsheet would run as a
formula neutralised (CSV/formula injection). `export_rows` writes a queryset streamed in chunks and records the export;
`workbook_response` sends what was written. The view every list uses is `qunying.core.export_views.ExcelExportView`."""

import tempfile
from collections.abc import Callable, Iterable

import openpyxl
from django.http import FileResponse
from django.utils import translation
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qunying.core.downloads import no_store
from qunying.core.services import log_action

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows fetched per database round trip: large enough to be fast, small enough that memory stays flat.
EXPORT_CHUNK = 2_000


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_table(rows: Iterable[list], *, columns, sheet_name: str, target) -> int:
    """Write `rows` under `columns` ((title, width) pairs) to `target`; returns how many rows were written.

    The write-only workbook keeps no cells: each row goes straight to a temporary XML file, which `save` then zips
    into `target`, so memory does not grow with the number of rows."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    header = []
    for title, _width in columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in rows:
        sheet.append([neutralise(value) for value in values])
        count += 1
    workbook.save(target)
    return count


def shown_filters(filters: dict) -> dict:
    """The filters that narrowed the export, as the audit entry records them (objects by primary key)."""
    return {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}


def export_rows(
    queryset, row: Callable, *, columns, sheet_name: str, target, by, action: str, filters: dict, chunk_size: int = 0
) -> int:
    """Write `queryset` (already scoped to `by` and filtered), one `row(obj)` per object, to `target` and record the
    export as `action`. A queryset is streamed with `.iterator()`, never loaded whole; prefetches run per chunk. (A
    list computed in Python, such as ranked scores, is written as it is.) The file is Chinese whatever the UI
    language (like the rosters), so labels are rendered in zh-Hans."""
    objects = queryset.iterator(chunk_size=chunk_size or EXPORT_CHUNK) if hasattr(queryset, "iterator") else queryset
    with translation.override("zh-hans"):
        rows = (row(obj) for obj in objects)
        count = write_table(rows, columns=columns, sheet_name=sheet_name, target=target)
    log_action(None, action, by=by, data={"filters": shown_filters(filters), "rows": count})
    return count


def workbook_response(write: Callable, filename: str) -> FileResponse:
    """A workbook built in a temporary file (deleted when the response closes it), sent as a download in blocks.

    Why a file rather than a generator: the .xlsx is a zip whose sheet entry can only be added once the sheet is
    complete, so nothing useful can be sent earlier; a file on disk keeps memory flat while it is built and sent."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it
    try:
        write(target)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    # Exports may hold full ID numbers and health data: no browser or proxy cache keeps a copy.
    return no_store(FileResponse(target, as_attachment=True, filename=filename, content_type=XLSX))
