"""Template filters for ratings pages: rates as percentages, and citizens' texts with long numbers masked."""

from django import template

from qunying.feedback.parsing import redact_numbers

register = template.Library()


@register.filter
def percent(value, digits: int = 1) -> str:
    """0.9834 → 98.3%; None → —."""
    if value is None or value == "":
        return "—"
    return f"{100 * float(value):.{int(digits)}f}%"


@register.filter
def redact(value) -> str:
    """A phone or ID number typed into a reply never reaches a page."""
    return redact_numbers(str(value or ""))
