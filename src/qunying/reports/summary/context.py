"""The data of the annual summary for a year and a scope, as plain values for the template: sentences, table rows,
chart specs and the featured exemplars. Every number comes from the same queries as the dashboard."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qunying.deeds.enums import DutyEventKind
from qunying.deeds.queries import deed_figures
from qunying.honours.enums import HonourStatus
from qunying.honours.queries import honours_visible_to
from qunying.org.models import Unit
from qunying.publicity.enums import StoryStatus
from qunying.publicity.queries import stories_visible_to
from qunying.reports.queries import dashboard, optional, yearly_figures
from qunying.reports.queries.scope import ReportScope
from qunying.reserve.enums import EntryStatus, EvaluationOutcome, EvaluationStatus, Tier
from qunying.reserve.queries import entries_visible_to, evaluations_visible_to

STORY_ROWS = 20
EXEMPLARS = 12


def scope_name(scope: ReportScope) -> str:
    if scope.unit is not None:
        return scope.unit.name
    return pgettext_join([unit.name for unit in Unit.objects.filter(path__in=scope.paths()).order_by("path")])


def pgettext_join(names: list[str]) -> str:
    return pgettext("figures enumeration", ", ").join(names)


def _matrix_rows(matrix: dashboard.Matrix) -> list[dict]:
    return [
        {
            "label": row.label,
            **{str(value): cell.value for (value, _label), cell in zip(matrix.columns, row.cells, strict=True)},
            "total": row.total.value,
        }
        for row in matrix.rows
    ]


def _percent(value: float | None) -> str:
    return f"{value * 100:.1f}%" if value is not None else "—"


def deeds_part(scope: ReportScope) -> dict:

    figures = deed_figures(Unit.objects.filter(path__in=scope.paths()), scope.year)
    rows = [
        {"label": str(DutyEventKind(kind).label) if kind else _("Deeds outside a duty event"), "count": count}
        for kind, count in figures.by_kind.items()
        if count
    ]
    return {"total": figures.total, "people": figures.people, "rows": rows}


def ratings_sentences(ratings: dashboard.RatingsSummary) -> tuple[str, str]:
    replies = sum(row.replies for row in ratings.months)
    sent = sum(row.sent for row in ratings.months)
    dissatisfied = sum(row.dissatisfied for row in ratings.months)
    satisfied = sum(row.satisfied for row in ratings.months)
    basically = sum(row.basically_satisfied for row in ratings.months)
    rate = (satisfied + 0.5 * basically) / replies if replies else None
    summary = _(
        "Citizen ratings: %(replies)s valid replies to %(sent)s surveys, %(dissatisfied)s dissatisfied, "
        "satisfaction %(rate)s; %(overdue)s callbacks are overdue."
    ) % {
        "replies": replies,
        "sent": sent,
        "dissatisfied": dissatisfied,
        "rate": _percent(rate),
        "overdue": ratings.overdue_callbacks,
    }
    rated = [row for row in ratings.months if row.raw is not None]
    if rated:
        low = min(rated, key=lambda row: row.raw)
        trend = _("Satisfaction by month ranged from %(low)s (%(low_month)s) to %(high)s (%(high_month)s).") % {
            "low": _percent(low.raw),
            "low_month": f"{low.month:%Y-%m}",
            "high": _percent(max(rated, key=lambda row: row.raw).raw),
            "high_month": f"{max(rated, key=lambda row: row.raw).month:%Y-%m}",
        }
    else:
        trend = _("No citizen ratings were received in the year.")
    return summary, trend


def selections_sentence(figures) -> str:
    if not figures.selections:
        return _("No selection produced winners in the year.")
    items = pgettext_join(
        [_("'%(award)s': %(people)s") % {"award": c.award, "people": c.people} for c in figures.selections]
    )
    return _("Selections: %(items)s.") % {"items": _("selected %(items)s") % {"items": items}}


def reserve_sentence(reserve: dashboard.Matrix) -> str:
    totals = {row.label: row.total.value for row in reserve.rows}

    return _("The exemplar reserve holds %(exemplar)s exemplars, %(focus)s focus people and %(reserve)s reserves.") % {
        "exemplar": totals.get(str(Tier.EXEMPLAR.label), 0),
        "focus": totals.get(str(Tier.FOCUS.label), 0),
        "reserve": totals.get(str(Tier.RESERVE.label), 0),
    }


def coverage_sentence(coverage: dashboard.CoverageSummary) -> str:
    sentence = _(
        "Of %(units)s units, %(exemplar)s have no exemplar, %(focus)s no focus person and %(reserve)s no reserves."
    ) % {
        "units": coverage.units,
        "exemplar": coverage.missing_exemplar,
        "focus": coverage.missing_focus,
        "reserve": coverage.missing_reserve,
    }
    if coverage.gaps:
        names = pgettext_join([row.unit.name for row in coverage.gaps[:10]])
        sentence += _(" Units with gaps: %(names)s.") % {"names": names}
    return sentence


def stars_part(stars: dashboard.BranchStars) -> tuple[str, list[dict]]:
    rated = [branch for branch in stars.branches if branch.latest_stars]
    rows = [{"name": b.name, "stars": "★" * b.latest_stars, "year": b.latest_year} for b in rated]
    if not stars.branches:
        return _("No party branches are recorded in this scope."), rows
    five = sum(1 for branch in rated if branch.latest_stars == 5)
    sentence = _("Of %(branches)s party branches, %(rated)s hold a published star rating, %(five)s of them five stars.")
    return sentence % {"branches": len(stars.branches), "rated": len(rated), "five": five}, rows


def stories_part(scope: ReportScope) -> tuple[str, list[dict]]:
    """Stories published in the year (publicity.queries)."""

    stories = scope.narrow(stories_visible_to(scope.user), "unit__path").filter(
        status=StoryStatus.PUBLISHED, published_at__year=scope.year
    )
    stories = list(stories.order_by("-published_at", "-id")[: STORY_ROWS + 1])
    rows = [
        {"title": story.title, "unit": story.unit.name, "date": f"{story.published_at:%Y-%m-%d}"}
        for story in stories[:STORY_ROWS]
    ]
    more = _(" (the latest %(n)s are listed)") % {"n": STORY_ROWS} if len(stories) > STORY_ROWS else ""
    sentence = _("%(n)s stories about exemplars were published in the year%(more)s.") % {"n": len(rows), "more": more}
    return sentence, rows


def exemplars_part(scope: ReportScope) -> list[dict]:
    """Featured exemplars: people of the 典型 tier, with the honours they received in the year (two queries)."""

    entries = list(
        scope.narrow(entries_visible_to(scope.user), "person__unit__path")
        .filter(status=EntryStatus.ACTIVE, tier=Tier.EXEMPLAR)
        .order_by("person__unit__path", "person__name_pinyin", "pk")[:EXEMPLARS]
    )
    honours: dict[int, list[str]] = {}
    for person_id, award in (
        honours_visible_to(scope.user)
        .filter(Q(person__in=[entry.person_id for entry in entries]), status=HonourStatus.ACTIVE)
        .filter(awarded_on__year=scope.year)
        .order_by("awarded_on", "pk")
        .values_list("person_id", "award_type__name")
    ):
        honours.setdefault(person_id, []).append(award)
    people = []
    for entry in entries:
        summary = _("%(level)s exemplar since %(since)s.") % {
            "level": entry.get_level_display(),
            "since": f"{entry.since:%Y-%m}" if getattr(entry, "since", None) else "—",
        }
        if honours.get(entry.person_id):
            summary += _(" Honours this year: %(honours)s.") % {"honours": pgettext_join(honours[entry.person_id])}
        people.append({"name": entry.person.name, "unit": entry.person.unit.name, "summary": summary})
    return people


def summary_data(scope: ReportScope) -> tuple[dict, dict]:
    """(template values, chart specs) for the annual summary."""
    figures = yearly_figures(scope.units, scope.year)
    honours = dashboard.honours_by_type_and_level(scope)
    reserve = dashboard.reserve_by_tier_and_level(scope)
    coverage = dashboard.coverage_summary(scope)
    ratings = dashboard.ratings_summary(scope)
    stars = dashboard.branch_stars(scope)
    practice = dashboard.practice_summary(scope)
    ratings_sentence, ratings_trend = ratings_sentences(ratings)
    stars_sentence, star_rows = stars_part(stars)
    publicity_sentence, story_rows = stories_part(scope)
    publicity = optional.publicity_progress(scope)
    if publicity is not None:
        publicity_sentence = f"{publicity_sentence}{publicity.sentence()}"
    care = optional.care_items_due(scope)
    name = scope_name(scope)
    data = {
        "title": _("%(scope)s: exemplar work in %(year)s") % {"scope": name, "year": scope.year},
        "scope_name": name,
        "year": scope.year,
        "figures_sentence": figures.sentence or _("no honours or selections were recorded."),
        "deeds": deeds_part(scope),
        "ratings_sentence": ratings_sentence,
        "ratings_trend_sentence": ratings_trend,
        "honour_rows": _matrix_rows(honours),
        "selections_sentence": selections_sentence(figures),
        "reserve_sentence": reserve_sentence(reserve),
        "reserve_rows": _matrix_rows(reserve),
        "coverage_sentence": coverage_sentence(coverage),
        "practice_sentence": practice.sentence(),
        "stars_sentence": stars_sentence,
        "star_rows": star_rows,
        "publicity_sentence": publicity_sentence,
        "story_rows": story_rows,
        "care_sentence": care.sentence()
        if care is not None
        else _("Care records are kept by the care officers and are not part of this summary."),
        "evaluation_sentence": evaluation_sentence(scope),
        "exemplars": exemplars_part(scope),
    }
    charts = {"chart_honours": honours.chart(), "chart_reserve": reserve.chart(), "chart_ratings": ratings.chart()}
    return data, charts


def evaluation_sentence(scope: ReportScope) -> str:
    """The year-end evaluation (年终评估) of the year: approved outcomes and progress (one query)."""

    evaluations = scope.narrow(evaluations_visible_to(scope.user), "entry__person__unit__path").filter(
        round__year=scope.year
    )
    approved = Q(status=EvaluationStatus.APPROVED)
    totals = evaluations.order_by().aggregate(
        due=Count("pk"),
        approved=Count("pk", filter=approved),
        **{value: Count("pk", filter=approved & Q(outcome=value)) for value in EvaluationOutcome.values},
    )
    if not totals["due"]:
        return _("No year-end evaluation was held for the year.")
    outcomes = pgettext_join(
        [
            pgettext("care", "%(item)s: %(n)s") % {"item": label, "n": totals[value]}
            for value, label in EvaluationOutcome.choices
        ]
    )
    return _(
        "Year-end evaluation: %(approved)s of %(due)s exemplars evaluated and approved (%(outcomes)s), old exemplars "
        "consolidated and new ones trained."
    ) % {"approved": totals["approved"], "due": totals["due"], "outcomes": outcomes}
