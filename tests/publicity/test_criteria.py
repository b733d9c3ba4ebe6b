"""The publicity computed criterion for party branch star ratings: published stories featuring the branch's
people, in one grouped query, with a drill-down."""

from django.utils import timezone

from qunying.branches.criteria import compute, scope_of
from qunying.core.criteria import REGISTRY, compute_for, describe
from qunying.publicity import services
from tests.branches.conftest import make_branch
from tests.factories import PersonFactory
from tests.publicity.helpers import published_story


def test_stories_count_for_the_branches_of_their_people(tree, django_assert_num_queries):
    branch_a, branch_b = make_branch(tree["station_a"]), make_branch(tree["station_b"])
    a1, a2 = PersonFactory(name="甲一", unit=tree["station_a"]), PersonFactory(unit=tree["squad_a"])
    both = published_story([a1, a2], tree["station_a"], title="两人同稿")  # counts once for the branch
    published_story([PersonFactory(unit=tree["station_b"])], tree["station_b"], title="乙所稿")
    published_story([a1], tree["station_a"], title="未发布", consent=False)
    year = timezone.localdate().year

    assert "publicity.stories" in REGISTRY
    assert compute("publicity.stories", branch_a, year).ids == (both.pk,)
    assert compute("publicity.stories", branch_a, year - 1).count == 0
    assert compute("publicity.stories", branch_b, year).count == 1
    scope = scope_of([branch_a, branch_b])
    with django_assert_num_queries(1):
        counted = compute_for("publicity.stories", scope, year)
    assert counted[branch_a.pk].count == 1 and counted[branch_b.pk].count == 1
    rows = describe("publicity.stories", [both.pk])
    assert rows[0].title == "两人同稿" and "甲一" in rows[0].people and rows[0].url.endswith(f"/{both.pk}/")


def test_a_withdrawn_story_no_longer_counts(tree):
    branch = make_branch(tree["station_a"])
    story = published_story([PersonFactory(unit=tree["station_a"])], tree["station_a"])
    services.withdraw_story(story, reason="撤稿", by=None)
    assert compute("publicity.stories", branch, timezone.localdate().year).count == 0
