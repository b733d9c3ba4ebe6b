"""Fair satisfaction scores: a beta-binomial prior per peer group fitted by maximum likelihood, each officer's
posterior, and a ranking measure that separates officers (pure arithmetic with numpy/scipy, no queries).

Satisfaction sits at 97–99 % with about a quarter of citizens replying, so an officer with 2 replies out of 2 shows a
"perfect" 100 % that says almost nothing, while 290 of 300 is strong evidence. The posterior weighs each officer's
own replies against what is typical for their peers (same post type), in proportion to how many replies they have.

For officer i of a peer group, over a period:
    n_i  valid replies (counted: the survey's first rating, received before expiry)
    x_i  = satisfied_i + 0.5 × basically_satisfied_i           (不满意 scores 0)
    r_i  = x_i / n_i                                            the raw satisfaction rate

Prior: each officer's true rate is drawn from Beta(α, β) = Beta(μ M, (1 − μ) M):
    μ   = (Σ x_i + ½) / (Σ n_i + 1)       the peer mean, kept off 0 and 1 (a group all satisfied has μ < 1)
    M   maximises the beta-binomial likelihood Σ_i [ln B(x_i + α, n_i − x_i + β) − ln B(α, β)]
        within [M_MIN, M_CAP], M_CAP = μ (1 − μ) / TAU_MIN² − 1
Why the cap: when nearly every reply is 满意, officers differ no more than reply noise would make them, and the
likelihood keeps rising as M grows — the method of moments then gave M = 10,000 and every officer the peer mean (the
demo's ten-way tie at 97.96 %). TAU_MIN says the bureau holds that officers' true rates differ by at least one
percentage point (standard deviation); that bounds the prior at the strength of such a spread (about 200 replies'
worth at μ = 98 %). M is never below M_MIN: the peer mean is always worth at least 20 replies.

Posterior: Beta(x_i + α, n_i − x_i + β), and from it
    θ_i    = (x_i + α) / (n_i + M)      the fair score (posterior mean), between the peer mean and the raw rate
    lower  = its LOWER_QUANTILE point   the ranking measure: high only with a high rate AND enough replies
    above  = P(true rate > μ)           how sure we are the officer is better than the peers
Officers are ranked by `lower` (then by replies): among officers with the same rate at or above the peer mean, more
replies never rank lower. Below the peer mean the opposite is right and intended: 9 of 10 is mostly chance, 900 of
1000 is a settled 90 %. Peer percentile: the share of the peer group with a lower `lower` (ties count half), × 100.

A peer group with fewer than MIN_PEERS officers or MIN_GROUP_REPLIES replies borrows the prior fitted to all
officers together: a spread estimated from a handful of replies is mostly noise."""

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

M_MIN = 20.0
M_MAX = 10_000.0  # the cap never exceeds this, whatever μ
TAU_MIN = 0.01  # officers' true rates differ by at least one percentage point (see the module's docstring)
LOWER_QUANTILE = 0.05  # the ranking measure: the 5 % point of the posterior (a 95 % lower credible bound)
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
    capped: bool = False  # the likelihood wanted a stronger prior: officers differ no more than noise

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
    shrunk: float  # θ, the fair score
    percentile: float  # 0–100 within the peer group, by `lower`
    lower: float = 0.0  # the ranking measure
    above: float = 0.5  # P(true rate > peer mean)

    @property
    def raw(self) -> float:
        return self.tally.raw

    @property
    def weight(self) -> float:
        """w: how much of the score is the officer's own replies rather than the peer mean."""
        return self.tally.n / (self.tally.n + self.prior.strength)


def strength_cap(mean: float) -> float:
    return min(M_MAX, max(M_MIN, mean * (1 - mean) / TAU_MIN**2 - 1))


def fit_prior(tallies: Iterable[Tally], *, group: str = POOLED) -> Prior:
    """Maximum-likelihood beta-binomial prior for a peer group, M within [M_MIN, M_CAP] (see the module's docstring)."""
    rows = [t for t in tallies if t.n > 0]
    total = sum(t.n for t in rows)
    if not total:
        return Prior(group, 0.5, M_MIN, 0, 0)
    mean = (sum(t.points for t in rows) + 0.5) / (total + 1)
    cap = strength_cap(mean)
    if len(rows) < 2 or cap <= M_MIN:
        return Prior(group, mean, cap, len(rows), total, capped=len(rows) >= 2)
    x = np.array([t.points for t in rows])
    n = np.array([t.n for t in rows], dtype=float)

    def minus_log_likelihood(log_m: float) -> float:
        alpha, beta = mean * math.exp(log_m), (1 - mean) * math.exp(log_m)
        return -float(np.sum(special.betaln(x + alpha, n - x + beta)) - len(rows) * special.betaln(alpha, beta))

    found = optimize.minimize_scalar(
        minus_log_likelihood, bounds=(math.log(M_MIN), math.log(cap)), method="bounded", options={"xatol": 1e-4}
    )
    strength = math.exp(found.x)
    capped = strength >= cap * 0.99
    return Prior(group, mean, cap if capped else strength, len(rows), total, capped=capped)


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


def _posterior(members: list[Tally], prior: Prior) -> tuple[np.ndarray, np.ndarray]:
    """(lower bound, P(rate > μ)) for every member, vectorised."""
    a = np.array([t.points for t in members]) + prior.alpha
    b = np.array([t.n - t.points for t in members], dtype=float) + prior.beta
    return special.betaincinv(a, b, LOWER_QUANTILE), special.betaincc(a, b, prior.mean)


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
            replies = sum(t.n for t in members)
            prior = Prior(group, pooled.mean, pooled.strength, len(members), replies, pooled=True, capped=pooled.capped)
        lower, above = _posterior(members, prior)
        for tally, low, up, percentile in zip(members, lower, above, percentiles(list(lower)), strict=True):
            scores[tally.person_id] = OfficerScore(
                tally, prior, shrink(tally, prior), percentile, float(low), float(up)
            )
    return scores


def ranking_key(score: OfficerScore) -> tuple:
    """Best first: the lower credible bound, then more replies, then the fair score."""
    return (-score.lower, -score.tally.n, -score.shrunk)


def priors_of(scores: dict[int, OfficerScore]) -> list[Prior]:
    return sorted({score.prior for score in scores.values()}, key=lambda prior: (-prior.officers, prior.group))
