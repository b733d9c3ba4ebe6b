"""The fairness simulation: every method in every scenario, the judge-effect model against raw means and z-scores,
and the command's JSON (the stable keys and one entry per method and scenario)."""

import io
import json
import statistics

from django.core.management import call_command

from qunying.campaigns.simulation import METHODS, SCENARIOS, run_scenario, simulate

SEEDS = range(11, 23)  # a dozen seeds keep the test quick; benchmarks/selection.py runs seeds 11–60


def mean(runs, key):
    return statistics.fmean(run[key] for run in runs)


def test_the_model_beats_raw_scores_and_reaches_the_known_judges_reference_in_the_default_scenario():
    runs = [run_scenario(seed, "default", reference=True) for seed in SEEDS]
    assert mean(runs, "model") >= mean(runs, "raw") + 0.1
    # On the judges' scores alone the model beats z-scores; with the vote added, twelve seeds are too few to order
    # the two (benchmarks/selection.py: +0.008 over seeds 11–60). The model stays within two nominees in twelve
    # seeds of knowing every judge's true leniency and scale: the rest of its error is the scores' own noise.
    assert mean(runs, "model_judged") >= mean(runs, "zscore_judged") + 0.03
    assert mean(runs, "model") >= mean(runs, "known_judges") - 0.05
    assert all(run["votes_quarantined"] >= 300 for run in runs)  # the burst from one subnet is caught every time


def test_a_colluding_judge_moves_the_model_less_than_the_mean():
    runs = [run_scenario(seed, "collusion") for seed in SEEDS]
    assert mean(runs, "model") >= mean(runs, "raw") + 0.1


def test_the_stuffing_scenarios_pass_the_quarantine_and_are_reported_as_such():
    for scenario in ("subnets", "paced"):
        runs = [run_scenario(seed, scenario) for seed in range(11, 15)]
        assert all(run["votes_quarantined"] < 50 for run in runs)  # these attacks stay under every limit


def test_the_command_prints_json_with_every_method_and_scenario(db):
    out = io.StringIO()
    call_command("simulate-selection", "--seed", "3", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["seed"] == 3 and 0 <= result["raw_precision"] <= 1 and 0 <= result["normalised_precision"] <= 1
    assert result["product_method"] == "model"
    assert set(result["scenarios"]) == set(SCENARIOS)
    assert all(set(row) == set(METHODS) for row in result["scenarios"].values())
    assert result["normalised_precision"] == result["scenarios"]["default"]["model"]


def test_the_simulation_is_reproducible():
    assert simulate(5) == simulate(5)


def test_the_command_prints_a_table(db):
    out = io.StringIO()
    call_command("simulate-selection", "--seed", "4", stdout=out)
    text = out.getvalue()
    assert "zscore" in text and "model" in text and "paced" in text
