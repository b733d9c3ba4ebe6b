"""Reserve reads: entries, coverage, practice activities, guidance visits and the year-end evaluation, all scoped."""

from qunying.reserve.queries.activities import (
    activities_visible_to,
    featurable_people,
    filter_activities,
    filter_visits,
    materials_visible_to,
    units_for_activities,
    units_for_visits,
    visits_visible_to,
)
from qunying.reserve.queries.entries import (
    CoverageRow,
    changes_awaiting,
    coverage,
    entries_visible_to,
    filter_entries,
    history_of,
    open_entry_of,
    people_for_proposals,
    units_for_reserve,
)
from qunying.reserve.queries.evaluations import (
    evaluations_awaiting,
    evaluations_visible_to,
    filter_evaluations,
    round_progress,
    rounds_visible_to,
    units_for_rounds,
)

__all__ = [
    "CoverageRow",
    "activities_visible_to",
    "changes_awaiting",
    "coverage",
    "entries_visible_to",
    "evaluations_awaiting",
    "evaluations_visible_to",
    "featurable_people",
    "filter_activities",
    "filter_entries",
    "filter_evaluations",
    "filter_visits",
    "history_of",
    "materials_visible_to",
    "open_entry_of",
    "people_for_proposals",
    "round_progress",
    "rounds_visible_to",
    "units_for_activities",
    "units_for_reserve",
    "units_for_rounds",
    "units_for_visits",
    "visits_visible_to",
]
