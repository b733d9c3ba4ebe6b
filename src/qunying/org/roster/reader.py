"""Reading an uploaded roster: cells as they are (formulas refused, never evaluated) under a header row, through the
sheet-reading kit (core.sheets)."""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from qunying.core.sheets import Sheet, SheetRow, SheetSpec, read_workbook
from qunying.org.roster.columns import COLUMNS, SHEET_NAME

MAX_ROWS = 20_000

SPEC = SheetSpec(
    columns=COLUMNS,
    anchors=frozenset({"name", "badge_number"}),
    no_header=_("No header row with 姓名 and 警号 in the first rows; please start from the template."),
    too_many_rows=_("A roster may have at most %(max)s rows; please split the file."),
    max_rows=MAX_ROWS,
    max_columns=60,
    sheet_name=SHEET_NAME,
    duplicates_are_errors=True,
)

# The roster's names for the kit's shapes: the checker and the services read them.
RosterRow = SheetRow
RosterSheet = Sheet


def read_roster(file, *, on_progress: Callable[[int], None] | None = None) -> RosterSheet:
    """The 花名册 sheet, or the first one. `on_progress` hears the number of rows read every few hundred rows. The
    package was judged when it was uploaded (org.services.roster)."""
    return read_workbook(file, SPEC, on_progress=on_progress)
