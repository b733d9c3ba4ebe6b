"""Template helpers for star ratings: stars drawn as glyphs, and a unit's latest published stars."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qunying.branches.enums import MAX_STARS
from qunying.branches.queries import latest_stars_of_unit
from qunying.core.criteria import REGISTRY, SHARE

register = template.Library()


@register.filter
def stars(value) -> str:
    """★★★☆☆ with its meaning spelled out for screen readers."""
    count = int(value or 0)
    label = ngettext("%(count)s star", "%(count)s stars", count) % {"count": count}
    return format_html(
        '<span class="text-warning text-nowrap" title="{label}" role="img" aria-label="{label}">{full}'
        '<span class="text-body-tertiary">{empty}</span></span>',
        label=label,
        full="★" * count,
        empty="☆" * (MAX_STARS - count),
    )


@register.simple_tag
def unit_stars(unit) -> list:
    """The latest published rating of each party branch covering `unit` (one query, on any page)."""
    return latest_stars_of_unit(unit) if unit is not None else []


@register.filter
def scoring_rule(criterion) -> str:
    """How a computed criterion turns records into points, in words."""
    entry = REGISTRY.get(criterion.registry_key)
    if entry is None:
        return _("Unknown source %(key)s: counts nothing") % {"key": criterion.registry_key}
    if entry.scoring == SHARE:
        rule = _("%(source)s: the maximum times the share") % {"source": entry.label}
    else:
        rule = _("%(source)s: %(points)s points each") % {"source": entry.label, "points": criterion.points_per_record}
    if entry.parameter_format and criterion.parameter is not None:
        rule += f"（{entry.parameter_format % {'value': criterion.parameter}}）"
    return rule
