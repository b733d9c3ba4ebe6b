"""The Excel export of a rating round: one row per branch, one column per criterion (write-only, bounded memory)."""

from collections import defaultdict

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qunying.branches.models import CriterionScore, RatingRound
from qunying.core.exports import neutralise
from qunying.core.services import log_action

SCORE_CHUNK = 2_000


def write_round(rating_round: RatingRound, ratings, target) -> int:
    """`ratings` (already scoped) as a workbook; text a spreadsheet would run as a formula is neutralised."""
    ratings = list(ratings)
    criteria = list(rating_round.scheme.criteria.order_by("sort_order", "id"))
    points: dict[int, dict[int, object]] = defaultdict(dict)
    scores = CriterionScore.objects.filter(rating__in=[rating.pk for rating in ratings]).values_list(
        "rating_id", "criterion_id", "points"
    )
    for rating_id, criterion_id, value in scores.iterator(chunk_size=SCORE_CHUNK):
        points[rating_id][criterion_id] = value

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Star ratings %(year)s") % {"year": rating_round.scheme.year})
    headers = [_("Party branch"), _("Unit"), _("Secretary"), _("Status")]
    headers += [f"{criterion.get_area_display()}·{criterion.name}（{criterion.max_points}）" for criterion in criteria]
    headers += [_("Total points"), _("Stars")]
    for index, width in enumerate([24, 18, 10, 12, *[16] * len(criteria), 10, 8], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(header))
        cell.font = Font(bold=True)
        row.append(cell)
    sheet.append(row)
    for rating in ratings:
        sheet.append(
            [
                neutralise(rating.branch.name),
                neutralise(rating.branch.unit.name),
                neutralise(rating.branch.secretary.name),
                rating.get_status_display(),
                *[points[rating.pk].get(criterion.pk) for criterion in criteria],
                rating.total,
                rating.stars,
            ]
        )
    workbook.save(target)
    return len(ratings)


def export_round(rating_round: RatingRound, ratings, target, *, by) -> int:
    """Write the round's ratings the user sees and record the export."""
    count = write_round(rating_round, ratings, target)
    log_action(rating_round, "branches.round.exported", by=by, data={"ratings": count})
    return count
