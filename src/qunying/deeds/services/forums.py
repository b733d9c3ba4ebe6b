"""Forum writes: record a 警民座谈, its feedback items, and turn an item naming officers into a proposed deed."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.deeds.enums import DeedSource, HazardLevel
from qunying.deeds.models import Deed, Forum, ForumFeedback
from qunying.deeds.rules import policy
from qunying.deeds.services.common import clean_text
from qunying.deeds.services.deeds import Participant, create_deed
from qunying.org.models import Person, Unit

FEEDBACK_MAX = 5_000


def _check_forum(*, date, place, units) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if date is None:
        errors["date"] = [_("Please enter the date.")]
    elif date > timezone.localdate():
        errors["date"] = [_("A forum cannot be recorded before it takes place.")]
    if not place:
        errors["place"] = [_("Please enter the place.")]
    if not units:
        errors["units"] = [_("Please choose at least one participating unit.")]
    return errors


@transaction.atomic
def create_forum(
    *,
    date: datetime.date,
    place: str,
    unit: Unit,
    units: list[Unit],
    attendees: int = 0,
    notes: str = "",
    by,
) -> Forum:
    policy.require(by, "record_for", unit)
    place = clean_text(place)
    if errors := _check_forum(date=date, place=place, units=units):
        raise ValidationError(errors)
    forum = Forum.objects.create(
        date=date,
        place=place,
        unit=unit,
        attendees=attendees,
        notes=clean_text(notes),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    forum.units.set(units)
    log_action(forum, "deeds.forum.created", by=by, data={"date": date, "place": place, "unit": unit.pk})
    return forum


@transaction.atomic
def update_forum(
    forum: Forum, *, date: datetime.date, place: str, units: list[Unit], attendees: int, notes: str, by
) -> Forum:
    policy.require(by, "change_forum", forum)
    place = clean_text(place)
    if errors := _check_forum(date=date, place=place, units=units):
        raise ValidationError(errors)
    new = {"date": date, "place": place, "attendees": attendees, "notes": clean_text(notes)}
    changes = {field: [getattr(forum, field), value] for field, value in new.items() if getattr(forum, field) != value}
    before_units, after_units = set(forum.units.values_list("pk", flat=True)), {u.pk for u in units}
    if before_units != after_units:
        changes["units"] = [sorted(before_units), sorted(after_units)]
        forum.units.set(units)
    if changes:
        for field, value in new.items():
            setattr(forum, field, value)
        forum.save(update_fields=list(new))
        log_action(forum, "deeds.forum.updated", by=by, data=changes)
    return forum


@transaction.atomic
def add_forum_feedback(forum: Forum, *, text: str, officers: list[Person], by) -> ForumFeedback:
    policy.require(by, "change_forum", forum)
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Please enter what was said.")})
    if len(text) > FEEDBACK_MAX:
        raise ValidationError({"text": _("The feedback may be at most %(n)d characters.") % {"n": FEEDBACK_MAX}})
    item = ForumFeedback.objects.create(forum=forum, text=text)
    item.officers.set(officers)
    log_action(
        item, "deeds.forum_feedback.added", by=by, data={"forum": forum.pk, "officers": [p.pk for p in officers]}
    )
    return item


@transaction.atomic
def convert_feedback_to_deed(
    item: ForumFeedback, *, title: str, hazard: str = HazardLevel.NONE, narrative: str = "", by
) -> Deed:
    """The officers the item names become the people of a proposed deed (source: forum), linked back to the item."""
    policy.require(by, "change_forum", item.forum)
    if item.deed_id is not None:
        raise ValidationError(_("This feedback has already become a deed."))
    officers = list(item.officers.select_related("unit").order_by("name_pinyin"))
    if not officers:
        raise ValidationError(_("This feedback names no officer, so it cannot become a deed."))
    deed = create_deed(
        title=title,
        participants=[Participant(person=person) for person in officers],
        date=item.forum.date,
        narrative=clean_text(narrative) or item.text,
        hazard=hazard,
        source=DeedSource.FORUM,
        by=by,
    )
    item.deed = deed
    item.save(update_fields=["deed"])
    log_action(item, "deeds.forum_feedback.converted", by=by, data={"deed": deed.pk})
    return deed
