"""`{{ user|person_label }}`: 姓名（单位） instead of a login (core.people)."""

from django import template

from qunying.core.people import person_label as label_of

register = template.Library()


@register.filter
def person_label(user) -> str:
    return label_of(user)
