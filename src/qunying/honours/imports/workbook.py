"""The honours sheet written: the empty template with the catalogue's awards and issuers as drop-downs, and the
honours list in the same format (re-importing it changes nothing; ID numbers are never written)."""

from django.db.models import Prefetch
from django.utils import translation

from qunying.core.imports.workbooks import write_sheet, write_template
from qunying.deeds.models import Deed
from qunying.honours.imports.columns import COLUMNS, SHEET_NAME, status_label
from qunying.honours.models import AwardType, Issuer
from qunying.org.roster.checker import UnitResolver, all_units

EXPORT_CHUNK = 2_000


def write_honour_template(target) -> None:
    with translation.override("zh-hans"):
        options = {
            "award_type": list(AwardType.objects.filter(active=True).values_list("name", flat=True)),
            "issuer": list(Issuer.objects.filter(active=True).order_by("name").values_list("name", flat=True)),
            "status": ["在用", "已撤销"],
        }
        write_template(target, sheet_name=SHEET_NAME, columns=COLUMNS, options=options, notes={})


def write_honour_sheet(honours, target) -> int:
    """`honours` (already scoped) in the import's format, streamed in chunks with their deeds' titles."""
    units = UnitResolver(all_units(), None)
    honours = honours.select_related("person__unit", "unit", "award_type", "issuer").prefetch_related(
        Prefetch("deeds", queryset=Deed.objects.only("id", "title").order_by("date", "id"))
    )

    def rows():
        for honour in honours.iterator(chunk_size=EXPORT_CHUNK):
            person = honour.person
            yield [
                person.name if person else f"{honour.unit.name}（集体）",
                person.badge_number if person else "",
                "",
                units.label(person.unit if person else honour.unit),
                honour.award_type.name,
                honour.issuer.name,
                honour.awarded_on,
                honour.document_number,
                honour.reason,
                "；".join(deed.title for deed in honour.deeds.all()),
                status_label(honour.status),
            ]

    with translation.override("zh-hans"):
        return write_sheet(rows(), target, sheet_name=SHEET_NAME, columns=COLUMNS)
