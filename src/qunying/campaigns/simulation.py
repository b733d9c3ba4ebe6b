"""Fairness simulation: a synthetic selection with a known true merit, lenient and harsh judges, and a
vote-stuffing attack, scored by (a) raw mean scores and raw vote counts and (b) the real pipeline — per-judge
z-score normalisation (campaigns.scoring) and anomaly quarantine (campaigns.services.voting.quarantine_reason).
Reports the precision of each top-k against the true top-k."""

import random
from collections import Counter, defaultdict

from qunying.campaigns import scoring
from qunying.campaigns.services.voting import BURST_WINDOW, quarantine_reason

CANDIDATES = 30
JUDGES = 8
REVIEWS_PER_CANDIDATE = 3
TOP_K = 5
VOTE_WEIGHT = 0.3
HONEST_VOTERS = 400
STUFFED_VOTES = 300


def simulate(seed: int) -> dict:
    rng = random.Random(seed)
    merit = {c: rng.gauss(0, 1) for c in range(CANDIDATES)}
    # Each judge has a leniency (shift) and a spread of their own; the scale runs 0–10.
    judges = {j: (rng.uniform(-2.5, 2.5), rng.uniform(0.6, 1.6)) for j in range(JUDGES)}
    scores = []
    for candidate, value in merit.items():
        for judge in rng.sample(range(JUDGES), REVIEWS_PER_CANDIDATE):
            shift, spread = judges[judge]
            raw = 5 + shift + spread * 1.5 * value + rng.gauss(0, 0.4)
            scores.append((judge, candidate, min(10.0, max(0.0, round(raw, 1)))))
    results = scoring.criterion_results(scores, low=0, high=10)

    # Honest voters favour merit, each from their own address; one weak candidate is stuffed from one subnet.
    weights = [2.718 ** merit[c] for c in range(CANDIDATES)]
    votes = [
        (rng.choices(range(CANDIDATES), weights)[0], f"10.{i % 200}.{i // 200}.1", rng.uniform(8, 60))
        for i in range(HONEST_VOTERS)
    ]
    target = min(merit, key=merit.get)
    votes += [(target, f"172.16.5.{i % 250}", rng.uniform(0.3, 2.5)) for i in range(STUFFED_VOTES)]
    raw_votes = Counter(candidate for candidate, _ip, _seconds in votes)
    counted, per_ip, per_subnet = Counter(), Counter(), defaultdict(int)
    for candidate, ip, seconds in votes:  # all within one burst window (BURST_WINDOW) in this simulation
        subnet = ip.rsplit(".", 1)[0]
        if not quarantine_reason(
            seconds=seconds, ip_votes=per_ip[ip], subnet_votes=per_subnet[subnet], device_phones=1
        ):
            counted[candidate] += 1
        per_ip[ip] += 1
        per_subnet[subnet] += 1

    def blend(judged: dict, tally: Counter) -> list[int]:
        top = max(tally.values(), default=0) or 1
        final = {c: scoring.final_score(judged[c], vote_share=tally[c] / top, vote_weight=VOTE_WEIGHT) for c in judged}
        return sorted(final, key=lambda c: -final[c])[:TOP_K]

    raw_judged = {c: r.raw_mean * 10 for c, r in results.items()}
    normalised = {c: r.normalised * 10 for c, r in results.items()}
    truth = set(sorted(merit, key=lambda c: -merit[c])[:TOP_K])
    return {
        "seed": seed,
        "top_k": TOP_K,
        "burst_window_minutes": BURST_WINDOW.total_seconds() / 60,
        "raw_precision": len(truth & set(blend(raw_judged, raw_votes))) / TOP_K,
        "normalised_precision": len(truth & set(blend(normalised, counted))) / TOP_K,
        "votes_quarantined": sum(raw_votes.values()) - sum(counted.values()),
    }
