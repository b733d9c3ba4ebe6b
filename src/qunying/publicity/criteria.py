"""A computed star-rating criterion for party branches: published stories featuring the branch's people."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.core.criteria import (
    BranchScope,
    Counted,
    RecordRow,
    computed_criterion,
    in_order,
    url_or_blank,
    year_bounds,
)
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import Story, StoryPerson


def describe_stories(ids: list[int]) -> list[RecordRow]:
    stories = (
        Story.objects.filter(pk__in=ids)
        .select_related("unit")
        .prefetch_related(Prefetch("featured", queryset=StoryPerson.objects.select_related("person")))
        .in_bulk()
    )
    return [
        RecordRow(
            date=timezone.localtime(story.published_at).date() if story.published_at else None,
            title=story.title,
            people="、".join(featured.person.name for featured in story.featured.all()),
            detail=story.unit.name,
            url=url_or_blank("publicity:story_detail", story.pk),
        )
        for story in in_order(ids, stories)
    ]


@computed_criterion(
    "publicity.stories",
    _("Published stories featuring the branch's people"),
    describe=describe_stories,
    record_label=_("Stories"),
)
def published_stories(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """Stories published in the year (and still published) featuring a covered unit's person or a member: one
    query; a story featuring several of a branch's people counts once for it."""
    first, last = year_bounds(year)
    rows = StoryPerson.objects.filter(
        scope.people_condition("person__"),
        story__status=StoryStatus.PUBLISHED,
        story__published_at__date__gte=first,
        story__published_at__date__lte=last,
    ).values_list("story_id", "person_id", "person__unit_id")
    return scope.group(
        (branch_id, story_id)
        for story_id, person_id, unit_id in rows
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id)
    )
