"""What every branch write shares: the points a rating derives from its scores."""

from decimal import ROUND_HALF_UP, Decimal

from qunying.core.criteria import REGISTRY, SHARE

CENT = Decimal("0.01")


def computed_points(criterion, count: int, denominator: int | None) -> Decimal:
    entry = REGISTRY.get(criterion.registry_key)
    if entry is not None and entry.scoring == SHARE:
        points = criterion.max_points * count / denominator if denominator else Decimal(0)
    else:
        points = (criterion.points_per_record or Decimal(0)) * count
    return min(criterion.max_points, points).quantize(CENT, rounding=ROUND_HALF_UP)


def derive_totals(rating, scores) -> None:
    """The one place points, total and stars are derived: each score's points from its count or its (reviewed)
    entry, the total from the points, the stars from the scheme's thresholds. Callers save what changed."""
    total = Decimal(0)
    for score in scores:
        criterion = score.criterion
        if criterion.is_computed:
            score.points = computed_points(criterion, score.count or 0, score.denominator)
        else:
            entered = score.review_points if score.review_points is not None else score.self_points
            score.points = min(criterion.max_points, entered or Decimal(0))
        total += score.points
    rating.total = total
    rating.stars = rating.round.scheme.stars_for(total)
