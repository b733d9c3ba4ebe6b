"""Roster workbooks (花名册): the column spec, reading and checking an upload, writing the template and exports."""

from qunying.org.roster.checker import RosterPlan, check_roster, fill_derived_fields
from qunying.org.roster.columns import COLUMN_BY_KEY, COLUMNS, PROGRESS_EVERY, RosterFileError, RowError, neutralise
from qunying.org.roster.reader import RosterSheet, read_roster
from qunying.org.roster.writer import people_for_export, write_roster, write_template

__all__ = [
    "COLUMNS",
    "COLUMN_BY_KEY",
    "PROGRESS_EVERY",
    "RosterFileError",
    "RosterPlan",
    "RosterSheet",
    "RowError",
    "check_roster",
    "fill_derived_fields",
    "neutralise",
    "people_for_export",
    "read_roster",
    "write_roster",
    "write_template",
]
