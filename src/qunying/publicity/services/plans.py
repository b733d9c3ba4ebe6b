"""The quarterly publicity plan: a unit's plan per quarter, its items with owner and due date, and each item matched
to the placement, event or story that carried it out (when the record is made, or afterwards from the plan page)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.core.policy import covering_paths
from qunying.core.services import log_action
from qunying.publicity.enums import PlanItemKind
from qunying.publicity.models import MediaPlacement, OutreachEvent, PlanItem, PublicityPlan, Story
from qunying.publicity.rules import policy

RECORD_KINDS = {MediaPlacement: PlanItemKind.PLACEMENT, OutreachEvent: PlanItemKind.EVENT, Story: PlanItemKind.STORY}


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, following - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@transaction.atomic
def create_plan(*, unit, year: int, quarter: int, by) -> PublicityPlan:
    policy.require(by, "write_for", unit)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise ValidationError({"quarter": [_("Please choose a quarter.")]})
    if PublicityPlan.objects.filter(unit=unit, year=year, quarter=quarter).exists():
        raise ValidationError(_("This unit already has a plan for that quarter."))
    plan = PublicityPlan.objects.create(unit=unit, year=year, quarter=quarter)
    log_action(plan, "publicity.plan.created", by=by, data={"unit": unit.pk, "year": year, "quarter": quarter})
    return plan


@transaction.atomic
def add_plan_item(plan: PublicityPlan, *, kind: str, title: str, owner: str, due_on, by) -> PlanItem:
    policy.require(by, "edit_plan", plan)
    errors: dict[str, list] = {}
    title, owner = (title or "").strip(), (owner or "").strip()
    if kind not in PlanItemKind.values:
        errors["kind"] = [_("Please choose what is planned.")]
    if not title:
        errors["title"] = [_("Please enter a title.")]
    elif len(title) > 200:
        errors["title"] = [_("At most %(n)d characters.") % {"n": 200}]
    if not owner:
        errors["owner"] = [_("Please name who is responsible.")]
    elif len(owner) > 50:
        errors["owner"] = [_("At most %(n)d characters.") % {"n": 50}]
    first, last = quarter_bounds(plan.year, plan.quarter)
    if not isinstance(due_on, datetime.date):
        errors["due_on"] = [_("Please enter the due date.")]
    elif not first <= due_on <= last:
        errors["due_on"] = [_("The due date must fall within the plan's quarter.")]
    if errors:
        raise ValidationError(errors)
    item = PlanItem.objects.create(plan=plan, kind=kind, title=title, owner=owner, due_on=due_on)
    log_action(plan, "publicity.plan.item_added", by=by, data={"item": item.pk, "kind": kind, "due_on": due_on})
    return item


@transaction.atomic
def link_plan_item(item: PlanItem, record, *, by) -> PlanItem:
    """`record` (a placement, event or story of the plan's unit subtree) carries out `item`, an item of its kind not
    carried out yet: the one door for both a new record and a match made from the plan page (audited by its
    caller: the record's creation, or the match)."""
    item = PlanItem.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=item.pk)
    policy.require(by, "match_plan_item", item)
    kind = RECORD_KINDS.get(type(record))
    if kind is None:
        raise ValidationError(_("Please choose what carried out this item."))
    if item.kind != kind:
        raise ValidationError({"plan_item": [_("This plan item is for another kind of work.")]})
    if item.plan.unit.path not in covering_paths(record.unit.path):
        raise ValidationError({"plan_item": [_("This plan item belongs to another unit's plan.")]})
    if PlanItem.objects.filter(**{kind: record}).exclude(pk=item.pk).exists():
        raise ValidationError(_("This record already carries out another plan item."))
    setattr(item, kind, record)
    item.save(update_fields=[kind])
    return item


@transaction.atomic
def match_plan_item(item: PlanItem, *, record, by) -> PlanItem:
    """Mark an item done by the placement, event or story that carried it out (of the plan's unit subtree)."""
    item = link_plan_item(item, record, by=by)
    kind = RECORD_KINDS[type(record)]
    log_action(item.plan, "publicity.plan.item_matched", by=by, data={"item": item.pk, kind: record.pk})
    item.refresh_from_db()
    return item
