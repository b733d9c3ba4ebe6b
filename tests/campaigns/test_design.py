"""Balanced judge assignment: even loads and pairwise overlaps, units spread over the judges, conflicts and the cap
respected (pure design, hypothesis), and the service and campaign page on top of it."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from qunying.campaigns import services
from qunying.campaigns.design import balance_of, balanced_design
from qunying.campaigns.models import JudgeAssignment
from qunying.core.models import AuditEntry
from tests.factories import PersonFactory


def as_reviews(pairs, units):
    return [(nominee, units[nominee], judge) for nominee, judge in pairs]


def test_thirty_nominees_and_eight_judges_get_even_loads_and_overlaps():
    units = {n: n % 10 for n in range(30)}

    pairs = balanced_design([(n, units[n], 3) for n in range(30)], list(range(8)), allowed=lambda n, j: True, seed=1)

    balance = balance_of(as_reviews(pairs, units))
    assert len(pairs) == 90 and balance.nominees == 30
    assert (balance.load_min, balance.load_max) == (11, 12)  # 90 reviews over 8 judges
    assert balance.pairs_apart == 0 and balance.overlap_max - balance.overlap_min <= 2  # 90 shared pairs over 28
    assert balance.units_clustered == []


def test_a_units_nominees_do_not_all_go_to_the_same_judges():
    units = {n: "甲派出所" for n in range(4)}

    pairs = balanced_design([(n, units[n], 3) for n in range(4)], list(range(6)), allowed=lambda n, j: True, seed=3)

    assert balance_of(as_reviews(pairs, units)).units_clustered == []


def test_existing_reviews_count_and_stay():
    units = {n: n for n in range(6)}
    existing = [(0, 0, "j1"), (0, 0, "j2"), (1, 1, "j1")]

    pairs = balanced_design(
        [(0, 0, 1), *[(n, n, 3) for n in range(1, 6)]],
        ["j1", "j2", "j3", "j4"],
        allowed=lambda n, j: True,
        existing=existing,
        seed=2,
    )

    assert not {(0, "j1"), (0, "j2"), (1, "j1")} & set(pairs)
    balance = balance_of([*existing, *as_reviews(pairs, units)])
    assert balance.load_max - balance.load_min <= 1


@settings(max_examples=60, deadline=None)
@given(
    nominees=st.integers(1, 25),
    judges=st.integers(1, 9),
    need=st.integers(1, 4),
    cap=st.one_of(st.none(), st.integers(1, 12)),
    banned=st.sets(st.tuples(st.integers(0, 24), st.integers(0, 8)), max_size=40),
    seed=st.integers(0, 10),
)
def test_the_design_respects_conflicts_the_cap_and_the_need(nominees, judges, need, cap, banned, seed):
    units = {n: n % 4 for n in range(nominees)}

    pairs = balanced_design(
        [(n, units[n], need) for n in range(nominees)],
        list(range(judges)),
        allowed=lambda n, j: (n, j) not in banned,
        cap=cap,
        seed=seed,
    )

    assert len(pairs) == len(set(pairs))
    assert not set(pairs) & banned
    loads = balance_of(as_reviews(pairs, units), list(range(judges))).loads
    assert cap is None or all(load <= cap for _judge, load in loads)
    for n in range(nominees):
        got = sum(1 for nominee, _j in pairs if nominee == n)
        free = sum(1 for j in range(judges) if (n, j) not in banned)
        assert got <= need and (got == min(need, free) or cap is not None)


@pytest.fixture
def five(campaign, tree, role_user):
    officer = role_user("political_officer")
    campaign.campaign_type.quota_per_unit = 5
    campaign.campaign_type.save(update_fields=["quota_per_unit"])
    people = [PersonFactory(category="auxiliary", police_rank="", unit=tree["station_b"]) for _ in range(5)]
    return [services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people]


def test_the_service_balances_and_never_assigns_a_conflicted_judge(client, campaign, five, tree, role_user):
    officer = role_user("political_officer")
    judges = [role_user("judge", full_name=f"评委{i}") for i in range(5)]
    PersonFactory(user=judges[0], unit=tree["station_b"])  # serves where every nominee serves

    made = services.balance_judges(campaign=campaign, judges=judges, by=officer, seed=4)

    assert len(made) == 15 and not JudgeAssignment.objects.filter(judge=judges[0]).exists()
    loads = sorted(JudgeAssignment.objects.filter(judge=j).count() for j in judges[1:])
    assert loads == [3, 4, 4, 4]
    entry = AuditEntry.objects.get(action="campaigns.judge.balance")
    assert sorted(entry.data["assignments"]) == sorted(a.pk for a in made)
    client.force_login(officer)
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert "评委分配设计" in page and "4 名评委评审 5 份推荐：每名评委 3 至 4 份" in page
    assert "没有哪个单位的被推荐人全部分给同一组评委" in page


def test_a_recused_judge_is_not_assigned_again(campaign, five, role_user):
    officer = role_user("political_officer")
    judges = [role_user("judge") for _ in range(4)]
    assignment = services.assign_judge(nomination=five[0], judge=judges[0], by=officer)
    JudgeAssignment.objects.filter(pk=assignment.pk).update(recused=True, conflict="亲属")

    services.balance_judges(campaign=campaign, judges=judges, by=officer, seed=1)

    assert five[0].assignments.filter(recused=False).count() == 3
    assert five[0].assignments.filter(judge=judges[0]).count() == 1  # the recusal only
