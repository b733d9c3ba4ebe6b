"""Fair satisfaction scores: empirical-Bayes shrinkage toward the officer's peer group (pure arithmetic, no queries).

Satisfaction sits at 97–99 % with about a quarter of citizens replying, so an officer with 2 replies out of 2 shows a
"perfect" 100 % that says almost nothing, while 290 of 300 is strong evidence. The shrunk score weighs each officer's
own replies against what is typical for their peers (same post type), in proportion to how many replies they have.

For officer i of a peer group, over a period:
    n_i  valid replies (counted: the survey's first rating, received before expiry)
    x_i  = satisfied_i + 0.5 × basically_satisfied_i           (不满意 scores 0)
    r_i  = x_i / n_i                                            the raw satisfaction rate

Prior: each officer's true rate is drawn from Beta(α, β), fitted to the peer group by the method of moments
(beta-binomial), over the k officers of the group with replies and N = Σ n_i replies:
    μ   = Σ x_i / N                                             the peer mean (reply-weighted)
    S   = Σ n_i (r_i − μ)²
    τ²  = (S − (k − 1) μ (1 − μ)) / (N − Σ n_i² / N)            between-officer variance, beyond reply noise
    M   = μ (1 − μ) / τ² − 1   clipped to [M_MIN, M_MAX]        prior strength, in "replies' worth"
          (τ² ≤ 0: officers differ no more than noise would make them: M = M_MAX)
    α   = μ M,   β = (1 − μ) M

Shrunk score (the posterior mean):
    θ_i = (x_i + α) / (n_i + M) = w_i r_i + (1 − w_i) μ,   w_i = n_i / (n_i + M)
so θ_i always lies between the peer mean and the raw rate, closer to the raw rate the more replies there are.

Peer percentile: the share of the peer group with a lower shrunk score (ties count half), × 100.

A peer group with fewer than MIN_PEERS officers or MIN_GROUP_REPLIES replies borrows the prior fitted to all
officers together: a variance estimated from a handful of replies is mostly noise. For the same reason M is never
below M_MIN (the peer mean is always worth at least 20 replies); with real satisfaction around 98 % and officers
differing by about a point, M comes out near 200.
"""

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

M_MIN = 20.0
M_MAX = 10_000.0
MIN_PEERS = 5
MIN_GROUP_REPLIES = 50
POOLED = ""  # the peer group key of the all-officers prior


@dataclass(frozen=True)
class Tally:
    """Valid replies about one officer in one period."""

    person_id: int
    post_type: str
    satisfied: int
    basically_satisfied: int
    dissatisfied: int

    @property
    def n(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def points(self) -> float:
        return self.satisfied + 0.5 * self.basically_satisfied

    @property
    def raw(self) -> float:
        return self.points / self.n if self.n else 0.0


@dataclass(frozen=True)
class Prior:
    group: str  # post type, or POOLED
    mean: float  # μ
    strength: float  # M = α + β
    officers: int
    replies: int
    pooled: bool = False  # borrowed from all officers because the group is small

    @property
    def alpha(self) -> float:
        return self.mean * self.strength

    @property
    def beta(self) -> float:
        return (1 - self.mean) * self.strength


@dataclass(frozen=True)
class OfficerScore:
    tally: Tally
    prior: Prior
    shrunk: float  # θ
    percentile: float  # 0–100 within the peer group

    @property
    def raw(self) -> float:
        return self.tally.raw

    @property
    def weight(self) -> float:
        """w: how much of the score is the officer's own replies rather than the peer mean."""
        return self.tally.n / (self.tally.n + self.prior.strength)


def fit_prior(tallies: Iterable[Tally], *, group: str = POOLED) -> Prior:
    """Method-of-moments Beta prior for a peer group (see the module's docstring)."""
    rows = [t for t in tallies if t.n > 0]
    k = len(rows)
    total = sum(t.n for t in rows)
    if not total:
        return Prior(group, 0.0, M_MAX, 0, 0)
    mean = sum(t.points for t in rows) / total
    spread = mean * (1 - mean)
    denominator = total - sum(t.n * t.n for t in rows) / total
    between = (sum(t.n * (t.raw - mean) ** 2 for t in rows) - (k - 1) * spread) / denominator if denominator else 0
    strength = M_MAX if between <= 0 or spread <= 0 else min(M_MAX, max(M_MIN, spread / between - 1))
    return Prior(group, mean, strength, k, total)


def shrink(tally: Tally, prior: Prior) -> float:
    """θ = (x + α) / (n + M)."""
    return (tally.points + prior.alpha) / (tally.n + prior.strength)


def percentiles(values: list[float]) -> list[float]:
    """For each value, the share of the others below it, ties counting half, × 100 (mid-rank percentile)."""
    ordered = sorted(values)
    k = len(values)
    if k <= 1:
        return [50.0] * k
    result = []
    for value in values:
        below = bisect.bisect_left(ordered, value)
        equal = bisect.bisect_right(ordered, value) - below - 1  # other officers with the same score
        result.append(100.0 * (below + 0.5 * equal) / (k - 1))
    return result


def score_officers(tallies: Iterable[Tally]) -> dict[int, OfficerScore]:
    """Scores for every officer, each against their own peer group (the pooled prior when the group is small)."""
    tallies = [t for t in tallies if t.n > 0]
    pooled = fit_prior(tallies)
    groups: dict[str, list[Tally]] = defaultdict(list)
    for tally in tallies:
        groups[tally.post_type].append(tally)
    scores: dict[int, OfficerScore] = {}
    for group, members in groups.items():
        if len(members) >= MIN_PEERS and sum(t.n for t in members) >= MIN_GROUP_REPLIES:
            prior = fit_prior(members, group=group)
        else:
            prior = Prior(group, pooled.mean, pooled.strength, len(members), sum(t.n for t in members), pooled=True)
        shrunk = [shrink(tally, prior) for tally in members]
        for tally, theta, percentile in zip(members, shrunk, percentiles(shrunk), strict=True):
            scores[tally.person_id] = OfficerScore(tally, prior, theta, percentile)
    return scores


def priors_of(scores: dict[int, OfficerScore]) -> list[Prior]:
    return sorted({score.prior for score in scores.values()}, key=lambda prior: (-prior.officers, prior.group))
