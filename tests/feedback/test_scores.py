"""Fair scores: a maximum-likelihood beta-binomial prior per peer group (capped when officers do not differ), the
posterior's lower credible bound as the ranking measure, peer percentiles, set-based aggregation."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qunying.feedback.queries import (
    Period,
    monthly_trend,
    officer_scores,
    replies_about,
    reply_tallies,
    scored_officers,
)
from qunying.feedback.scoring import (
    M_MAX,
    M_MIN,
    Tally,
    fit_prior,
    percentiles,
    ranking_key,
    score_officers,
    shrink,
    strength_cap,
)
from qunying.org.models import Person
from tests.factories import PersonFactory
from tests.feedback.conftest import give_ratings

# A realistic peer group of 30 patrol officers with 40–120 replies each, satisfaction 90–99 %.
PEERS = [
    Tally(100 + i, "patrol", satisfied=int(n * rate), basically_satisfied=0, dissatisfied=n - int(n * rate))
    for i, (n, rate) in enumerate((40 + 3 * i, [0.90, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99][i % 7]) for i in range(30))
]


def test_two_of_two_does_not_outrank_two_hundred_ninety_of_three_hundred():
    lucky = Tally(1, "patrol", satisfied=2, basically_satisfied=0, dissatisfied=0)
    steady = Tally(2, "patrol", satisfied=290, basically_satisfied=0, dissatisfied=10)

    scores = score_officers([*PEERS, lucky, steady])

    assert lucky.raw > steady.raw  # raw rates would rank the lucky one first
    assert scores[1].shrunk < scores[2].shrunk
    assert scores[1].percentile < scores[2].percentile
    assert abs(scores[1].shrunk - scores[1].prior.mean) < 0.01  # two replies barely move the peer mean


@st.composite
def tallies(draw):
    n = draw(st.integers(1, 400))
    satisfied = draw(st.integers(0, n))
    basic = draw(st.integers(0, n - satisfied))
    return Tally(draw(st.integers(1, 10**6)), "patrol", satisfied, basic, n - satisfied - basic)


@given(st.lists(tallies(), min_size=1, max_size=40))
def test_the_shrunk_score_lies_between_the_peer_mean_and_the_raw_rate(group):
    prior = fit_prior(group)

    for tally in group:
        theta = shrink(tally, prior)
        low, high = sorted([prior.mean, tally.raw])
        assert low - 1e-9 <= theta <= high + 1e-9
    assert M_MIN <= prior.strength <= M_MAX


@given(st.lists(tallies(), min_size=1, max_size=40, unique_by=lambda t: t.person_id))
def test_percentiles_stay_within_0_and_100_and_follow_the_ranking_measure(group):
    scores = score_officers(group)

    for a in scores.values():
        assert 0 <= a.percentile <= 100
        for b in scores.values():
            if a.lower < b.lower:
                assert a.percentile < b.percentile


def test_more_replies_move_the_score_further_from_the_mean():
    few = Tally(1, "patrol", 9, 0, 1)
    many = Tally(2, "patrol", 90, 0, 10)
    prior = fit_prior(PEERS)

    assert abs(shrink(many, prior) - 0.9) < abs(shrink(few, prior) - 0.9)


def test_officers_who_never_differ_get_the_capped_prior_not_an_infinite_one():
    same = [Tally(i, "patrol", 98, 0, 2) for i in range(10)]

    prior = fit_prior(same)

    assert prior.capped and prior.strength == pytest.approx(strength_cap(prior.mean))
    assert 150 < prior.strength < 250  # officers differing by one point at μ ≈ 98 %: about 200 replies' worth


def test_nearly_all_satisfied_replies_no_longer_tie_every_officer():
    # The demo's shape: 1–4 replies each, all 满意 but a handful: the method of moments gave M = 10,000 and a tie.
    group = [Tally(i, "patrol", n, 0, 0) for i, n in enumerate([1] * 20 + [2] * 8 + [3] * 4 + [4] * 2)]
    group.append(Tally(99, "patrol", 1, 1, 0))

    scores = score_officers(group)

    prior = scores[0].prior
    assert M_MIN <= prior.strength < 1000 and prior.mean < 1
    top_ten = sorted(scores.values(), key=ranking_key)[:10]
    assert len({round(score.lower, 6) for score in top_ten}) >= 3
    assert [score.tally.n for score in top_ten[:2]] == [4, 4]


def test_the_maximum_likelihood_prior_finds_a_real_spread():
    # Half the officers at 99 %, half at 90 %, 200 replies each: a spread far beyond reply noise.
    group = [Tally(i, "patrol", 198 if i % 2 else 180, 0, 2 if i % 2 else 20) for i in range(20)]

    prior = fit_prior(group)

    assert not prior.capped and M_MIN <= prior.strength < 60


def test_a_small_post_type_borrows_the_prior_of_all_officers():
    lonely = Tally(1, "cyber", satisfied=5, basically_satisfied=0, dissatisfied=0)

    scores = score_officers([*PEERS, lonely])

    assert scores[1].prior.pooled and not scores[PEERS[0].person_id].prior.pooled
    assert percentiles([0.5]) == [50.0]


def test_basically_satisfied_counts_half():
    assert Tally(1, "patrol", satisfied=1, basically_satisfied=2, dissatisfied=1).raw == 0.5


def test_tallies_come_from_one_group_by_whatever_the_number_of_officers(tree, django_assert_num_queries):
    people = [PersonFactory(unit=tree["station_a"], post_type="patrol") for _ in range(3)]
    for index, person in enumerate(people):
        give_ratings(person, satisfied=10 + index, basic=1, dissatisfied=index)
    now = timezone.now()

    with django_assert_num_queries(1):
        tallies_ = reply_tallies(now - datetime.timedelta(days=30), now)

    by_person = {t.person_id: t for t in tallies_}
    assert by_person[people[2].pk] == Tally(people[2].pk, "patrol", 12, 1, 2)


@pytest.mark.parametrize("count", [1, 3])
def test_officer_scores_take_one_query_for_one_or_many_officers(tree, django_assert_num_queries, count):
    for _ in range(count):
        give_ratings(PersonFactory(unit=tree["station_a"]), satisfied=5)

    with django_assert_num_queries(1):
        scores = officer_scores(Period.current())

    assert len(scores) == count


def test_a_period_counts_only_its_own_replies(tree):
    person = PersonFactory(unit=tree["station_a"])
    local = timezone.get_current_timezone()
    give_ratings(person, satisfied=3, at=datetime.datetime(2024, 6, 15, 10, tzinfo=local))
    give_ratings(person, satisfied=2, dissatisfied=1, at=datetime.datetime(2025, 6, 15, 10, tzinfo=local))
    give_ratings(person, satisfied=4, at=datetime.datetime(2025, 7, 1, 0, 30, tzinfo=local))

    june = officer_scores(Period(2025, 6))[person.pk].tally
    year = officer_scores(Period(2025))[person.pk].tally

    assert (june.n, june.dissatisfied, year.n) == (3, 1, 7)
    trend = monthly_trend(replies_about(person), None, since=datetime.datetime(2024, 1, 1, tzinfo=local))
    assert [(row.month.isoformat(), row.replies) for row in trend] == [
        ("2024-06-01", 3),
        ("2025-06-01", 3),
        ("2025-07-01", 4),
    ]


@st.composite
def same_rate_pairs(draw):
    """A peer group and two officers with the same rate at or above the group's, one with more replies."""
    group = draw(st.lists(tallies(), min_size=4, max_size=30, unique_by=lambda t: t.person_id))
    denominator = draw(st.integers(1, 20))
    numerator = draw(st.integers(0, denominator))
    few, more = sorted(draw(st.lists(st.integers(1, 15), min_size=2, max_size=2, unique=True)))
    satisfied = draw(st.booleans())  # the rate in 满意 or in 基本满意 (half points)

    def officer(pk, k):
        good = numerator * k
        return Tally(pk, "patrol", good if satisfied else 0, 0 if satisfied else good, (denominator - numerator) * k)

    return group, officer(-1, few), officer(-2, more)


# Whether a case applies depends on the prior fitted to the whole group, which the strategy cannot know in advance:
# most drawn cases are rightly discarded, so the filtering health check does not apply here.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(same_rate_pairs())
def test_the_same_rate_with_more_replies_never_ranks_below_fewer(case):
    group, few, more = case
    scores = score_officers([*group, few, more])
    prior = scores[few.person_id].prior
    assume(few.raw >= prior.mean)  # below the peer mean more replies rightly confirm a lower rate (module docstring)

    assert ranking_key(scores[more.person_id]) <= ranking_key(scores[few.person_id])
    assert scores[more.person_id].percentile >= scores[few.person_id].percentile


@given(st.lists(tallies(), min_size=1, max_size=40, unique_by=lambda t: t.person_id))
def test_the_ranking_measure_stays_below_the_fair_score_and_probabilities_are_probabilities(group):
    for score in score_officers(group).values():
        assert 0 <= score.lower <= score.shrunk + 1e-9 <= 1 + 1e-9
        assert 0 <= score.above <= 1


def test_the_leaderboard_puts_more_replies_first_at_the_same_perfect_rate(tree):
    people = [PersonFactory(unit=tree["station_a"], post_type="patrol") for _ in range(3)]
    for person, satisfied in zip(people, (2, 6, 4), strict=True):
        give_ratings(person, satisfied=satisfied)

    rows = scored_officers(Person.objects.all(), officer_scores(Period.current()))

    assert [row.person for row in rows] == [people[1], people[2], people[0]]
