"""Signals: explainable reasons, what counts (verified deeds, active honours) and set-based computation."""

import datetime
from decimal import Decimal

from qunying.discovery.models import DiscoveryWeights
from qunying.discovery.reasons import describe
from qunying.discovery.services import weight_map
from qunying.discovery.signals import compute_signals
from qunying.honours.models import AwardType
from tests.discovery.conftest import YEAR, make_deed, make_event, make_honour
from tests.factories import PersonFactory

WEIGHTS = weight_map(DiscoveryWeights())


def test_reasons_are_shown_in_words(tree):
    person = PersonFactory(unit=tree["squad_a"], post_type="traffic", joined_police_on=datetime.date(2005, 3, 1))
    PersonFactory(unit=tree["squad_a"], post_type="traffic")  # a peer with nothing
    flood = make_event("flood_relief", tree["bureau"])
    for hazard in ["high", "medium", "none"]:
        make_deed(person, event=flood, hazard=hazard)
    make_honour(person, code="commendation", level="city")

    signals = compute_signals(YEAR, WEIGHTS)[person.pk]

    award = AwardType.objects.get(code="commendation").name
    assert describe(signals.reasons()) == [
        "已核实防汛抢险事迹3项",
        "其中高风险1项",
        f"{award}（市级）×1",
        "一线服务20年",
    ]
    assert signals.deed_points == 5 + 3 + 1


def test_revoked_honours_and_unverified_deeds_do_not_count(tree):
    person = PersonFactory(unit=tree["squad_a"])
    make_deed(person, status="proposed", hazard="high")
    make_deed(person, status="rejected", hazard="high")
    make_honour(person, revoked=True)
    make_deed(person, date=datetime.date(YEAR - 1, 5, 1))  # another year

    signals = compute_signals(YEAR, WEIGHTS)[person.pk]

    assert (signals.deed_count, signals.deed_points, signals.honour_points) == (0, 0, 0)
    assert signals.reasons() == []
    assert signals.composite == Decimal("0.00")
    assert signals.fingerprint == ""


def test_peer_percentiles_are_within_the_post_type(tree):
    traffic = [PersonFactory(unit=tree["squad_a"], post_type="traffic") for _ in range(3)]
    patrol = PersonFactory(unit=tree["squad_a"], post_type="patrol")
    make_deed(traffic[0])
    make_deed(patrol)

    signals = compute_signals(YEAR, WEIGHTS)

    assert signals[traffic[0].pk].percentiles["deeds"] == 100.0
    assert signals[traffic[1].pk].percentiles["deeds"] == 0.0
    assert signals[patrol.pk].percentiles["deeds"] == 50.0  # alone in its group


def test_computation_takes_a_constant_number_of_queries(tree, django_assert_max_num_queries):
    for _index in range(6):
        person = PersonFactory(unit=tree["squad_a"])
        make_deed(person)
        make_honour(person)
    with django_assert_max_num_queries(7):
        compute_signals(YEAR, WEIGHTS)
