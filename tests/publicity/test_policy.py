"""The publicity policy (publicity.rules): role × unit × state → allowed, one answer for a page, a list and a
service — the story's review steps (the step's configured role), placements, events and plans."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qunying.core.roles import Role
from qunying.publicity import services
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import MediaPlacement, PlanItem, PublicityPlan, ReviewStep, Story
from qunying.publicity.outreach_queries import placements_visible_to, plans_visible_to
from qunying.publicity.queries import stories_visible_to
from qunying.publicity.rules import policy

S = StoryStatus


@pytest.fixture
def story(tree):
    return services.create_story(title="城关卫士", body="正文", unit=tree["station_a"], by=None)


def at(story, status, step_role=None):
    step = ReviewStep.objects.get(role=step_role) if step_role else None
    Story.objects.filter(pk=story.pk).update(status=status, review_step=step)
    return Story.objects.select_related("unit", "review_step").get(pk=story.pk)


@pytest.mark.parametrize(
    ("action", "status", "allowed"),
    [
        ("edit_story", S.DRAFT, True),
        ("edit_story", S.WITHDRAWN, True),
        ("edit_story", S.IN_REVIEW, False),
        ("edit_story", S.PUBLISHED, False),
        ("submit_story", S.DRAFT, True),
        ("submit_story", S.WITHDRAWN, False),  # edited first, then submitted as a draft
        ("submit_story", S.APPROVED, False),
        ("publish_story", S.APPROVED, True),
        ("publish_story", S.IN_REVIEW, False),
        ("publish_story", S.PUBLISHED, False),
        ("add_story_photo", S.PUBLISHED, True),
    ],
)
def test_a_publicity_editor_by_story_state(story, role_user, action, status, allowed):
    story = at(story, status)
    editor = role_user(Role.PUBLICITY_EDITOR, "station_a")

    assert editor.has_perm(f"publicity.{action}", story) is allowed
    assert policy.filter(editor, action, Story.objects.all()).exists() is allowed


@pytest.mark.parametrize(
    ("role", "unit", "step", "allowed"),
    [
        (Role.PUBLICITY_EDITOR, "station_a", "publicity_editor", True),
        (Role.PUBLICITY_EDITOR, "bureau", "publicity_editor", True),
        (Role.PUBLICITY_EDITOR, "station_b", "publicity_editor", False),
        (Role.POLITICAL_OFFICER, "bureau", "publicity_editor", False),  # not this step's role
        (Role.POLITICAL_OFFICER, "bureau", "political_officer", True),
        (Role.LEADER, "bureau", "political_officer", False),
        (Role.LEADER, "bureau", "leader", True),
        (Role.LEADER, "station_b", "leader", False),
    ],
)
def test_review_by_the_steps_role_over_the_unit(story, role_user, role, unit, step, allowed):
    story = at(story, S.IN_REVIEW, step)
    user = role_user(role, unit)

    assert user.has_perm("publicity.review_story", story) is allowed
    assert policy.filter(user, "review_story", Story.objects.all()).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.review_story(story, decision="approve", by=user)


@pytest.mark.parametrize(
    ("role", "unit", "status", "action", "allowed"),
    [
        (Role.LEADER, "bureau", S.PUBLISHED, "withdraw_story", True),
        (Role.POLITICAL_OFFICER, "station_a", S.PUBLISHED, "withdraw_story", True),
        (Role.PUBLICITY_EDITOR, "bureau", S.PUBLISHED, "withdraw_story", False),
        (Role.LEADER, "bureau", S.APPROVED, "withdraw_story", False),
        (Role.LEADER, "bureau", S.APPROVED, "publish_story", False),
        (Role.POLITICAL_OFFICER, "bureau", S.APPROVED, "publish_story", True),
        (Role.PUBLICITY_EDITOR, "station_b", S.APPROVED, "publish_story", False),
        (Role.LEADER, "bureau", S.DRAFT, "edit_story", False),  # leaders read and withdraw, they do not write
    ],
)
def test_publishing_and_withdrawing_by_role_unit_and_state(story, role_user, role, unit, status, action, allowed):
    story = at(story, status)
    user = role_user(role, unit)

    assert user.has_perm(f"publicity.{action}", story) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            if action == "withdraw_story":
                services.withdraw_story(story, reason="内容有误", by=user)
            elif action == "publish_story":
                services.publish_story(story, by=user)
            else:
                services.update_story(story, title="改", body="改", people=[], by=user)


@pytest.mark.parametrize(
    ("role", "unit", "sees", "writes"),
    [
        (Role.PUBLICITY_EDITOR, "station_a", True, True),
        (Role.POLITICAL_OFFICER, "bureau", True, True),
        (Role.LEADER, "bureau", True, False),
        (Role.PUBLICITY_EDITOR, "station_b", False, False),
        (Role.UNIT_MANAGER, "station_a", False, False),
        (Role.CARE_OFFICER, "bureau", False, False),
    ],
)
def test_stories_placements_and_plans_by_role_and_unit(story, tree, role_user, role, unit, sees, writes):
    placement = services.create_placement(
        unit=tree["station_a"], outlet="巢湖日报", channel="newspaper", date=timezone.localdate(), title="报道", by=None
    )
    today = timezone.localdate()
    plan = services.create_plan(unit=tree["station_a"], year=today.year, quarter=(today.month - 1) // 3 + 1, by=None)
    user = role_user(role, unit)

    assert stories_visible_to(user).filter(pk=story.pk).exists() is sees
    assert placements_visible_to(user).filter(pk=placement.pk).exists() is sees
    assert plans_visible_to(user).filter(pk=plan.pk).exists() is sees
    assert user.has_perm("publicity.change_placement", placement) is writes
    assert user.has_perm("publicity.edit_plan", plan) is writes
    assert user.has_perm("publicity.write_for", tree["station_a"]) is writes
    if not writes:
        with pytest.raises(PermissionDenied):
            services.update_placement(
                placement, outlet="改", channel="web", date=placement.date, title="改", people=[], by=user
            )


def test_a_plan_item_is_matched_once(tree, role_user):
    today = timezone.localdate()
    plan = services.create_plan(unit=tree["station_a"], year=today.year, quarter=(today.month - 1) // 3 + 1, by=None)
    item = services.add_plan_item(
        plan, kind="placement", title="专题", owner="宣传科", due_on=today + datetime.timedelta(days=0), by=None
    )
    editor = role_user(Role.PUBLICITY_EDITOR, "station_a")
    assert editor.has_perm("publicity.match_plan_item", item)

    services.create_placement(
        unit=tree["station_a"], outlet="电视台", channel="tv", date=today, title="专题", plan_item=item, by=editor
    )

    item = PlanItem.objects.select_related("plan__unit").get(pk=item.pk)
    assert item.placement == MediaPlacement.objects.get() and not editor.has_perm("publicity.match_plan_item", item)
    assert not policy.filter(editor, "match_plan_item", PlanItem.objects.all()).exists()
    assert PublicityPlan.objects.count() == 1
