"""Judging writes: conflicts of interest, manual and balanced assignment, declared conflicts, scores."""

import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination, Score
from qunying.campaigns.rules import policy
from qunying.campaigns.services.common import ACTIVE_NOMINATIONS
from qunying.core.policy import assignments_of, roles_of
from qunying.core.roles import Role
from qunying.core.services import log_action
from qunying.org.models import Person


def conflict_of(judge, nomination: Nomination) -> str:
    """Why the judge must not review the nomination ('' when there is no detected conflict)."""
    if nomination.nominated_by_id == judge.pk or nomination.person.user_id == judge.pk:
        return _("The judge nominated or is the nominee.")
    own = Person.objects.filter(user=judge).select_related("unit").first()
    if own is not None and nomination.unit.is_within(own.unit):
        return _("The nominee serves in the judge's own unit.")
    for assignment in assignments_of(judge):
        if assignment.role != Role.JUDGE and nomination.unit.is_within(assignment.unit):
            return _("The nominee's unit is within the judge's responsibility.")
    return ""


@transaction.atomic
def assign_judge(*, nomination: Nomination, judge, by) -> JudgeAssignment:
    """A political officer over the nominee's unit assigns a judge by hand; a detected conflict refuses it."""
    policy.require(by, "assign_judge", nomination)
    if Role.JUDGE not in roles_of(judge):
        raise ValidationError(_("%(user)s is not a judge.") % {"user": judge.get_username()})
    conflict = conflict_of(judge, nomination)
    if conflict:
        raise ValidationError(conflict)
    if JudgeAssignment.objects.filter(nomination=nomination, judge=judge).exists():
        raise ValidationError(_("This judge already reviews this nomination."))
    assignment = JudgeAssignment.objects.create(nomination=nomination, judge=judge)
    log_action(assignment, "campaigns.judge.assign", by=by, data={"judge": judge.pk, "nomination": nomination.pk})
    return assignment


@transaction.atomic
def unassign_judge(*, assignment: JudgeAssignment, by) -> None:
    """Take a judge off a nomination before judging closes; a submitted review stays (it is part of the record)."""
    locked = JudgeAssignment.objects.select_for_update().select_related("nomination__unit", "nomination__campaign")
    assignment = locked.get(pk=assignment.pk)
    nomination = assignment.nomination
    policy.require(by, "assign_judge", nomination)
    if assignment.submitted_at is not None:
        raise ValidationError(_("A submitted review cannot be removed."))
    data = {"judge": assignment.judge_id, "nomination": nomination.pk, "assignment": assignment.pk}
    assignment.delete()
    log_action(nomination, "campaigns.judge.unassign", by=by, data=data)


@transaction.atomic
def balance_judges(*, campaign: Campaign, judges, by, seed: int | None = None) -> list[JudgeAssignment]:
    """Give every live nomination the minimum number of judges: the free judge with fewest reviews in the campaign
    first (ties broken at random), never over the campaign's cap, never with a conflict."""
    policy.require(by, "assign_judges", campaign)
    rng = random.Random(seed)
    judges = [judge for judge in judges if Role.JUDGE in roles_of(judge)]
    load = dict.fromkeys((judge.pk for judge in judges), 0)
    for judge_id, count in (
        JudgeAssignment.objects.filter(nomination__campaign=campaign, recused=False)
        .values_list("judge")
        .annotate(n=Count("id"))
    ):
        if judge_id in load:
            load[judge_id] = count
    made = []
    nominations = campaign.nominations.select_related("person", "unit")
    if by is None:
        nominations = nominations.filter(status__in=ACTIVE_NOMINATIONS)
    else:  # an officer balances the standing nominations of their own units only
        nominations = policy.filter(by, "assign_judge", nominations)
    for nomination in nominations:
        taken = set(nomination.assignments.values_list("judge_id", flat=True))
        need = campaign.campaign_type.min_judges - nomination.assignments.filter(recused=False).count()
        candidates = [j for j in judges if j.pk not in taken and load[j.pk] < campaign.judge_cap]
        rng.shuffle(candidates)
        candidates.sort(key=lambda j: load[j.pk])
        for judge in candidates:
            if need <= 0:
                break
            if conflict_of(judge, nomination):
                continue
            made.append(JudgeAssignment.objects.create(nomination=nomination, judge=judge))
            load[judge.pk] += 1
            need -= 1
    log_action(campaign, "campaigns.judge.balance", by=by, data={"assignments": [a.pk for a in made]})
    return made


@transaction.atomic
def declare_conflict(*, assignment: JudgeAssignment, conflict: str, by) -> JudgeAssignment:
    """The judge declares a conflict of interest and is recused from this nomination."""
    policy.require(by, "review", assignment)
    conflict = (conflict or "").strip()
    if not conflict:
        raise ValidationError(_("Please describe the conflict of interest."))
    if assignment.submitted_at is not None:
        raise ValidationError(_("The review is already submitted."))
    assignment.recused, assignment.conflict = True, conflict
    assignment.save(update_fields=["recused", "conflict"])
    log_action(assignment, "campaigns.judge.recuse", by=by, data={"conflict": conflict})
    return assignment


@transaction.atomic
def submit_scores(*, assignment: JudgeAssignment, scores: dict | None = None, abstain: bool = False, by):
    """Submit a review once: a score (and comment) for every criterion, or an abstention."""
    assignment = JudgeAssignment.objects.select_for_update().get(pk=assignment.pk)
    policy.require(by, "review", assignment)
    campaign = assignment.nomination.campaign
    if campaign.phase != Phase.JUDGING:
        raise ValidationError(_("Judging is not open."))
    if assignment.recused:
        raise ValidationError(_("A recused judge does not score."))
    if assignment.submitted_at is not None:
        raise ValidationError(_("The review is already submitted."))
    rows = []
    if not abstain:
        scores = scores or {}
        for criterion in campaign.campaign_type.criteria.all():
            value, comment = scores.get(criterion.pk, (None, ""))
            if value is None:
                raise ValidationError(_("Please score %(criterion)s.") % {"criterion": criterion.name})
            if not criterion.min_score <= float(value) <= criterion.max_score:
                raise ValidationError(
                    _("%(criterion)s takes a score from %(low)s to %(high)s.")
                    % {"criterion": criterion.name, "low": criterion.min_score, "high": criterion.max_score}
                )
            rows.append(Score(assignment=assignment, criterion=criterion, value=value, comment=(comment or "").strip()))
        Score.objects.bulk_create(rows)
    assignment.abstained = abstain
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["abstained", "submitted_at"])
    log_action(
        assignment,
        "campaigns.review.submit",
        by=by,
        data={"abstained": abstain, "scores": {row.criterion_id: str(row.value) for row in rows}},
    )
    return assignment
