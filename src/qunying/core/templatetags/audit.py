"""`{{ value|readable }}`: an audit entry's data value as words (a list joined by 、, a mapping as 键：值；…);
`{{ entry.action|action_label }}` and `{% for key, value in entry|data_rows %}`: codes as people read them."""

from django import template
from django.template.defaultfilters import yesno

from qunying.core import audit_labels

register = template.Library()


@register.filter
def readable(value) -> str:
    if isinstance(value, dict):
        return "；".join(f"{key}：{readable(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "、".join(readable(item) for item in value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return yesno(value)  # 是 / 否 in Chinese
    return str(value)


@register.filter
def action_label(code: str) -> str:
    return audit_labels.action_label(code)


@register.filter
def data_rows(entry) -> list:
    return audit_labels.data_rows(entry.action, entry.data)
