"""Practice activities (事迹报告会 / 工作座谈 / 业务授课) and their materials; guidance visits and follow-up items."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.deeds.evidence import checked_evidence
from qunying.reserve.enums import ActivityKind, EntryStatus
from qunying.reserve.models import ActivityMaterial, FollowUp, GuidanceVisit, PracticeActivity, ReserveEntry
from qunying.reserve.rules import permits, policy

MAX_AUDIENCE = 100_000
MAX_MATERIALS_TEXT = 10_000
EARLIEST = datetime.date(2000, 1, 1)


def _date_error(date) -> str | None:
    if not isinstance(date, datetime.date) or date < EARLIEST:
        return _("Enter a date from 2000 on.")
    if date > timezone.localdate() + datetime.timedelta(days=366):
        return _("Enter a date within the coming year.")
    return None


def _activity_errors(*, kind, title, date, place, unit, people, audience_size, materials, by, keep=frozenset()) -> dict:
    """Field errors; people already featured (`keep`) may stay even if they have left the reserve since."""
    if unit is None:
        return {"unit": _("Choose the organising unit.")}
    policy.require(by, "add_activity", unit)
    errors = {}
    if kind not in ActivityKind.values:
        errors["kind"] = _("Choose the kind of activity.")
    if not title.strip():
        errors["title"] = _("Give the activity a title.")
    if not place.strip():
        errors["place"] = _("Enter the place.")
    if (message := _date_error(date)) is not None:
        errors["date"] = message
    if not isinstance(audience_size, int) or not 0 <= audience_size <= MAX_AUDIENCE:
        errors["audience_size"] = _("Enter an audience size between 0 and %(n)d.") % {"n": MAX_AUDIENCE}
    if len(materials) > MAX_MATERIALS_TEXT:
        errors["materials"] = _("At most %(n)d characters, please.") % {"n": MAX_MATERIALS_TEXT}
    if not people:
        errors["people"] = _("Choose at least one exemplar featured.")
    else:
        in_reserve = set(
            ReserveEntry.objects.filter(person__in=people, status=EntryStatus.ACTIVE).values_list(
                "person_id", flat=True
            )
        )
        outside = [
            p.name for p in people if p.pk not in keep and (p.pk not in in_reserve or not permits(by, "propose_for", p))
        ]
        if outside:
            errors["people"] = _("Not in the reserve of your units: %(names)s") % {"names": "、".join(outside)}
    return errors


def _checked(upload, description: str) -> tuple:
    """The file checked before anything is written: type from the content, size limit, images without EXIF."""
    description = description.strip()
    if len(description) > 200:
        raise ValidationError({"description": _("At most %(n)d characters, please.") % {"n": 200}})
    return (*checked_evidence(upload), description)


def _store(activity, upload, checked: tuple, by) -> ActivityMaterial:
    content, file_type, size, description = checked
    material = ActivityMaterial(
        activity=activity,
        file_type=file_type,
        size=size,
        original_filename=(getattr(upload, "name", "") or "material").strip()[-255:],
        description=description,
        uploaded_by=by,
    )
    material.file.save(f"material.{file_type}", content, save=False)
    try:
        material.save()
    except Exception:
        material.file.delete(save=False)
        raise
    log_action(activity, "reserve.activity.material_added", by=by, data={"material": material.pk, "type": file_type})
    return material


@transaction.atomic
def create_activity(
    *, kind, title, date, place, unit, people, audience_size, materials="", upload=None, by
) -> PracticeActivity:
    """Record an activity with the exemplars it featured; an uploaded file is checked before anything is saved."""
    people = list(people)
    errors = _activity_errors(
        kind=kind,
        title=title,
        date=date,
        place=place,
        unit=unit,
        people=people,
        audience_size=audience_size,
        materials=materials,
        by=by,
    )
    if errors:
        raise ValidationError(errors)
    checked = _checked(upload, "") if upload is not None else None
    activity = PracticeActivity.objects.create(
        kind=kind,
        title=title.strip(),
        date=date,
        place=place.strip(),
        unit=unit,
        audience_size=audience_size,
        materials=materials.strip(),
        created_by=by,
    )
    activity.people.set(people)
    log_action(
        activity,
        "reserve.activity.created",
        by=by,
        data={"kind": kind, "date": date, "unit": unit.pk, "people": [p.pk for p in people]},
    )
    if checked is not None:
        _store(activity, upload, checked, by)
    return activity


@transaction.atomic
def update_activity(
    activity: PracticeActivity, *, kind, title, date, place, unit, people, audience_size, materials="", by
) -> PracticeActivity:
    activity = PracticeActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    policy.require(by, "change_activity", activity)
    people = list(people)
    errors = _activity_errors(
        kind=kind,
        title=title,
        date=date,
        place=place,
        unit=unit,
        people=people,
        audience_size=audience_size,
        materials=materials,
        by=by,
        keep=set(activity.people.values_list("pk", flat=True)),
    )
    if errors:
        raise ValidationError(errors)
    before = {"kind": activity.kind, "date": activity.date, "unit": activity.unit_id}
    activity.kind, activity.title, activity.date, activity.place = kind, title.strip(), date, place.strip()
    activity.unit, activity.audience_size, activity.materials = unit, audience_size, materials.strip()
    activity.save(update_fields=["kind", "title", "date", "place", "unit", "audience_size", "materials"])
    activity.people.set(people)
    log_action(
        activity,
        "reserve.activity.updated",
        by=by,
        data={
            "before": before,
            "after": {"kind": kind, "date": date, "unit": unit.pk},
            "people": [p.pk for p in people],
        },
    )
    return activity


@transaction.atomic
def attach_material(activity: PracticeActivity, *, upload, description: str = "", by) -> ActivityMaterial:
    policy.require(by, "change_activity", activity)
    return _store(activity, upload, _checked(upload, description), by)


@transaction.atomic
def remove_material(material: ActivityMaterial, *, by) -> None:
    policy.require(by, "change_activity", material.activity)
    log_action(
        material.activity,
        "reserve.activity.material_removed",
        by=by,
        data={"material": material.pk, "name": material.original_filename},
    )
    name, storage = material.file.name, material.file.storage
    material.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Guidance visits (调研指导) ---------------------------------------------------------------------------------------


def _visit_errors(*, unit, date, visitors, findings, by) -> dict:
    if unit is None:
        return {"unit": _("Choose the unit visited.")}
    policy.require(by, "add_visit", unit)
    errors = {}
    if (message := _date_error(date)) is not None:
        errors["date"] = message
    elif date > timezone.localdate():
        errors["date"] = _("A visit is recorded once it has taken place.")
    if not visitors.strip():
        errors["visitors"] = _("Name the visitors.")
    if not findings.strip():
        errors["findings"] = _("Record the findings of the visit.")
    return errors


@transaction.atomic
def create_visit(*, unit, date, visitors: str, findings: str, by) -> GuidanceVisit:
    errors = _visit_errors(unit=unit, date=date, visitors=visitors, findings=findings, by=by)
    if errors:
        raise ValidationError(errors)
    visit = GuidanceVisit.objects.create(
        unit=unit, date=date, visitors=visitors.strip(), findings=findings.strip(), created_by=by
    )
    log_action(visit, "reserve.visit.created", by=by, data={"unit": unit.pk, "date": date})
    return visit


@transaction.atomic
def update_visit(visit: GuidanceVisit, *, unit, date, visitors: str, findings: str, by) -> GuidanceVisit:
    visit = GuidanceVisit.objects.select_for_update().select_related("unit").get(pk=visit.pk)
    policy.require(by, "change_visit", visit)
    errors = _visit_errors(unit=unit, date=date, visitors=visitors, findings=findings, by=by)
    if errors:
        raise ValidationError(errors)
    before = {"unit": visit.unit_id, "date": visit.date}
    visit.unit, visit.date, visit.visitors, visit.findings = unit, date, visitors.strip(), findings.strip()
    visit.save(update_fields=["unit", "date", "visitors", "findings"])
    log_action(visit, "reserve.visit.updated", by=by, data={"before": before, "after": {"unit": unit.pk, "date": date}})
    return visit


@transaction.atomic
def add_follow_up(visit: GuidanceVisit, *, title: str, owner: str, due_on, by) -> FollowUp:
    policy.require(by, "change_visit", visit)
    errors = {}
    if not title.strip():
        errors["title"] = _("Describe the follow-up item.")
    if not owner.strip():
        errors["owner"] = _("Name who is responsible.")
    if not isinstance(due_on, datetime.date) or due_on < visit.date:
        errors["due_on"] = _("The due date cannot be before the visit.")
    if errors:
        raise ValidationError(errors)
    item = FollowUp.objects.create(visit=visit, title=title.strip(), owner=owner.strip(), due_on=due_on)
    log_action(visit, "reserve.visit.follow_up_added", by=by, data={"item": item.pk, "due_on": due_on})
    return item


@transaction.atomic
def complete_follow_up(item: FollowUp, *, done_on, note: str, by) -> FollowUp:
    item = FollowUp.objects.select_for_update().select_related("visit__unit").get(pk=item.pk)
    policy.require(by, "complete_follow_up", item)
    errors = {}
    if not isinstance(done_on, datetime.date) or done_on > timezone.localdate() or done_on < item.visit.date:
        errors["done_on"] = _("Enter a completion date between the visit and today.")
    if not note.strip():
        errors["note"] = _("Describe what was done.")
    if errors:
        raise ValidationError(errors)
    item.done_on, item.done_note = done_on, note.strip()
    item.save(update_fields=["done_on", "done_note"])
    log_action(item.visit, "reserve.visit.follow_up_done", by=by, data={"item": item.pk, "done_on": done_on})
    return item
