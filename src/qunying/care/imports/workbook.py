"""The care ledger written: the empty template (kinds, rules and visit reasons as drop-downs, a notes sheet) and the
ledger in the same format — places used and visits made in the user's units — which re-imports unchanged. Writing a
visit's health and family details reads them: the export leaves one audit entry naming the visits read."""

from django.utils import translation

from qunying.care.enums import EntitlementStatus, VisitReason, VisitStatus
from qunying.care.imports.columns import COLUMNS, SHEET_NAME, VISIT_LABEL, kind_labels
from qunying.care.models import EntitlementRule
from qunying.care.queries import entitlements_visible_to, visits_visible_to
from qunying.care.services import record_read
from qunying.care.services.ledger import PLACE_KINDS
from qunying.core.imports.workbooks import write_sheet, write_template
from qunying.org.roster.checker import UnitResolver, all_units
from qunying.reserve.imports.columns import labels_of

EXPORT_CHUNK = 2_000


def write_ledger_template(target) -> None:
    with translation.override("zh-hans"):
        rules = EntitlementRule.objects.filter(kind__in=PLACE_KINDS, active=True).order_by("name")
        options = {
            "kind": list(kind_labels()),
            "rule": list(rules.values_list("name", flat=True)),
            "reason": labels_of(VisitReason.choices),
        }
        write_template(target, sheet_name=SHEET_NAME, columns=COLUMNS, options=options, notes={})


def write_ledger_sheet(target, *, by) -> int:
    """The places used and the visits made of the people in `by`'s care (never an ID number)."""
    units = UnitResolver(all_units(), None)
    places = (
        entitlements_visible_to(by)
        .filter(status=EntitlementStatus.USED, rule__kind__in=PLACE_KINDS)
        .select_related("person__unit")
        .order_by("used_on", "pk")
    )
    visits = visits_visible_to(by).filter(status=VisitStatus.DONE).order_by("visited_on", "pk")
    read: list[int] = []

    def rows():
        labels = {value: label for label, value in kind_labels().items()}
        for place in places.iterator(chunk_size=EXPORT_CHUNK):
            person = place.person
            yield [
                person.name,
                person.badge_number,
                "",
                units.label(person.unit),
                labels[place.rule.kind],
                place.used_on,
                place.rule.name,
                place.year,
                "",
                "",
                "",
            ]
        for visit in visits.iterator(chunk_size=EXPORT_CHUNK):
            person = visit.person
            if visit.details:
                read.append(visit.pk)
            yield [
                person.name,
                person.badge_number,
                "",
                units.label(person.unit),
                VISIT_LABEL,
                visit.visited_on,
                "",
                "",
                visit.get_reason_display(),
                visit.visitors,
                visit.details,
            ]

    with translation.override("zh-hans"):
        count = write_sheet(rows(), target, sheet_name=SHEET_NAME, columns=COLUMNS)
    record_read(None, "ledger", by=by, data={"rows": count, "visits_with_details": read})
    return count
