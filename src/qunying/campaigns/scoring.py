"""Judging maths, pure and database-free: raw mean, median, per-judge z-scores, the judge-effect model, disagreement.

A lenient judge gives everyone 9s and a harsh judge 5s; comparing raw means rewards whoever drew the lenient judge.
Each judge's scores (on one criterion, across the campaign) are turned into z-scores against that judge's own mean
and spread, averaged per nomination, and mapped back onto the criterion's range (z = 0 → the middle, ±3 → the ends).
Shifting or stretching one judge's scores therefore changes nothing after normalisation. The z-scores estimate each
judge's mean and spread from that judge's scores alone, so a judge who drew strong nominees is "corrected" for it;
the judge-effect model (campaigns.judge_model) estimates leniency, scale and merit together and is the product's
method. All four are reported, so a committee sees where they disagree."""

import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from qunying.campaigns import judge_model

Z_SPAN = 3.0  # z-scores of ±Z_SPAN reach the ends of the criterion's range


@dataclass(frozen=True)
class CriterionResult:
    raw_mean: float
    median: float
    normalised: float  # per-judge z-scores, rescaled to the criterion's range
    model: float  # the judge-effect model's fair value: what a typical judge would give
    disagreement: float  # population standard deviation of the raw scores
    count: int


def judge_z_scores(scores: Iterable[tuple[Hashable, Hashable, float]]) -> dict[tuple[Hashable, Hashable], float]:
    """{(judge, nomination): z} from (judge, nomination, value) triples; a judge with no spread gives z = 0."""
    by_judge: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    for judge, nomination, value in scores:
        by_judge[judge].append((nomination, float(value)))
    z: dict[tuple[Hashable, Hashable], float] = {}
    for judge, items in by_judge.items():
        values = [value for _, value in items]
        mean = statistics.fmean(values)
        spread = statistics.pstdev(values) if len(values) > 1 else 0.0
        for nomination, value in items:
            z[(judge, nomination)] = (value - mean) / spread if spread > 1e-9 else 0.0
    return z


def rescale(z: float, low: float, high: float) -> float:
    middle, half = (low + high) / 2, (high - low) / 2
    return min(high, max(low, middle + z / Z_SPAN * half))


def criterion_results(
    scores: Iterable[tuple[Hashable, Hashable, float]], *, low: float, high: float
) -> dict[Hashable, CriterionResult]:
    """Per nomination: raw mean, median, normalised mean and model value on [low, high], disagreement, count."""
    scores = list(scores)
    z = judge_z_scores(scores)
    model = judge_model.fair_values(scores, low=low, high=high)
    raw: dict[Hashable, list[float]] = defaultdict(list)
    zs: dict[Hashable, list[float]] = defaultdict(list)
    for judge, nomination, value in scores:
        raw[nomination].append(float(value))
        zs[nomination].append(z[(judge, nomination)])
    return {
        nomination: CriterionResult(
            raw_mean=statistics.fmean(values),
            median=statistics.median(values),
            normalised=rescale(statistics.fmean(zs[nomination]), low, high),
            model=model[nomination],
            disagreement=statistics.pstdev(values),
            count=len(values),
        )
        for nomination, values in raw.items()
    }


def weighted_score(parts: Iterable[tuple[float, float, float, float]]) -> float | None:
    """0–100 from (value, low, high, weight) per counted criterion; None when nothing counts."""
    total = weights = 0.0
    for value, low, high, weight in parts:
        total += weight * (value - low) / (high - low)
        weights += weight
    return 100 * total / weights if weights else None


def final_score(judged: float, *, vote_share: float | None = None, vote_weight: float = 0.0) -> float:
    """Blend the judged score (0–100) with the public vote (share of the top candidate's votes, 0–1)."""
    if not vote_weight or vote_share is None:
        return judged
    return (1 - vote_weight) * judged + vote_weight * 100 * vote_share
