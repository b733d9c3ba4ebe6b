"""The results table with honest uncertainty: the four scores, bootstrap intervals for score and rank, the 无法区分
mark with its reason for nominees across the quota line, the page and a flat query count."""

import pytest
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.queries import campaign_results
from tests.campaigns.conftest import judge_all, move
from tests.factories import PersonFactory


@pytest.fixture
def tied(campaign, aux, role_user):
    """辅警标兵 (two to be chosen): 辅警甲 far ahead, 辅警乙 and 辅警丙 a hair apart for the second place, 辅警丁 far
    behind; three judges score everyone."""
    officer = role_user("political_officer")
    noms = {
        key: services.nominate(campaign=campaign, person=aux[key], statement="事迹", by=officer)
        for key in ("a", "squad", "b", "b2")
    }
    judges = [role_user("judge") for _ in range(3)]
    table = {
        judges[0]: {noms["a"]: 9.5, noms["squad"]: 7.0, noms["b"]: 8.0, noms["b2"]: 3.0},
        judges[1]: {noms["a"]: 9.5, noms["squad"]: 8.0, noms["b"]: 7.0, noms["b2"]: 3.5},
        judges[2]: {noms["a"]: 9.0, noms["squad"]: 7.5, noms["b"]: 7.0, noms["b2"]: 3.0},
    }
    judge_all(campaign, judges, table)
    move(campaign, Phase.DECIDING)
    return campaign, noms, officer


def test_nominees_across_the_quota_line_cannot_be_told_apart(tied):
    campaign, noms, _officer = tied

    rows = {row.nomination.pk: row for row in campaign_results(campaign, intervals=True)}

    first, second, third, last = (rows[noms[key].pk] for key in ("a", "squad", "b", "b2"))
    assert first.rank == 1 and not first.undecided and first.rank_low == first.rank_high == 1
    assert second.undecided and third.undecided  # the data cannot say which of them is second
    assert {second.rank_low, second.rank_high} == {2, 3} and {third.rank_low, third.rank_high} == {2, 3}
    assert not last.undecided and last.rank_low == 4
    assert "名额线" in second.reason and "2 名" in second.reason
    assert 0 < second.within_quota < 1
    for row in rows.values():
        assert row.final_low <= row.final <= row.final_high
        assert row.raw is not None and row.median is not None and row.normalised is not None and row.model is not None


def test_without_intervals_nothing_is_marked_and_the_order_is_the_models(tied):
    campaign, noms, _officer = tied

    rows = campaign_results(campaign)

    assert rows[0].nomination == noms["a"] and rows[-1].nomination == noms["b2"]
    assert all(row.rank_low is None and not row.undecided for row in rows)
    assert [row.rank for row in rows] == [1, 2, 3, 4]


def test_the_results_page_shows_the_four_scores_the_intervals_and_the_marks(client, tied):
    campaign, _noms, officer = tied
    client.force_login(officer)

    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()

    for text in ("原始均值", "中位数", "z 分数", "模型", "95% 区间", "名次区间", "无法区分", "跨越名额线"):
        assert text in page, text
    assert page.count('badge text-bg-warning">无法区分') == 2
    assert "2 名被推荐人与名额线无法区分" in page
    dossier = client.get(reverse("campaigns:dossier", args=[campaign.pk])).content.decode()
    assert "无法区分" in dossier and "跨越名额线" in dossier


@pytest.mark.parametrize("count", [1, 3])
def test_the_results_take_the_same_queries_for_one_or_three_nominations(
    campaign, tree, role_user, django_assert_num_queries, count
):
    officer = role_user("political_officer")
    judges = [role_user("judge") for _ in range(3)]
    people = [PersonFactory(category="auxiliary", police_rank="", unit=tree["station_b"]) for _ in range(count)]
    campaign.campaign_type.quota_per_unit = 3
    campaign.campaign_type.save(update_fields=["quota_per_unit"])
    noms = [services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people]
    judge_all(campaign, judges, {judge: {n: 6 + i for i, n in enumerate(noms)} for judge in judges})
    move(campaign, Phase.DECIDING)
    campaign.campaign_type  # noqa: B018 -- loaded once before counting, as the views hold it

    with django_assert_num_queries(3):  # criteria, nominations, scores (no public vote in this type)
        rows = campaign_results(campaign, intervals=True)

    assert len(rows) == count


def test_a_single_nominee_or_no_scores_mark_nothing(campaign, aux, role_user):
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    move(campaign, Phase.DECIDING)

    rows = campaign_results(campaign, intervals=True)

    assert len(rows) == 1 and rows[0].final is None and not rows[0].undecided
