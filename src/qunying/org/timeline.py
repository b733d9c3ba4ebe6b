"""A person's timeline: each module contributes dated events through a provider; the profile shows them in order."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from qunying.core.models import AuditEntry
from qunying.org.models import Person, Unit


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date
    title: str
    detail: str = ""
    icon: str = "dot"
    url: str = ""


Provider = Callable[[Person], Iterable[TimelineEvent]]
_providers: list[Provider] = []


def timeline_provider(provider: Provider) -> Provider:
    """Register a provider; later modules (deeds, honours, reserve …) add theirs in their AppConfig.ready()."""
    _providers.append(provider)
    return provider


def timeline_for(person: Person) -> list[TimelineEvent]:
    events = [event for provider in _providers for event in provider(person)]
    return sorted(events, key=lambda event: event.date, reverse=True)


@timeline_provider
def service_milestones(person: Person) -> Iterable[TimelineEvent]:
    if person.joined_work_on:
        yield TimelineEvent(person.joined_work_on, _("Joined work"), icon="briefcase")
    if person.joined_police_on:
        yield TimelineEvent(person.joined_police_on, _("Joined the police"), icon="shield")


@timeline_provider
def transfers(person: Person) -> Iterable[TimelineEvent]:
    entries = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Person),
            object_id=str(person.pk),
            action="org.person.transferred",
        ).values_list("created_at", "data")
    )
    unit_ids = {data.get(key) for _, data in entries for key in ("from", "to")}
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    for created_at, data in entries:
        detail = _("%(from)s → %(to)s") % {
            "from": names.get(data.get("from"), "?"),
            "to": names.get(data.get("to"), "?"),
        }
        yield TimelineEvent(created_at.date(), _("Transferred"), detail=detail, icon="arrow-left-right")
