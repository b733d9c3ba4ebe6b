"""Exemplar reserve import (典型储备库): entries with their tier dated from the file, their plans and mentors, through
the reserve services; the template, and the reserve in the same format that re-imports unchanged."""

from qunying.reserve.imports.importer import RESERVE_IMPORTER, ReserveImporter
from qunying.reserve.imports.workbook import write_reserve_sheet, write_reserve_template

__all__ = ["RESERVE_IMPORTER", "ReserveImporter", "write_reserve_sheet", "write_reserve_template"]
