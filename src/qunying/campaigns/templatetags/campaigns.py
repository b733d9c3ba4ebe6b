"""Template helpers for the results table."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def percent(value, digits: int = 1) -> str:
    """0.987 → "98.7%" (blank for no value)."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def undecided_count(rows) -> int:
    """How many result rows are marked 无法区分."""
    return sum(1 for row in rows if getattr(row, "undecided", False))
