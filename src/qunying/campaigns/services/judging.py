"""Judging writes: conflicts of interest, manual and balanced assignment, declared conflicts, scores."""

from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.design import balanced_design
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination, Score
from qunying.campaigns.rules import policy
from qunying.campaigns.services.common import ACTIVE_NOMINATIONS
from qunying.core.policy import assignments_of, roles_of
from qunying.core.roles import Role
from qunying.core.services import log_action
from qunying.org.models import Person


def _conflict(judge, nomination: Nomination, own_unit, responsibilities) -> str:
    """Why the judge must not review the nomination, given the judge's own unit and the units of their other roles."""
    if nomination.nominated_by_id == judge.pk or nomination.person.user_id == judge.pk:
        return _("The judge nominated or is the nominee.")
    if own_unit is not None and nomination.unit.is_within(own_unit):
        return _("The nominee serves in the judge's own unit.")
    if any(nomination.unit.is_within(unit) for unit in responsibilities):
        return _("The nominee's unit is within the judge's responsibility.")
    return ""


def _responsibilities(judge) -> list:
    return [assignment.unit for assignment in assignments_of(judge) if assignment.role != Role.JUDGE]


def conflict_of(judge, nomination: Nomination) -> str:
    """Why the judge must not review the nomination ('' when there is no detected conflict)."""
    own = Person.objects.filter(user=judge).select_related("unit").first()
    return _conflict(judge, nomination, own.unit if own else None, _responsibilities(judge))


def conflict_table(judges, nominations) -> dict[tuple[int, int], str]:
    """{(nomination id, judge id): why not} for every conflicted pair: one query for the judges' own units (and
    one per judge for their roles, cached on the user)."""
    own = {p.user_id: p.unit for p in Person.objects.filter(user__in=[j.pk for j in judges]).select_related("unit")}
    table = {}
    for judge in judges:
        responsibilities = _responsibilities(judge)
        for nomination in nominations:
            reason = _conflict(judge, nomination, own.get(judge.pk), responsibilities)
            if reason:
                table[(nomination.pk, judge.pk)] = reason
    return table


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
    """Give every live nomination the minimum number of judges with a balanced design (campaigns.design): similar
    loads, even pairwise overlaps, each unit's nominees spread over the judges; never over the campaign's cap, never
    with a conflict of interest, never a judge already on the nomination (a recused one included)."""
    policy.require(by, "assign_judges", campaign)
    judges = [judge for judge in judges if Role.JUDGE in roles_of(judge)]
    nominations = campaign.nominations.select_related("person", "unit")
    if by is None:
        nominations = nominations.filter(status__in=ACTIVE_NOMINATIONS)
    else:  # an officer balances the standing nominations of their own units only
        nominations = policy.filter(by, "assign_judge", nominations)
    nominations = list(nominations)
    held = JudgeAssignment.objects.filter(nomination__campaign=campaign).values_list(
        "nomination_id", "nomination__unit_id", "judge_id", "recused"
    )
    taken, existing = defaultdict(set), []
    for nomination_id, unit_id, judge_id, recused in held:
        taken[nomination_id].add(judge_id)
        if not recused:
            existing.append((nomination_id, unit_id, judge_id))
    conflicts = conflict_table(judges, nominations)
    held_by = Counter(nomination for nomination, _unit, _judge in existing)
    need = campaign.campaign_type.min_judges
    plan = [(n.pk, n.unit_id, need - held_by[n.pk]) for n in nominations if held_by[n.pk] < need]
    by_pk = {judge.pk: judge for judge in judges}
    pairs = balanced_design(
        plan,
        list(by_pk),
        allowed=lambda nomination, judge: judge not in taken[nomination] and (nomination, judge) not in conflicts,
        existing=existing,
        cap=campaign.judge_cap,
        seed=seed,
    )
    made = [JudgeAssignment.objects.create(nomination_id=nom, judge=by_pk[judge]) for nom, judge in sorted(pairs)]
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
