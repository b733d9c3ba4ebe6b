"""Past selections import (历年评选结果): the columns, applying rows through the campaigns' history services, and
the template and export that re-imports unchanged (issue 23 item 2)."""

from qunying.campaigns.imports.importer import SELECTION_IMPORTER, SelectionImporter
from qunying.campaigns.imports.workbook import write_selection_sheet, write_selection_template

__all__ = ["SELECTION_IMPORTER", "SelectionImporter", "write_selection_sheet", "write_selection_template"]
