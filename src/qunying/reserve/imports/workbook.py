"""The reserve sheet written: the empty template with tiers, levels and categories as drop-downs, and the reserve in
the same format, one row per plan (re-importing it changes nothing; ID numbers are never written)."""

from django.db.models import Prefetch
from django.utils import translation

from qunying.core.imports.workbooks import write_sheet, write_template
from qunying.org.roster.checker import UnitResolver, all_units
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.imports.columns import CATEGORIES, COLUMNS, LEVELS, SHEET_NAME, TIERS, labels_of
from qunying.reserve.models import CultivationPlan, TierChange

EXPORT_CHUNK = 2_000


def write_reserve_template(target) -> None:
    with translation.override("zh-hans"):
        levels = labels_of(LEVELS)
        options = {"tier": labels_of(TIERS), "level": levels, "category": labels_of(CATEGORIES), "plan_level": levels}
        write_template(target, sheet_name=SHEET_NAME, columns=COLUMNS, options=options, notes={})


def write_reserve_sheet(entries, target) -> int:
    """`entries` (already scoped; the active ones are written) in the import's format, with their plans."""
    units = UnitResolver(all_units(), None)
    entries = (
        entries.filter(status="active")
        .select_related("person__unit")
        .prefetch_related(
            Prefetch("plans", queryset=CultivationPlan.objects.select_related("owner_unit", "mentor").order_by("pk")),
            Prefetch(
                "tier_changes",
                queryset=TierChange.objects.filter(status=TierChangeStatus.APPROVED).order_by("-decided_at", "-pk"),
                to_attr="approved",
            ),
        )
    )

    def rows():
        for entry in entries.order_by("person__unit__path", "person__badge_number").iterator(chunk_size=EXPORT_CHUNK):
            person = entry.person
            head = [
                person.name,
                person.badge_number,
                "",
                units.label(person.unit),
                entry.get_tier_display(),
                entry.get_level_display(),
                entry.get_category_display(),
                entry.since,
                entry.approved[0].reason if entry.approved else "",
            ]
            plans = list(entry.plans.all())
            if not plans:
                yield [*head, "", "", "", ""]
            for plan in plans:
                mentor = plan.mentor.badge_number if plan.mentor else ""
                yield [*head, units.label(plan.owner_unit), plan.get_level_display(), mentor, plan.goals]

    with translation.override("zh-hans"):
        return write_sheet(rows(), target, sheet_name=SHEET_NAME, columns=COLUMNS)
