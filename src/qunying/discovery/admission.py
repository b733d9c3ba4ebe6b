"""The door from an accepted suggestion into the reserve. The reserve sits on a floor above discovery, so it registers
its door here from its AppConfig.ready(); discovery reaches the reserve only through this door, never by import."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ReserveDoor:
    form_class: type[forms.Form]  # what the decider fills in when accepting (tier, level, category, reason)
    admit: Callable  # admit(suggestion, *, by, **form data) -> the proposed reserve entry (audited by the reserve)
    people_held: Callable[[], Iterable[int]]  # people proposed for or in the reserve: they are not suggested


_door: ReserveDoor | None = None


def register_reserve_door(door: ReserveDoor) -> None:
    global _door  # the one registration, made once from the reserve's AppConfig.ready()
    _door = door


def reserve_door() -> ReserveDoor:
    if _door is None:
        raise ImproperlyConfigured("Discovery needs the reserve app: it registers the door for accepted suggestions.")
    return _door
