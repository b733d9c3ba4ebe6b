"""The judge-effect model: score = overall mean + nominee merit + judge leniency, times the judge's scale, with the
judge effects shrunk toward zero, fitted by alternating (robust, penalised) least squares. Pure numpy, no queries.

For one criterion, judge j's score of nominee n is modelled as

    y[n, j] = μ + a[j] + s[j] · m[n] + e[n, j]

m[n] is the nominee's merit (in points of a typical judge), a[j] the judge's leniency (points added to everyone),
s[j] the judge's scale (a judge using only 7–9 has s < 1), e the noise. Ridge penalties shrink a toward 0, s toward 1
and m toward 0, each by the ratio of the noise variance to the spread of that effect estimated from the data
(empirical Bayes, two passes): with about eleven scores a judge's leniency is only partly known, and the shrinkage
keeps a judge who happened to draw strong nominees from being "corrected" for it, which is where per-judge z-scores
lose. Residuals beyond HUBER_K noise deviations are down-weighted (Huber), so one judge's outlying score — a favour
for one nominee — moves a nominee's merit less than a mean would.

The fair value of a nominee is μ + m[n]: the score a typical judge (leniency 0, scale 1) would give. Every array
carries a leading replicate axis B, so the bootstrap refits all replicates in one pass of vectorised arithmetic:
weights w[b, n, j] count how often review (n, j) is drawn in replicate b (0 = not scored or not drawn)."""

from dataclasses import dataclass

import numpy as np
from scipy import sparse

ITERATIONS = 400  # alternating steps converge slowly along the leniency–merit ridge: this is within 0.01 point
PENALTY_ITERATIONS = 100  # the first, lightly penalised fit only has to be roughly right
REDRAW_ITERATIONS = 40  # a bootstrap redraw starts from the data's own fit, which it resembles
HUBER_K = 2.0  # residuals beyond this many noise deviations weigh less (Huber's weight k/|r|)
SCALE_LIMITS = (0.1, 10.0)  # a judge's scale stays positive: a judge is never read as ranking backwards
NOISE_FLOOR = 0.02  # × the criterion's range: judges who agree exactly still leave some noise to divide by
SPREAD_FLOOR = 0.05  # × the range (leniency, merit) or absolute (scale): every effect may exist a little


@dataclass(frozen=True)
class Penalties:
    """Ridge penalties, each the noise variance over the effect's variance (in scores' worth)."""

    leniency: float
    scale: float
    merit: float
    noise: float  # the noise deviation σ the Huber weights are measured in


@dataclass(frozen=True)
class Fit:
    fair: np.ndarray  # (B, N) μ + m, clipped to the criterion's range
    leniency: np.ndarray  # (B, J)
    scale: np.ndarray  # (B, J)
    penalties: Penalties


@dataclass(frozen=True)
class _Reviews:
    """The scored cells in long form: nominee and judge of each, its value, and incidence matrices that sum a (B, K)
    array per nominee or per judge in one product (the cost follows the reviews, not nominees × judges)."""

    nominee: np.ndarray  # (K,)
    judge: np.ndarray  # (K,)
    value: np.ndarray  # (K,)
    by_nominee: sparse.csr_matrix  # (N, K): row n adds up nominee n's reviews
    by_judge: sparse.csr_matrix  # (J, K)

    @classmethod
    def of(cls, values: np.ndarray, scored: np.ndarray) -> "_Reviews":
        nominee, judge = np.nonzero(scored)
        return cls(
            nominee=nominee,
            judge=judge,
            value=values[nominee, judge],
            by_nominee=_incidence(nominee, values.shape[0]),
            by_judge=_incidence(judge, values.shape[1]),
        )

    @property
    def nominees(self) -> int:
        return self.by_nominee.shape[0]

    @property
    def judges(self) -> int:
        return self.by_judge.shape[0]

    def per_nominee(self, array: np.ndarray) -> np.ndarray:
        return _sum(array, self.nominee, self.by_nominee)

    def per_judge(self, array: np.ndarray) -> np.ndarray:
        return _sum(array, self.judge, self.by_judge)


def _incidence(index: np.ndarray, size: int) -> sparse.csr_matrix:
    """The sparse (size, K) matrix adding up the reviews of each row."""
    reviews = len(index)
    return sparse.csr_matrix((np.ones(reviews), (index, np.arange(reviews))), shape=(size, reviews))


def _sum(array: np.ndarray, index: np.ndarray, incidence) -> np.ndarray:
    """Σ over the reviews of each nominee (or judge), for every replicate."""
    if len(array) == 1:  # one replicate (the point fit): bincount is several times quicker
        return np.bincount(index, weights=array[0], minlength=incidence.shape[0])[None, :]
    return np.asarray(incidence @ array.T).T


def _solve(
    reviews: _Reviews,
    weights: np.ndarray,
    penalties: Penalties,
    *,
    robust: bool,
    iterations: int = ITERATIONS,
    start: tuple | None = None,
):
    """Alternating least squares for every replicate at once (weights (B, K)), from `start` (μ, a, s, m) if given;
    returns (μ, a, s, m)."""
    batch = weights.shape[0]
    nominees, judges = reviews.nominees, reviews.judges
    y = reviews.value[None, :]
    if start is None:
        mu = (weights * y).sum(axis=1) / weights.sum(axis=1)
        lean, scale = np.zeros((batch, judges)), np.ones((batch, judges))
        plain_steps = 2  # a few plain steps first, so the first residuals mean something
    else:
        mu, lean, scale, _merit = (np.repeat(part, batch, axis=0) for part in start)
        plain_steps = 0
    merit = np.zeros((batch, nominees))
    used = weights
    if robust and start is not None:
        fitted = lean[:, reviews.judge] + scale[:, reviews.judge] * start[3][:, reviews.nominee]
        used = _huber(weights, y - mu[:, None] - fitted, penalties)
    for step in range(iterations):
        centred = y - mu[:, None]
        lean_k, scale_k = lean[:, reviews.judge], scale[:, reviews.judge]
        # Merit given the judges: a weighted regression through the judges' scales.
        merit = reviews.per_nominee(used * scale_k * (centred - lean_k)) / (
            reviews.per_nominee(used * scale_k * scale_k) + penalties.merit
        )
        # Each judge's leniency and scale given the merits: a 2×2 ridge regression (a → 0, s → 1).
        m = merit[:, reviews.nominee]
        wm = used * m
        sw = reviews.per_judge(used) + penalties.leniency
        sm = reviews.per_judge(wm)
        smm = reviews.per_judge(wm * m) + penalties.scale
        sr = reviews.per_judge(used * centred)
        srm = reviews.per_judge(wm * centred) + penalties.scale
        det = sw * smm - sm * sm
        lean = (smm * sr - sm * srm) / det
        scale = np.clip((sw * srm - sm * sr) / det, *SCALE_LIMITS)
        fitted = lean[:, reviews.judge] + scale[:, reviews.judge] * m
        mu = (used * (y - fitted)).sum(axis=1) / used.sum(axis=1)
        if robust and step >= plain_steps:
            used = _huber(weights, y - mu[:, None] - fitted, penalties)
    return mu, lean, scale, merit


def _huber(weights: np.ndarray, residual: np.ndarray, penalties: Penalties) -> np.ndarray:
    """Huber's weights: 1 within HUBER_K noise deviations, falling as k/|r| beyond."""
    scaled = np.abs(residual) / (HUBER_K * penalties.noise)
    return weights * np.minimum(1.0, 1.0 / np.maximum(scaled, 1e-12))


def _penalties(reviews: _Reviews, weights: np.ndarray, *, span: float) -> Penalties:
    """Empirical-Bayes penalties from a lightly penalised first fit of replicate 0 (the data as observed)."""
    weights = weights[:1]
    light = Penalties(leniency=0.1, scale=0.1, merit=0.01, noise=span)
    mu, lean, scale, merit = _solve(reviews, weights, light, robust=False, iterations=PENALTY_ITERATIONS)
    fitted = mu[:, None] + lean[:, reviews.judge] + scale[:, reviews.judge] * merit[:, reviews.nominee]
    scored = weights[0] > 0
    observations = int(scored.sum())
    active_judges = np.unique(reviews.judge[scored])
    active_nominees = np.unique(reviews.nominee[scored])
    freedom = max(observations - len(active_nominees) - len(active_judges), 1)
    # The noise from the median absolute residual (× 1.4826, × √(n / freedom) for the fitted parameters), not the
    # mean square: one favour or grudge would otherwise inflate it and hide itself from the Huber weights.
    residual = np.abs(reviews.value - fitted[0])[scored]
    mad = 1.4826 * float(np.median(residual)) if len(residual) else 0.0
    noise2 = max(mad**2 * observations / freedom, (NOISE_FLOOR * span) ** 2)
    per_judge = max(observations / max(len(active_judges), 1), 1.0)
    per_nominee = max(observations / max(len(active_nominees), 1), 1.0)
    leniency2 = float(np.mean(lean[0, active_judges] ** 2)) - noise2 / per_judge
    merit_spread = float(np.var(merit[0, active_nominees])) if len(active_nominees) > 1 else 0.0
    scale2 = float(np.var(scale[0, active_judges])) - noise2 / (per_judge * max(merit_spread, 1e-9))
    merit2 = merit_spread - noise2 / per_nominee
    floor = (SPREAD_FLOOR * span) ** 2
    return Penalties(
        leniency=noise2 / max(leniency2, floor),
        scale=noise2 / max(scale2, SPREAD_FLOOR**2),
        merit=noise2 / max(merit2, floor),
        noise=noise2**0.5,
    )


def fit(values: np.ndarray, weights: np.ndarray, *, low: float, high: float, robust: bool = True) -> Fit:
    """Fit the model to values (N, J) under weights (B, N, J); a missing score has weight 0 (its value is ignored).
    Replicate 0 should be the data as observed: the penalties come from it, and the other replicates (bootstrap
    redraws) start from its fit."""
    span = float(high - low)
    values = np.nan_to_num(np.asarray(values, dtype=float))
    weights = np.asarray(weights, dtype=float)
    if weights.ndim == 2:
        weights = weights[None, :, :]
    reviews = _Reviews.of(values, (weights > 0).any(axis=0))
    long_weights = weights[:, reviews.nominee, reviews.judge]
    penalties = _penalties(reviews, long_weights, span=span)
    point = _solve(reviews, long_weights[:1], penalties, robust=robust)
    mu, lean, scale, merit = point
    if len(long_weights) > 1:
        redraws = _solve(reviews, long_weights[1:], penalties, robust=robust, iterations=REDRAW_ITERATIONS, start=point)
        mu, lean, scale, merit = (np.concatenate([a, b]) for a, b in zip(point, redraws, strict=True))
    fair = np.clip(mu[:, None] + merit, low, high)
    return Fit(fair=fair, leniency=lean, scale=scale, penalties=penalties)


def fair_values(
    triples: list[tuple[object, object, float]], *, low: float, high: float, robust: bool = True
) -> dict[object, float]:
    """{nomination: fair value} from (judge, nomination, value) triples — the point fit of one criterion."""
    if not triples:
        return {}
    judges = sorted({j for j, _, _ in triples}, key=str)
    nominations = sorted({n for _, n, _ in triples}, key=str)
    j_index = {j: i for i, j in enumerate(judges)}
    n_index = {n: i for i, n in enumerate(nominations)}
    values = np.zeros((len(nominations), len(judges)))
    weights = np.zeros_like(values)
    for judge, nomination, value in triples:
        values[n_index[nomination], j_index[judge]] = float(value)
        weights[n_index[nomination], j_index[judge]] = 1.0
    result = fit(values, weights, low=low, high=high, robust=robust)
    return {nomination: float(result.fair[0, i]) for nomination, i in n_index.items()}
