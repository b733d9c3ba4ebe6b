"""Cultivation plans, level by level: who may set a plan at which level, milestones and their completion."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.reserve.enums import CultivationLevel
from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry
from qunying.reserve.rules import POLITICAL_DEPARTMENT_KINDS, permits, policy, reason


def _plan_errors(entry: ReserveEntry, *, level: str, owner_unit, goals: str, mentor, by) -> dict:
    """Field errors of a plan, the owner unit's among them when `by` may not set a plan of this level for it."""
    person_unit = entry.person.unit
    errors = {}
    if level not in CultivationLevel.values:
        errors["level"] = _("Choose a cultivation level.")
    elif owner_unit is None:
        errors["owner_unit"] = _("Choose the owner unit.")
    elif level == CultivationLevel.UNIT and (
        not person_unit.is_within(owner_unit) or owner_unit.kind in POLITICAL_DEPARTMENT_KINDS
    ):
        errors["owner_unit"] = _("A unit-level plan is owned by the person's own unit or the unit above it.")
    elif level != CultivationLevel.UNIT and owner_unit.kind not in POLITICAL_DEPARTMENT_KINDS:
        errors["owner_unit"] = _("A county-level or higher plan is owned by the political department.")
    elif not permits(by, "change_plan", CultivationPlan(entry=entry, level=level, owner_unit=owner_unit)):
        # Choosing the owner is input, so the refusal is shown on the form (level by level, as for an existing plan).
        errors["owner_unit"] = reason("change_plan")
    if not goals.strip():
        errors["goals"] = _("Describe the goals of the plan.")
    if mentor is not None and mentor.pk == entry.person_id:
        errors["mentor"] = _("A person cannot mentor themselves.")
    return errors


@transaction.atomic
def create_plan(entry: ReserveEntry, *, level: str, owner_unit, goals: str, mentor=None, by) -> CultivationPlan:
    policy.require(by, "add_plan", entry)
    errors = _plan_errors(entry, level=level, owner_unit=owner_unit, goals=goals, mentor=mentor, by=by)
    if errors:
        raise ValidationError(errors)
    plan = CultivationPlan.objects.create(
        entry=entry, level=level, owner_unit=owner_unit, mentor=mentor, goals=goals.strip(), created_by=by
    )
    log_action(plan, "reserve.plan.created", by=by, data={"entry": entry.pk, "level": level, "owner": owner_unit.pk})
    return plan


@transaction.atomic
def update_plan(plan: CultivationPlan, *, level: str, owner_unit, goals: str, mentor=None, by) -> CultivationPlan:
    """Change a plan: the editor must hold the plan as it is and as it will be (level by level both times)."""
    plan = (
        CultivationPlan.objects.select_for_update().select_related("owner_unit", "entry__person__unit").get(pk=plan.pk)
    )
    policy.require(by, "change_plan", plan)
    policy.require(by, "add_plan", plan.entry)  # the person is still in the reserve
    errors = _plan_errors(plan.entry, level=level, owner_unit=owner_unit, goals=goals, mentor=mentor, by=by)
    if errors:
        raise ValidationError(errors)
    before = {"level": plan.level, "owner": plan.owner_unit_id, "mentor": plan.mentor_id}
    plan.level, plan.owner_unit, plan.mentor, plan.goals = level, owner_unit, mentor, goals.strip()
    plan.save(update_fields=["level", "owner_unit", "mentor", "goals"])
    after = {"level": level, "owner": owner_unit.pk, "mentor": getattr(mentor, "pk", None)}
    log_action(plan, "reserve.plan.updated", by=by, data={"before": before, "after": after})
    return plan


@transaction.atomic
def delete_plan(plan: CultivationPlan, *, by) -> None:
    """Delete a plan and its milestones; the audit entry keeps what it was."""
    plan = CultivationPlan.objects.select_for_update().select_related("owner_unit").get(pk=plan.pk)
    policy.require(by, "change_plan", plan)
    data = {"entry": plan.entry_id, "level": plan.level, "owner": plan.owner_unit_id, "goals": plan.goals}
    data["milestones"] = list(plan.milestones.values_list("title", flat=True))
    log_action(plan, "reserve.plan.deleted", by=by, data=data)
    plan.delete()


@transaction.atomic
def add_milestone(plan: CultivationPlan, *, title: str, due_on: datetime.date, by) -> Milestone:
    policy.require(by, "change_plan", plan)
    if not title.strip():
        raise ValidationError({"title": _("Name the milestone.")})
    milestone = Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)
    log_action(plan, "reserve.milestone.added", by=by, data={"milestone": milestone.pk, "due_on": due_on})
    return milestone


@transaction.atomic
def complete_milestone(milestone: Milestone, *, done_on: datetime.date, evidence: str, by) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("plan__owner_unit").get(pk=milestone.pk)
    policy.require(by, "change_plan", milestone.plan)
    if milestone.done_on is not None:
        raise ValidationError(_("This milestone is already completed."))
    if not evidence.strip():
        raise ValidationError({"evidence": _("Record the evidence of completion.")})
    milestone.done_on = done_on
    milestone.evidence = evidence.strip()
    milestone.save(update_fields=["done_on", "evidence"])
    log_action(milestone.plan, "reserve.milestone.completed", by=by, data={"milestone": milestone.pk})
    return milestone
