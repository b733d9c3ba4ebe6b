"""Care ledger import (关爱台账): 功模休养 and training places used and visits made, through the care services, health
details only from a care officer over the person's unit; the template, and the ledger in the same format."""

from qunying.care.imports.importer import CARE_LEDGER_IMPORTER, CareLedgerImporter
from qunying.care.imports.workbook import write_ledger_sheet, write_ledger_template

__all__ = ["CARE_LEDGER_IMPORTER", "CareLedgerImporter", "write_ledger_sheet", "write_ledger_template"]
