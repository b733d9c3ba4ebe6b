"""Cultivation plans, level by level: who may set a plan at which level, milestones and their completion."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.accounts.enums import Role
from qunying.accounts.queries import covers
from qunying.core.services import log_action
from qunying.org.enums import UnitKind
from qunying.reserve.enums import CultivationLevel, EntryStatus
from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry
from qunying.reserve.rules import PROPOSERS

POLITICAL_DEPARTMENT_KINDS = {UnitKind.BUREAU, UnitKind.DEPARTMENT}


def may_edit_plan(user, plan: CultivationPlan) -> bool:
    roles = PROPOSERS if plan.level == CultivationLevel.UNIT else (Role.POLITICAL_OFFICER,)
    return covers(user, roles, plan.owner_unit.path)


def _plan_errors(entry: ReserveEntry, *, level: str, owner_unit, goals: str, mentor, by) -> dict:
    """Field errors of a plan; raises at once when `by` may not set a plan of this level for this owner."""
    person_unit = entry.person.unit
    errors = {}
    if entry.status != EntryStatus.ACTIVE:
        raise ValidationError(_("Plans are set for people in the reserve."))
    if level not in CultivationLevel.values:
        errors["level"] = _("Choose a cultivation level.")
    elif owner_unit is None:
        errors["owner_unit"] = _("Choose the owner unit.")
    elif level == CultivationLevel.UNIT:
        if not person_unit.path.startswith(owner_unit.path) or owner_unit.kind in POLITICAL_DEPARTMENT_KINDS:
            errors["owner_unit"] = _("A unit-level plan is owned by the person's own unit or the unit above it.")
        elif not covers(by, PROPOSERS, owner_unit.path):
            raise ValidationError(_("You may not set plans for this unit."))
    else:
        if owner_unit.kind not in POLITICAL_DEPARTMENT_KINDS:
            errors["owner_unit"] = _("A county-level or higher plan is owned by the political department.")
        elif not covers(by, [Role.POLITICAL_OFFICER], owner_unit.path):
            raise ValidationError(_("Only the political department sets county-level or higher plans."))
    if not goals.strip():
        errors["goals"] = _("Describe the goals of the plan.")
    if mentor is not None and mentor.pk == entry.person_id:
        errors["mentor"] = _("A person cannot mentor themselves.")
    return errors


@transaction.atomic
def create_plan(entry: ReserveEntry, *, level: str, owner_unit, goals: str, mentor=None, by) -> CultivationPlan:
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
    if not may_edit_plan(by, plan):
        raise ValidationError(_("You may not change this plan."))
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
    if not may_edit_plan(by, plan):
        raise ValidationError(_("You may not change this plan."))
    data = {"entry": plan.entry_id, "level": plan.level, "owner": plan.owner_unit_id, "goals": plan.goals}
    data["milestones"] = list(plan.milestones.values_list("title", flat=True))
    log_action(plan, "reserve.plan.deleted", by=by, data=data)
    plan.delete()


@transaction.atomic
def add_milestone(plan: CultivationPlan, *, title: str, due_on: datetime.date, by) -> Milestone:
    if not may_edit_plan(by, plan):
        raise ValidationError(_("You may not change this plan."))
    if not title.strip():
        raise ValidationError({"title": _("Name the milestone.")})
    milestone = Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)
    log_action(plan, "reserve.milestone.added", by=by, data={"milestone": milestone.pk, "due_on": due_on})
    return milestone


@transaction.atomic
def complete_milestone(milestone: Milestone, *, done_on: datetime.date, evidence: str, by) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("plan__owner_unit").get(pk=milestone.pk)
    if not may_edit_plan(by, milestone.plan):
        raise ValidationError(_("You may not change this plan."))
    if milestone.done_on is not None:
        raise ValidationError(_("This milestone is already completed."))
    if not evidence.strip():
        raise ValidationError({"evidence": _("Record the evidence of completion.")})
    milestone.done_on = done_on
    milestone.evidence = evidence.strip()
    milestone.save(update_fields=["done_on", "evidence"])
    log_action(milestone.plan, "reserve.milestone.completed", by=by, data={"milestone": milestone.pk})
    return milestone
