"""State changes along a declared transitions map: the one check every service's state change goes through."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def transition(obj, target: str, transitions: Mapping, *, field: str = "status", message=None) -> list[str]:
    """Set `obj.<field>` to `target` when `transitions` allows it from the current state, else raise a
    ValidationError naming both states (or `message`). Returns the fields to pass to `save(update_fields=…)`."""
    current = getattr(obj, field)
    if target not in transitions.get(current, ()):
        if message is None:
            message = _("This step is not possible now: it cannot go from “%(from)s” to “%(to)s”.")
        raise ValidationError(message, params={"from": _label(obj, field, current), "to": _label(obj, field, target)})
    setattr(obj, field, target)
    return [field]


def _label(obj, field: str, value) -> str:
    choices = dict(obj._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))
