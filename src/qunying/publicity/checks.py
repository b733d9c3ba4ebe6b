"""Publicity's record rule, as a check over what is already stored: a story approved at a review step by its own
author (four eyes)."""

from django.db.models import F
from django.utils.translation import gettext as _

from qunying.core.integrity import Kind, Problem
from qunying.publicity.enums import ReviewDecision
from qunying.publicity.models import Story, StoryReview


def find_problems(queryset=None) -> list[Problem]:
    """Stories (of `queryset`, default all) approved at a step by the person who wrote them."""
    stories = queryset if queryset is not None else Story.objects.all()
    reviews = (
        StoryReview.objects.filter(story__in=stories, decision=ReviewDecision.APPROVE, reviewer=F("story__created_by"))
        .select_related("story__unit", "step", "reviewer")
        .order_by("story_id", "pk")
    )
    problems = []
    for review in reviews:
        story = review.story
        who = review.reviewer.get_full_name() or review.reviewer.get_username()
        detail = _("%(user)s approved it at the step “%(step)s” although they wrote it.") % {
            "user": who,
            "step": review.step.name,
        }
        record = _("Story “%(title)s”") % {"title": story.title}
        problems.append(Problem(Kind.FOUR_EYES, "publicity.story", story.pk, record, detail, unit=story.unit.name))
    return problems
