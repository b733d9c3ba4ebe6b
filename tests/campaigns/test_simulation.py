"""The fairness simulation: the normalised pipeline beats raw scoring by a clear margin on average."""

import io
import json

from django.core.management import call_command

from qunying.campaigns.simulation import simulate


def test_the_normalised_pipeline_beats_raw_scores_and_counts_on_average():
    runs = [simulate(seed) for seed in range(1, 21)]
    raw = sum(run["raw_precision"] for run in runs) / len(runs)
    normalised = sum(run["normalised_precision"] for run in runs) / len(runs)
    assert normalised >= raw + 0.1
    assert all(run["votes_quarantined"] >= 300 for run in runs)  # the stuffing attack is caught every time


def test_the_command_prints_json(db):
    out = io.StringIO()
    call_command("simulate-selection", "--seed", "3", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["seed"] == 3 and 0 <= result["raw_precision"] <= 1 and 0 <= result["normalised_precision"] <= 1
