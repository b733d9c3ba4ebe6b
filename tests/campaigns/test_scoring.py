"""Judging maths: lenient and harsh judges, and invariants under hypothesis."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qunying.campaigns import scoring


def test_lenient_and_harsh_judges_rank_by_merit_after_normalisation():
    # Merit: n1 > n2 > n3 > n4. The lenient judge saw n3 and n4; the harsh one n1 and n2 — plus a shared n2/n3.
    scores = [
        ("lenient", "n2", 9.0),
        ("lenient", "n3", 8.5),
        ("lenient", "n4", 8.0),
        ("harsh", "n1", 6.0),
        ("harsh", "n2", 5.0),
        ("harsh", "n3", 4.0),
    ]
    results = scoring.criterion_results(scores, low=0, high=10)
    raw_order = sorted(results, key=lambda n: -results[n].raw_mean)
    normalised_order = sorted(results, key=lambda n: -results[n].normalised)
    assert raw_order[0] != "n1"  # raw means reward whoever drew the lenient judge
    assert normalised_order == ["n1", "n2", "n3", "n4"]


def test_results_report_mean_median_and_disagreement():
    results = scoring.criterion_results([("a", "n", 2.0), ("b", "n", 4.0), ("c", "n", 9.0)], low=0, high=10)
    assert results["n"].raw_mean == pytest.approx(5.0)
    assert results["n"].median == 4.0
    assert results["n"].disagreement == pytest.approx(2.9439, abs=1e-3)
    assert results["n"].count == 3


def test_weighted_and_final_scores():
    assert scoring.weighted_score([(10, 0, 10, 0.4), (0, 0, 10, 0.6)]) == pytest.approx(40)
    assert scoring.weighted_score([]) is None
    assert scoring.final_score(80, vote_share=0.5, vote_weight=0.3) == pytest.approx(71)
    assert scoring.final_score(80, vote_share=None, vote_weight=0.3) == 80


judges = st.sampled_from(["j1", "j2", "j3", "j4"])
nominations = st.sampled_from(["n1", "n2", "n3", "n4", "n5"])
value = st.integers(min_value=0, max_value=10).map(float)
score_sets = st.lists(st.tuples(judges, nominations, value), min_size=1, max_size=30).map(
    lambda rows: list({(j, n): (j, n, v) for j, n, v in rows}.values())
)


@settings(max_examples=200, deadline=None)
@given(scores=score_sets, judge=judges, shift=st.floats(min_value=-50, max_value=50), stretch=st.floats(0.1, 10))
def test_shifting_or_stretching_one_judge_changes_nothing_after_normalisation(scores, judge, shift, stretch):
    before = scoring.criterion_results(scores, low=0, high=10)
    moved = [(j, n, v * stretch + shift if j == judge else v) for j, n, v in scores]
    after = scoring.criterion_results(moved, low=0, high=10)
    for nomination in before:
        assert after[nomination].normalised == pytest.approx(before[nomination].normalised, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(scores=score_sets)
def test_normalised_scores_stay_in_range_and_judges_z_scores_centre_on_zero(scores):
    results = scoring.criterion_results(scores, low=0, high=10)
    assert all(0 <= r.normalised <= 10 for r in results.values())
    assert all(r.disagreement >= 0 and min(v for *_, v in scores) <= r.median for r in results.values())
    z = scoring.judge_z_scores(scores)
    for judge in {j for j, _, _ in scores}:
        values = [z[(j, n)] for j, n, _ in scores if j == judge]
        assert sum(values) == pytest.approx(0, abs=1e-6)


def test_the_judge_effect_model_ranks_by_merit_with_a_lenient_and_a_harsh_judge():
    scores = [
        ("lenient", "n2", 9.0),
        ("lenient", "n3", 8.5),
        ("lenient", "n4", 8.0),
        ("harsh", "n1", 6.0),
        ("harsh", "n2", 5.0),
        ("harsh", "n3", 4.0),
    ]
    results = scoring.criterion_results(scores, low=0, high=10)
    assert sorted(results, key=lambda n: -results[n].model) == ["n1", "n2", "n3", "n4"]


def test_one_judges_favour_moves_the_model_less_than_the_mean():
    # Four judges agree on three nominees; judge d gives the weakest one full marks.
    table = {"a": {"x": 8, "y": 5, "z": 4.5}, "b": {"x": 8.5, "y": 5.5, "z": 4.5}, "c": {"x": 7.5, "y": 5, "z": 4}}
    table["d"] = {"x": 8, "y": 5, "z": 10}
    scores = [(judge, nominee, float(v)) for judge, row in table.items() for nominee, v in row.items()]
    results = scoring.criterion_results(scores, low=0, high=10)
    assert results["z"].raw_mean > results["y"].raw_mean  # the favour lifts z over y on the mean
    assert results["z"].model < results["y"].model  # not on the model: the outlying score weighs less


@settings(max_examples=150, deadline=None)
@given(scores=score_sets)
def test_model_values_stay_in_range_and_a_nominee_scored_alike_by_all_sits_in_the_middle(scores):
    results = scoring.criterion_results(scores, low=0, high=10)
    assert all(0 <= r.model <= 10 for r in results.values())
    assert set(results) == {n for _, n, _ in scores}
