"""Honours history import (奖励登记表): the columns, matching people, awards and issuers by name and abbreviation,
applying rows through the honours service, and the template and export that re-imports unchanged."""

from qunying.honours.imports.importer import HONOUR_IMPORTER, HonourImporter
from qunying.honours.imports.workbook import write_honour_sheet, write_honour_template

__all__ = ["HONOUR_IMPORTER", "HonourImporter", "write_honour_sheet", "write_honour_template"]
