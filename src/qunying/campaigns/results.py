"""A campaign's results: per criterion raw mean, median, z-score and the judge-effect model; the weighted scores, the
final score with the public vote, and honest uncertainty — a bootstrap interval for every final score and rank, and
the nominees who cannot be told apart from the quota line ("无法区分"). Reads only; a fixed number of queries.

The bootstrap redraws each nominee's reviews (with replacement, a review with all its criteria) and the counted
votes (multinomially), refits the judge-effect model on every redraw (campaigns.judge_model does all redraws at once)
and ranks again. A nominee whose rank interval holds places both within and beyond the quota cannot honestly be said
to be in or out: the committee decides, and the page says why. Draws are seeded by the campaign, so the page reads
the same on every visit."""

from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count
from django.utils.translation import gettext as _

from qunying.campaigns import judge_model, scoring
from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, Score, Vote

DRAWS = 400  # bootstrap redraws: the 2.5 % and 97.5 % points move by under one rank between seeds
LEVEL = 0.95
HIDDEN_VOTE_PHASES = {Phase.NOMINATING, Phase.JUDGING, Phase.VOTING}  # vote counts stay hidden until voting closes


@dataclass
class ResultRow:
    nomination: object
    criteria: dict = field(default_factory=dict)  # criterion id → scoring.CriterionResult
    reviews: int = 0
    raw: float | None = None  # weighted raw means, 0–100
    median: float | None = None  # weighted medians, 0–100
    normalised: float | None = None  # weighted per-judge z-scores, 0–100
    model: float | None = None  # weighted judge-effect model, 0–100: the judged part of the final score
    vote_share: float | None = None
    final: float | None = None
    rank: int | None = None
    final_low: float | None = None
    final_high: float | None = None
    rank_low: int | None = None
    rank_high: int | None = None
    within_quota: float | None = None  # share of redraws ranking it within the quota
    undecided: bool = False  # its rank interval crosses the quota line: 无法区分
    reason: str = ""


def vote_counts(campaign: Campaign) -> dict[int, int]:
    """Counted (not quarantined) votes per nomination: one query."""
    return dict(
        Vote.objects.filter(campaign=campaign, quarantined=False)
        .values_list("nomination")
        .annotate(n=Count("id"))
        .values_list("nomination", "n")
    )


def vote_shares(campaign: Campaign) -> dict[int, float]:
    """Each nomination's counted votes as a share of the leader's (0–1); quarantined votes do not count."""
    counts = vote_counts(campaign)
    top = max(counts.values(), default=0)
    return {nomination: count / top for nomination, count in counts.items()} if top else {}


def _weighted(row: ResultRow, counted: list, attribute: str) -> float | None:
    return scoring.weighted_score(
        (getattr(row.criteria[c.pk], attribute), c.min_score, c.max_score, float(c.weight)) for c in counted
    )


def campaign_results(campaign: Campaign, *, intervals: bool = False) -> list[ResultRow]:
    """Every nomination's results but the withdrawn, best final score first; with `intervals`, the bootstrap's
    intervals and the 无法区分 marks too. Four queries whatever the size (three without a public vote)."""
    criteria = list(campaign.campaign_type.criteria.all())
    # While deciding these are the live ones; after the decision the awarded, removed and not selected keep their
    # scores in the results and the dossier.
    nominations = list(
        campaign.nominations.exclude(status=NominationStatus.WITHDRAWN).select_related("person", "unit").order_by("id")
    )
    scores = list(
        Score.objects.filter(
            assignment__nomination__campaign=campaign,
            assignment__recused=False,
            assignment__abstained=False,
            assignment__submitted_at__isnull=False,
            assignment__nomination__in=[n.pk for n in nominations],
        ).values_list("criterion_id", "assignment__judge_id", "assignment__nomination_id", "value")
    )
    rows = {n.pk: ResultRow(n) for n in nominations}
    for nomination_id, count in _reviews_per_nomination(scores).items():
        rows[nomination_id].reviews = count
    for criterion in criteria:
        triples = [(judge, nom, float(value)) for cid, judge, nom, value in scores if cid == criterion.pk]
        results = scoring.criterion_results(triples, low=criterion.min_score, high=criterion.max_score)
        for nom, result in results.items():
            rows[nom].criteria[criterion.pk] = result
    weight = float(campaign.campaign_type.vote_weight)
    counts = vote_counts(campaign) if weight and campaign.phase not in HIDDEN_VOTE_PHASES else None
    top = max(counts.values(), default=0) if counts else 0
    for row in rows.values():
        counted = [c for c in criteria if not c.informational and c.pk in row.criteria]
        row.raw = _weighted(row, counted, "raw_mean")
        row.median = _weighted(row, counted, "median")
        row.normalised = _weighted(row, counted, "normalised")
        row.model = _weighted(row, counted, "model")
        if row.model is not None:
            row.vote_share = (counts.get(row.nomination.pk, 0) / top if top else 0.0) if counts is not None else None
            row.final = scoring.final_score(row.model, vote_share=row.vote_share, vote_weight=weight)
    ranked = sorted(rows.values(), key=lambda r: (r.final is None, -(r.final or 0), r.nomination.pk))
    for rank, row in enumerate(r for r in ranked if r.final is not None):
        row.rank = rank + 1
    if intervals:
        _bootstrap(campaign, ranked, criteria, scores, counts, weight)
    return ranked


def _reviews_per_nomination(scores) -> dict[int, int]:
    reviews: dict[int, set] = {}
    for _cid, judge, nom, _value in scores:
        reviews.setdefault(nom, set()).add(judge)
    return {nom: len(judges) for nom, judges in reviews.items()}


def _bootstrap(campaign, ranked: list[ResultRow], criteria, scores, counts, weight: float) -> None:
    """Fill in the intervals and 无法区分 marks of the ranked rows (see the module's docstring)."""
    rows = [row for row in ranked if row.final is not None]
    if not rows:
        return
    rng = np.random.default_rng(campaign.pk)
    index = {row.nomination.pk: i for i, row in enumerate(rows)}
    judges = sorted({judge for _c, judge, nom, _v in scores if nom in index})
    j_index = {judge: i for i, judge in enumerate(judges)}
    reviewed: list[list[int]] = [[] for _ in rows]
    for _c, judge, nom, _v in scores:
        if nom in index and j_index[judge] not in reviewed[index[nom]]:
            reviewed[index[nom]].append(j_index[judge])
    draws = np.zeros((DRAWS + 1, len(rows), len(judges)))
    for n, own in enumerate(reviewed):
        draws[0, n, own] = 1.0  # draw 0 is the data as observed: the model's penalties come from it
        picks = rng.integers(0, len(own), size=(DRAWS, len(own)))
        for k in range(len(own)):
            np.add.at(draws[1:, n], (np.arange(DRAWS), np.asarray(own)[picks[:, k]]), 1.0)
    judged = np.zeros((DRAWS + 1, len(rows)))
    total = np.zeros(len(rows))
    for criterion in (c for c in criteria if not c.informational):
        values, present = np.zeros((len(rows), len(judges))), np.zeros((len(rows), len(judges)))
        for cid, judge, nom, value in scores:
            if cid == criterion.pk and nom in index:
                values[index[nom], j_index[judge]] = float(value)
                present[index[nom], j_index[judge]] = 1.0
        scored = present.any(axis=1)
        if not scored.any():
            continue
        fit = judge_model.fit(values, draws * present, low=criterion.min_score, high=criterion.max_score)
        span = criterion.max_score - criterion.min_score
        judged += np.where(scored, float(criterion.weight) * (fit.fair - criterion.min_score) / span, 0.0)
        total += np.where(scored, float(criterion.weight), 0.0)
    judged = 100 * judged / np.maximum(total, 1e-12)
    final = judged
    if counts is not None and weight:
        observed = np.array([counts.get(row.nomination.pk, 0) for row in rows], dtype=float)
        votes = np.vstack([observed, _redraw_votes(rng, observed)])
        share = votes / np.maximum(votes.max(axis=1, keepdims=True), 1.0)
        final = (1 - weight) * judged + weight * 100 * share
    _mark(campaign, rows, final[1:])


def _redraw_votes(rng, observed: np.ndarray) -> np.ndarray:
    total = int(observed.sum())
    if not total:
        return np.zeros((DRAWS, len(observed)))
    return rng.multinomial(total, observed / total, size=DRAWS).astype(float)


def _mark(campaign, rows: list[ResultRow], final: np.ndarray) -> None:
    """Intervals from the redraws; the 无法区分 mark and its reason for rank intervals across the quota line."""
    order = np.argsort(-final, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(rows) + 1)[None, :].repeat(len(final), axis=0), axis=1)
    tail = 100 * (1 - LEVEL) / 2
    quota = campaign.campaign_type.quota_per_period
    for n, row in enumerate(rows):
        row.final_low, row.final_high = (float(v) for v in np.percentile(final[:, n], [tail, 100 - tail]))
        low, high = np.percentile(ranks[:, n], [tail, 100 - tail], method="nearest")
        row.rank_low, row.rank_high = int(low), int(high)
        row.within_quota = float(np.mean(ranks[:, n] <= quota))
        if len(rows) > quota and row.rank_low <= quota < row.rank_high:
            row.undecided = True
            row.reason = _(
                "Redrawing the reviews and votes %(draws)s times puts it anywhere from place %(low)s to place "
                "%(high)s, across the quota line (%(quota)s to be chosen): it was within the quota in %(share)s%% of "
                "the redraws. The scores cannot tell it apart from the nominees on the other side of the line; the "
                "committee decides."
            ) % {
                "draws": DRAWS,
                "low": row.rank_low,
                "high": row.rank_high,
                "quota": quota,
                "share": round(100 * row.within_quota),
            }
            if row.reviews < 2:
                row.reason += " " + _("It has a single review, so its own uncertainty is understated.")
