"""Media placements and outreach events: recorded by the unit's publicity staff, optionally matched to a plan item
at creation (or afterwards from the plan page)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.publicity.enums import Channel, OutreachKind
from qunying.publicity.models import MediaPlacement, OutreachEvent
from qunying.publicity.rules import policy
from qunying.publicity.services.plans import link_plan_item

URL_SCHEMES = ["http", "https"]


def _check_date(errors: dict, date) -> None:
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Please enter the date.")]
    elif date > timezone.localdate():
        errors["date"] = [_("The date cannot be in the future.")]


def _text(errors: dict, field: str, value: str, limit: int, message: str, *, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = [message]
    elif len(value) > limit:
        errors[field] = [_("At most %(n)d characters.") % {"n": limit}]
    return value


def _check_placement(fields: dict) -> dict:
    errors: dict[str, list] = {}
    fields["outlet"] = _text(errors, "outlet", fields.get("outlet"), 100, _("Please name the outlet."))
    fields["title"] = _text(errors, "title", fields.get("title"), 200, _("Please enter a title."))
    if fields.get("channel") not in Channel.values:
        errors["channel"] = [_("Please choose a channel.")]
    _check_date(errors, fields.get("date"))
    url = (fields.get("url") or "").strip()
    if url:
        try:  # only web links: a javascript: or data: "link" is refused, not stored
            URLValidator(schemes=URL_SCHEMES)(url)
        except ValidationError:
            errors["url"] = [_("Please enter a web address beginning with http:// or https://.")]
    fields["url"] = url
    reach = fields.get("reach")
    if reach is not None and (not isinstance(reach, int) or reach < 0):
        errors["reach"] = [_("The reach is a number of people.")]
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_placement(*, unit, people: Iterable = (), story=None, plan_item=None, by, **fields) -> MediaPlacement:
    policy.require(by, "write_for", unit)
    fields = _check_placement(fields)
    placement = MediaPlacement.objects.create(unit=unit, story=story, created_by=_user(by), **fields)
    people = list(people)
    placement.people.set(people)
    if plan_item is not None:
        link_plan_item(plan_item, placement, by=by)
    log_action(
        placement,
        "publicity.placement.created",
        by=by,
        data={"outlet": placement.outlet, "channel": placement.channel, "people": [p.pk for p in people]},
    )
    return placement


@transaction.atomic
def update_placement(placement: MediaPlacement, *, people: Iterable = (), story=None, by, **fields) -> MediaPlacement:
    policy.require(by, "change_placement", placement)
    fields = _check_placement(fields)
    for name, value in fields.items():
        setattr(placement, name, value)
    placement.story = story
    placement.save()
    people = list(people)
    placement.people.set(people)
    log_action(placement, "publicity.placement.updated", by=by, data={**fields, "people": [p.pk for p in people]})
    return placement


def _check_event(fields: dict, speakers: list) -> dict:
    errors: dict[str, list] = {}
    fields["title"] = _text(errors, "title", fields.get("title"), 200, _("Please enter a title."))
    fields["place"] = _text(errors, "place", fields.get("place"), 200, _("Please enter the place."))
    fields["audience"] = _text(errors, "audience", fields.get("audience"), 200, "", required=False)
    if fields.get("kind") not in OutreachKind.values:
        errors["kind"] = [_("Please choose the kind of event.")]
    _check_date(errors, fields.get("date"))
    if not speakers:
        errors["speakers"] = [_("Please name at least one speaker.")]
    count = fields.get("audience_count")
    if count is not None and (not isinstance(count, int) or count < 0):
        errors["audience_count"] = [_("The audience size is a number of people.")]
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def create_event(*, unit, speakers: Iterable, plan_item=None, by, **fields) -> OutreachEvent:
    policy.require(by, "write_for", unit)
    speakers = list(speakers)
    fields = _check_event(fields, speakers)
    event = OutreachEvent.objects.create(unit=unit, created_by=_user(by), **fields)
    event.speakers.set(speakers)
    if plan_item is not None:
        link_plan_item(plan_item, event, by=by)
    log_action(event, "publicity.event.created", by=by, data={"kind": event.kind, "speakers": [p.pk for p in speakers]})
    return event


@transaction.atomic
def update_event(event: OutreachEvent, *, speakers: Iterable, by, **fields) -> OutreachEvent:
    policy.require(by, "change_event", event)
    speakers = list(speakers)
    fields = _check_event(fields, speakers)
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    event.speakers.set(speakers)
    log_action(event, "publicity.event.updated", by=by, data={**fields, "speakers": [p.pk for p in speakers]})
    return event


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None
