"""Fairness simulation: synthetic selections with a known true merit, scored by each method, in several scenarios.

A scenario draws 30 nominees' merit, 8 judges with a leniency and a scale of their own, a balanced design
(campaigns.design, as the product assigns), the judges' scores on 0–10, and a public vote (honest voters favour merit)
under attack. The methods differ only in how they read the same data:
- raw: mean score, every vote counted (no defences);
- median: median score; zscore: per-judge z-scores (the product's method until issue 21); model: the judge-effect
  model (campaigns.judge_model), the product's method. These three count votes as the product does: anomalous ones
  are quarantined (campaigns.services.voting.quarantine_reason).
Each reports the precision of its top five against the true top five (the share of the true top five it finds).

Scenarios: default (lenient and harsh judges), unbalanced (the same with judges drawn at random per nominee, as
before the balanced design), compressed (three judges use only 7–9), sparse (two reviews per
nominee), collusion (one judge gives a borderline nominee full marks), subnets (a borderline nominee's votes stuffed
from 25 subnets, under every per-address and per-subnet limit), paced (many mobile numbers voting for a borderline
nominee at a steady pace, each one human-slow). Outside the two stuffing scenarios the attack is the old one: the
weakest nominee stuffed from one subnet in a burst, which the quarantine catches."""

import random
import statistics
from collections import Counter, defaultdict

from qunying.campaigns import judge_model, scoring
from qunying.campaigns.design import balanced_design
from qunying.campaigns.services.voting import BURST_WINDOW, quarantine_reason

NOMINEES = 30
JUDGES = 8
REVIEWS = 3
TOP_K = 5
VOTE_WEIGHT = 0.3
HONEST_VOTERS = 400
STUFFED_VOTES = 300
SCENARIOS = ("default", "unbalanced", "compressed", "sparse", "collusion", "subnets", "paced")
METHODS = ("raw", "median", "zscore", "model")
PRODUCT_METHOD = "model"


def _scores(rng: random.Random, scenario: str, merit: dict, design: dict) -> tuple[list, dict]:
    """(judge, nominee, score) for every review of the design on 0–10, and each judge's true (offset, slope)."""
    judges = {j: (5 + rng.uniform(-2.5, 2.5), 1.5 * rng.uniform(0.6, 1.6)) for j in range(JUDGES)}
    if scenario == "compressed":  # three judges who only ever give 7, 7.5, 8, 8.5 or 9
        judges.update(dict.fromkeys(range(3), (8.0, 0.6)))
    scores = []
    for nominee, reviewers in design.items():
        for judge in sorted(reviewers):
            offset, slope = judges[judge]
            if scenario == "compressed" and judge < 3:
                raw = min(9.0, max(7.0, round((offset + slope * merit[nominee] + rng.gauss(0, 0.3)) * 2) / 2))
            else:
                raw = offset + slope * merit[nominee] + rng.gauss(0, 0.4)
            scores.append((judge, nominee, min(10.0, max(0.0, round(raw, 1)))))
    return scores, judges


def _known_judges(scores: list, judges: dict) -> dict[int, float]:
    """The reference no method can beat on average: merit read with every judge's true offset and slope (weighted
    least squares), on 0–100 like the others. It shows how much of a method's error is the data's own noise."""
    numerator: dict[int, float] = defaultdict(float)
    denominator: dict[int, float] = defaultdict(float)
    for judge, nominee, value in scores:
        offset, slope = judges[judge]
        numerator[nominee] += slope * (value - offset)
        denominator[nominee] += slope * slope
    return {n: 50 + 16.5 * numerator[n] / denominator[n] for n in numerator}


def _design(rng: random.Random, scenario: str, borderline: int) -> dict[int, set[int]]:
    reviews = 2 if scenario == "sparse" else REVIEWS
    if scenario == "unbalanced":  # the simulation's assignment before issue 21: any three judges, at random
        return {n: set(rng.sample(range(JUDGES), reviews)) for n in range(NOMINEES)}
    made = balanced_design(
        [(n, n % 10, reviews) for n in range(NOMINEES)],  # ten units of three nominees
        list(range(JUDGES)),
        allowed=lambda n, j: True,
        seed=rng.randrange(2**31),
    )
    design: dict[int, set[int]] = defaultdict(set)
    for nominee, judge in made:
        design[nominee].add(judge)
    if scenario == "collusion" and 0 not in design[borderline]:  # judge 0 colludes: make sure they review the nominee
        design[borderline].discard(max(design[borderline]))
        design[borderline].add(0)
    return design


def _votes(rng: random.Random, scenario: str, merit: dict, borderline: int) -> list[tuple[int, str, float, float]]:
    """(nominee, address, seconds after verification, minute of arrival) for honest and stuffed votes."""
    weights = [2.718 ** merit[n] for n in range(NOMINEES)]
    votes = [
        (rng.choices(range(NOMINEES), weights)[0], f"10.{i % 200}.{i // 200}.1", rng.uniform(8, 60), minute)
        for i, minute in enumerate(sorted(rng.uniform(0, 600) for _ in range(HONEST_VOTERS)))
    ]
    if scenario == "subnets":  # 12 votes from each of 25 subnets, one per address, human-slow, within a burst window
        votes += [
            (borderline, f"172.{16 + i // 12}.{i % 12}.9", rng.uniform(4, 30), rng.uniform(0, 10))
            for i in range(STUFFED_VOTES)
        ]
    elif scenario == "paced":  # one vote every two minutes over ten hours, each from another number and address
        votes += [(borderline, f"100.{64 + i % 60}.{i}.7", rng.uniform(6, 20), 2.0 * i) for i in range(STUFFED_VOTES)]
    else:  # the weakest nominee stuffed from one subnet in a burst: what the quarantine was built for
        target = min(merit, key=merit.get)
        votes += [(target, f"172.16.5.{i % 250}", rng.uniform(0.3, 2.5), i / 60) for i in range(STUFFED_VOTES)]
    return votes


def _counted(votes) -> Counter:
    """The votes the quarantine lets through, seen in order of arrival within a sliding burst window."""
    window = BURST_WINDOW.total_seconds() / 60
    counted: Counter = Counter()
    seen: list[tuple[float, str, str]] = []
    for nominee, ip, seconds, minute in sorted(votes, key=lambda vote: vote[3]):
        seen = [row for row in seen if row[0] > minute - window]
        subnet = ip.rsplit(".", 1)[0]
        reason = quarantine_reason(
            seconds=seconds,
            ip_votes=sum(1 for _m, address, _s in seen if address == ip),
            subnet_votes=sum(1 for _m, _a, net in seen if net == subnet),
            device_phones=1,
        )
        if not reason:
            counted[nominee] += 1
        seen.append((minute, ip, subnet))
    return counted


def _judged(method: str, scores: list) -> dict[int, float]:
    """Each nominee's judged score on 0–100 by the method."""
    if method == "model":
        return {n: 10 * value for n, value in judge_model.fair_values(scores, low=0, high=10).items()}
    results = scoring.criterion_results(scores, low=0, high=10)
    pick = {"raw": "raw_mean", "median": "median", "zscore": "normalised"}[method]
    return {n: 10 * getattr(result, pick) for n, result in results.items()}


def _top(judged: dict, tally: Counter) -> set[int]:
    top = max(tally.values(), default=0) or 1
    final = {n: scoring.final_score(judged[n], vote_share=tally[n] / top, vote_weight=VOTE_WEIGHT) for n in judged}
    return set(sorted(final, key=lambda n: (-final[n], n))[:TOP_K])


def run_scenario(seed: int, scenario: str, *, reference: bool = False) -> dict:
    """{method: top-5 precision, "votes_quarantined": n} for one seed of one scenario; with `reference`, also
    "known_judges" (see _known_judges) and each method on judges' scores alone ("<method>_judged", no vote)."""
    rng = random.Random(f"{scenario}-{seed}")
    merit = {n: rng.gauss(0, 1) for n in range(NOMINEES)}
    ranked = sorted(merit, key=lambda n: -merit[n])
    truth, borderline = set(ranked[:TOP_K]), ranked[TOP_K + 1]  # the seventh: just outside the quota
    design = _design(rng, scenario, borderline)
    scores, judges = _scores(rng, scenario, merit, design)
    if scenario == "collusion":
        scores = [(j, n, 10.0 if (j == 0 and n == borderline) else v) for j, n, v in scores]
    votes = _votes(rng, scenario, merit, borderline)
    everyone = Counter(nominee for nominee, *_rest in votes)
    counted = _counted(votes)
    result = {}
    for method in METHODS:
        judged = _judged(method, scores)
        result[method] = len(truth & _top(judged, everyone if method == "raw" else counted)) / TOP_K
        if reference:
            result[f"{method}_judged"] = len(truth & _top(judged, Counter())) / TOP_K
    if reference:
        result["known_judges"] = len(truth & _top(_known_judges(scores, judges), counted)) / TOP_K
    result["votes_quarantined"] = sum(everyone.values()) - sum(counted.values())
    return result


def simulate(seed: int) -> dict:
    """One seed: the default scenario's raw and product precision (the stable keys) and every method × scenario."""
    runs = {scenario: run_scenario(seed, scenario) for scenario in SCENARIOS}
    default = runs["default"]
    return {
        "seed": seed,
        "top_k": TOP_K,
        "burst_window_minutes": BURST_WINDOW.total_seconds() / 60,
        "raw_precision": default["raw"],
        "normalised_precision": default[PRODUCT_METHOD],
        "product_method": PRODUCT_METHOD,
        "votes_quarantined": default["votes_quarantined"],
        "scenarios": {scenario: {m: run[m] for m in METHODS} for scenario, run in runs.items()},
    }


def table(seeds: range, *, reference: bool = False) -> dict[str, dict[str, float]]:
    """Mean top-5 precision per scenario and method (and the references) over the seeds."""
    table_ = {}
    for scenario in SCENARIOS:
        runs = [run_scenario(seed, scenario, reference=reference) for seed in seeds]
        table_[scenario] = {key: statistics.fmean(run[key] for run in runs) for key in runs[0]}
    return table_
