"""The past selections sheet written: the empty template with the campaign types as a drop-down, and the winners of
closed campaigns in the same format (re-importing it changes nothing; ID numbers are never written)."""

from django.utils import timezone, translation

from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.imports.columns import COLUMNS, SHEET_NAME, month_label
from qunying.campaigns.models import CampaignType
from qunying.core.imports.workbooks import write_sheet, write_template
from qunying.org.roster.checker import UnitResolver, all_units

EXPORT_CHUNK = 2_000


def write_selection_template(target) -> None:
    with translation.override("zh-hans"):
        options = {
            "campaign_type": list(CampaignType.objects.filter(active=True).values_list("name", flat=True)),
            "month": [str(month) for month in range(1, 13)],
        }
        write_template(target, sheet_name=SHEET_NAME, columns=COLUMNS, options=options, notes={})


def past_winners(nominations):
    """The winners (already scoped) of closed campaigns, in the order of their periods and ranks."""
    return (
        nominations.filter(status=NominationStatus.AWARDED, campaign__phase=Phase.CLOSED)
        .select_related("campaign__campaign_type", "person__unit", "honour")
        .order_by("campaign__period_start", "campaign__campaign_type__name", "rank", "pk")
    )


def write_selection_sheet(nominations, target) -> int:
    """`nominations` (already scoped) in the import's format, streamed in chunks."""
    units = UnitResolver(all_units(), None)

    def rows():
        for nomination in past_winners(nominations).iterator(chunk_size=EXPORT_CHUNK):
            campaign, person, honour = nomination.campaign, nomination.person, nomination.honour
            yield [
                campaign.campaign_type.name,
                campaign.period_start.year,
                month_label(campaign),
                person.name,
                person.badge_number,
                "",
                units.label(person.unit),
                nomination.final_score,
                honour.awarded_on if honour else timezone.localdate(campaign.closed_at),
                honour.document_number if honour else "",
            ]

    with translation.override("zh-hans"):
        return write_sheet(rows(), target, sheet_name=SHEET_NAME, columns=COLUMNS)
