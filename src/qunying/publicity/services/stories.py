"""Stories: writing, the configurable review, consent per featured person (PIPL art. 25), publishing, withdrawal."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.org.enums import PersonStatus
from qunying.publicity.board import invalidate_board
from qunying.publicity.enums import STORY_TRANSITIONS, ConsentBy, ReviewDecision, StoryStatus
from qunying.publicity.models import ReviewStep, Story, StoryPerson, StoryReview
from qunying.publicity.rules import policy
from qunying.publicity.services.plans import link_plan_item

TITLE_MAX = 200


def _locked(story: Story) -> Story:
    return Story.objects.select_for_update(of=("self",)).select_related("unit", "review_step").get(pk=story.pk)


def _checked_text(title: str, body: str, people: list) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Please enter a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("The title may be at most %(n)d characters.") % {"n": TITLE_MAX}]
    if not body:
        errors["body"] = [_("Please write the story.")]
    if len({p.pk for p in people}) != len(people):
        errors["people"] = [_("A person is named twice.")]
    if errors:
        raise ValidationError(errors)
    return title, body


@transaction.atomic
def create_story(
    *, title: str, body: str, unit, people: Iterable = (), columns: Iterable = (), deeds: Iterable = (),
    honours: Iterable = (), campaigns: Iterable = (), source_article=None, plan_item=None, by,
) -> Story:  # fmt: skip
    """A draft story of a unit's publicity, featuring people (consent is recorded per person afterwards); it may
    carry out a story item of a publicity plan."""
    policy.require(by, "write_for", unit)
    people = list(people)
    title, body = _checked_text(title, body, people)
    story = Story.objects.create(
        title=title,
        body=body,
        unit=unit,
        source_article=source_article,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    story.columns.set(columns)
    story.deeds.set(deeds)
    story.honours.set(honours)
    story.campaigns.set(campaigns)
    StoryPerson.objects.bulk_create(StoryPerson(story=story, person=p) for p in people)
    if plan_item is not None:
        link_plan_item(plan_item, story, by=by)
    log_action(story, "publicity.story.created", by=by, data={"title": title, "people": [p.pk for p in people]})
    return story


@transaction.atomic
def update_story(
    story: Story, *, title: str, body: str, people: Iterable, columns: Iterable = (), deeds: Iterable = (),
    honours: Iterable = (), campaigns: Iterable = (), by,
) -> Story:  # fmt: skip
    """Edit a draft (a story under review, approved or published is frozen: return or withdraw it first). People
    kept keep their recorded consent; people removed lose theirs with their row."""
    story = _locked(story)
    policy.require(by, "edit_story", story)
    people = list(people)
    title, body = _checked_text(title, body, people)
    before = set(story.featured.values_list("person_id", flat=True))
    wanted = {p.pk for p in people}
    story.featured.exclude(person_id__in=wanted).delete()
    StoryPerson.objects.bulk_create(StoryPerson(story=story, person=p) for p in people if p.pk not in before)
    story.title, story.body = title, body
    if story.status == StoryStatus.WITHDRAWN:
        transition(story, StoryStatus.DRAFT, STORY_TRANSITIONS)  # edited after withdrawal: reviewed again
    story.save(update_fields=["title", "body", "status"])
    story.columns.set(columns)
    story.deeds.set(deeds)
    story.honours.set(honours)
    story.campaigns.set(campaigns)
    log_action(
        story,
        "publicity.story.updated",
        by=by,
        data={"title": title, "added": sorted(wanted - before), "removed": sorted(before - wanted)},
    )
    return story


def count_view(story: Story) -> None:
    """One more reading: a single UPDATE with F(), safe under concurrent readers (no read-modify-write)."""
    Story.objects.filter(pk=story.pk).update(view_count=F("view_count") + 1)


@transaction.atomic
def submit_story(story: Story, *, by) -> Story:
    story = _locked(story)
    policy.require(by, "submit_story", story)
    first = ReviewStep.objects.order_by("position").first()
    if first is None:
        raise ValidationError(_("No review steps are configured."))
    transition(story, StoryStatus.IN_REVIEW, STORY_TRANSITIONS)
    story.review_step = first
    story.save(update_fields=["status", "review_step"])
    log_action(story, "publicity.story.submitted", by=by, data={"step": first.name})
    return story


@transaction.atomic
def review_story(story: Story, *, decision: str, comment: str = "", by) -> Story:
    """The reviewer of the current step approves (on to the next step, or approved after the last) or returns the
    story to draft; a return needs a comment."""
    story = _locked(story)
    policy.require(by, "review_story", story)
    step = story.review_step
    comment = (comment or "").strip()
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": [_("Please choose a decision.")]})
    if decision == ReviewDecision.RETURN and not comment:
        raise ValidationError({"comment": [_("Please say what should change.")]})
    StoryReview.objects.create(
        story=story,
        step=step,
        reviewer=by if getattr(by, "is_authenticated", False) else None,
        decision=decision,
        comment=comment,
    )
    if decision == ReviewDecision.RETURN:
        transition(story, StoryStatus.DRAFT, STORY_TRANSITIONS)
        story.review_step = None
    else:
        following = ReviewStep.objects.filter(position__gt=step.position).order_by("position").first()
        transition(story, StoryStatus.IN_REVIEW if following else StoryStatus.APPROVED, STORY_TRANSITIONS)
        story.review_step = following
    story.save(update_fields=["status", "review_step"])
    log_action(
        story,
        "publicity.story.reviewed",
        by=by,
        data={"step": step.name, "decision": decision, "comment": comment, "status": story.status},
    )
    return story


@transaction.atomic
def record_consent(featured: StoryPerson, *, given_by: str, note: str = "", by) -> StoryPerson:
    """Record the consent to feature one person in one story; a deceased officer's comes from the family."""
    featured = StoryPerson.objects.select_for_update().select_related("story__unit", "person").get(pk=featured.pk)
    policy.require(by, "manage_consent", featured)
    deceased = featured.person.status == PersonStatus.DECEASED
    if given_by not in ConsentBy.values:
        raise ValidationError({"given_by": [_("Please say who gave the consent.")]})
    if deceased and given_by != ConsentBy.FAMILY:
        raise ValidationError({"given_by": [_("For a deceased officer the family gives the consent.")]})
    if not deceased and given_by != ConsentBy.SELF:
        raise ValidationError({"given_by": [_("A living person gives the consent themselves.")]})
    featured.consent_by = given_by
    featured.consent_given_at = timezone.now()
    featured.consent_withdrawn_at = None
    featured.consent_note = (note or "").strip()[:200]
    featured.save(update_fields=["consent_by", "consent_given_at", "consent_withdrawn_at", "consent_note"])
    log_action(featured.story, "publicity.consent.recorded", by=by, data={"person": featured.person_id, "by": given_by})
    transaction.on_commit(invalidate_board)
    return featured


@transaction.atomic
def withdraw_consent(featured: StoryPerson, *, by) -> StoryPerson:
    """Consent withdrawn: a published story featuring the person is withdrawn at once."""
    featured = StoryPerson.objects.select_for_update().select_related("story__unit").get(pk=featured.pk)
    policy.require(by, "manage_consent", featured)
    featured.consent_withdrawn_at = timezone.now()
    featured.save(update_fields=["consent_withdrawn_at"])
    story = _locked(featured.story)
    unpublished = story.status == StoryStatus.PUBLISHED
    if unpublished:
        story.save(update_fields=transition(story, StoryStatus.WITHDRAWN, STORY_TRANSITIONS))
    log_action(
        story, "publicity.consent.withdrawn", by=by, data={"person": featured.person_id, "unpublished": unpublished}
    )
    transaction.on_commit(invalidate_board)
    return featured


def publish_problem(featured: Iterable[StoryPerson]) -> str:
    """Why a story featuring these people cannot be published ("" when it can): each needs a consent in force. The
    story page asks it with the rows it shows, so the Publish button and publish_story answer alike."""
    missing = [f.person.name for f in featured if not f.has_consent]
    if not missing:
        return ""
    return _("Publishing needs the consent of every featured person; missing: %(names)s.") % {
        "names": "、".join(missing)
    }


@transaction.atomic
def publish_story(story: Story, *, by) -> Story:
    """Publish an approved story; refused while any featured person lacks a consent in force."""
    story = _locked(story)
    policy.require(by, "publish_story", story)
    if problem := publish_problem(story.featured.select_related("person")):
        raise ValidationError(problem)
    transition(story, StoryStatus.PUBLISHED, STORY_TRANSITIONS)
    story.published_at = timezone.now()
    story.save(update_fields=["status", "published_at"])
    log_action(story, "publicity.story.published", by=by, data={})
    transaction.on_commit(invalidate_board)
    return story


@transaction.atomic
def withdraw_story(story: Story, *, reason: str, by) -> Story:
    story = _locked(story)
    policy.require(by, "withdraw_story", story)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Please give the reason for withdrawing.")]})
    story.save(update_fields=transition(story, StoryStatus.WITHDRAWN, STORY_TRANSITIONS))
    log_action(story, "publicity.story.withdrawn", by=by, data={"reason": reason})
    transaction.on_commit(invalidate_board)
    return story
