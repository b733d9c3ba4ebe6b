"""The data of the annual summary for a year and a scope, as plain values for the template: sentences, table rows,
chart specs and the featured exemplars. The year's records come from the same queries as the dashboard; states
(reserve tiers, coverage, overdue callbacks, undelivered honours, star ratings) are those at the end of the year
(summary.asof), or today's for a year not yet over, said so in the sentence."""

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
from qunying.reports.summary import asof
from qunying.reserve.enums import CultivationLevel, EvaluationOutcome, EvaluationStatus, Tier
from qunying.reserve.queries import evaluations_visible_to

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


def ratings_sentences(ratings: dashboard.RatingsSummary, *, overdue: int, moment: asof.Moment) -> tuple[str, str]:
    replies = sum(row.replies for row in ratings.months)
    sent = sum(row.sent for row in ratings.months)
    dissatisfied = sum(row.dissatisfied for row in ratings.months)
    satisfied = sum(row.satisfied for row in ratings.months)
    basically = sum(row.basically_satisfied for row in ratings.months)
    rate = (satisfied + 0.5 * basically) / replies if replies else None
    summary = _(
        "Citizen ratings: %(replies)s valid replies to %(sent)s surveys, %(dissatisfied)s dissatisfied, "
        "satisfaction %(rate)s; %(overdue)s callbacks were overdue %(when)s."
    ) % {
        "replies": replies,
        "sent": sent,
        "dissatisfied": dissatisfied,
        "rate": _percent(rate),
        "overdue": overdue,
        "when": as_of_words(moment),
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


def reserve_sentence(reserve: dashboard.Matrix, moment: asof.Moment) -> str:
    totals = {row.label: row.total.value for row in reserve.rows}
    sentence = _(
        "%(when)s the exemplar reserve held %(exemplar)s exemplars, %(focus)s focus people and %(reserve)s reserves."
    )
    return sentence % {
        "when": as_of_words(moment),
        "exemplar": totals.get(str(Tier.EXEMPLAR.label), 0),
        "focus": totals.get(str(Tier.FOCUS.label), 0),
        "reserve": totals.get(str(Tier.RESERVE.label), 0),
    }


def coverage_sentence(coverage: dashboard.CoverageSummary, moment: asof.Moment) -> str:
    sentence = _(
        "%(when)s, of %(units)s units, %(exemplar)s had no exemplar, %(focus)s no focus person and %(reserve)s no "
        "reserves."
    ) % {
        "when": as_of_words(moment),
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


def exemplars_part(scope: ReportScope, held: list[asof.EntryThen]) -> list[dict]:
    """Featured exemplars: people of the 典型 tier at the summary's moment, with the honours they received in the year
    (one query beyond the tiers)."""

    entries = [item for item in held if item.tier == Tier.EXEMPLAR][:EXEMPLARS]
    honours: dict[int, list[str]] = {}
    for person_id, award in (
        honours_visible_to(scope.user)
        .filter(Q(person__in=[item.entry.person_id for item in entries]), status=HonourStatus.ACTIVE)
        .filter(awarded_on__year=scope.year)
        .order_by("awarded_on", "pk")
        .values_list("person_id", "award_type__name")
    ):
        honours.setdefault(person_id, []).append(award)
    people = []
    for item in entries:
        entry = item.entry
        summary = _("%(level)s exemplar since %(since)s.") % {
            "level": entry.get_level_display(),
            "since": f"{item.since:%Y-%m}",
        }
        if honours.get(entry.person_id):
            summary += _(" Honours this year: %(honours)s.") % {"honours": pgettext_join(honours[entry.person_id])}
        people.append({"name": entry.person.name, "unit": entry.person.unit.name, "summary": summary})
    return people


def as_of_words(moment: asof.Moment) -> str:
    """How a figure's moment reads in a sentence: "at the end of 2022", or "as of today (2026-12-07)"."""
    if moment.year_over:
        return _("at the end of %(year)s") % {"year": moment.day.year}
    return _("as of today (%(date)s)") % {"date": f"{moment.day:%Y-%m-%d}"}


def reserve_then(held: list[asof.EntryThen]) -> dashboard.Matrix:
    """The reserve by tier and cultivation level at the summary's moment (the dashboard's matrix, without links)."""
    counts: dict[tuple[str, str], int] = {}
    for item in held:
        key = (item.tier, item.entry.level)
        counts[key] = counts.get(key, 0) + 1
    matrix = dashboard.Matrix(columns=[(level.value, str(level.label)) for level in CultivationLevel])
    for tier in (Tier.EXEMPLAR, Tier.FOCUS, Tier.RESERVE):
        cells = [dashboard.Cell(counts.get((tier, value), 0), "") for value, _label in matrix.columns]
        total = dashboard.Cell(sum(cell.value for cell in cells), "")
        matrix.rows.append(dashboard.MatrixRow(str(Tier(tier).label), cells, total))
    return matrix


def coverage_then(scope: ReportScope, held: list[asof.EntryThen]) -> dashboard.CoverageSummary:
    rows = asof.coverage_then(scope, held)
    return dashboard.CoverageSummary(
        units=len(rows),
        missing_exemplar=sum(not row.has_exemplar for row in rows),
        missing_focus=sum(not row.has_focus for row in rows),
        missing_reserve=sum(not row.has_reserve for row in rows),
        gaps=[row for row in rows if row.gaps],
    )


def care_sentence(scope: ReportScope, moment: asof.Moment) -> str:
    """A past year: the honours still undelivered at its end. The current year: today's care items, said to be
    today's."""
    if moment.year_over:
        undelivered = asof.undelivered_honours_then(scope, moment)
        return _("%(n)s honours were still awaiting delivery %(when)s.") % {
            "n": undelivered,
            "when": as_of_words(moment),
        }
    care = optional.care_items_due(scope)
    if care is None:
        return _("Care records are kept by the care officers and are not part of this summary.")
    return _("As of today (%(date)s): %(items)s") % {"date": f"{moment.day:%Y-%m-%d}", "items": care.sentence()}


def summary_data(scope: ReportScope) -> tuple[dict, dict]:
    """(template values, chart specs) for the annual summary: every figure as of the end of its year (today for a
    year not yet over, and then said so)."""
    moment = asof.moment_of(scope.year)
    held = asof.entries_then(scope, moment)
    figures = yearly_figures(scope.units, scope.year)
    honours = dashboard.honours_by_type_and_level(scope)
    reserve = reserve_then(held)
    coverage = coverage_then(scope, held)
    ratings = dashboard.ratings_summary(scope)
    stars = dashboard.BranchStars(branches=asof.branches_then(scope, moment))
    practice = dashboard.practice_summary(scope)
    ratings_sentence, ratings_trend = ratings_sentences(
        ratings, overdue=asof.overdue_callbacks_then(scope, moment), moment=moment
    )
    stars_sentence, star_rows = stars_part(stars)
    publicity_sentence, story_rows = stories_part(scope)
    publicity = optional.publicity_progress(scope)
    if publicity is not None:
        publicity_sentence = f"{publicity_sentence}{publicity.sentence()}"
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
        "reserve_sentence": reserve_sentence(reserve, moment),
        "reserve_rows": _matrix_rows(reserve),
        "coverage_sentence": coverage_sentence(coverage, moment),
        "practice_sentence": practice.sentence(),
        "stars_sentence": stars_sentence,
        "star_rows": star_rows,
        "publicity_sentence": publicity_sentence,
        "story_rows": story_rows,
        "care_sentence": care_sentence(scope, moment),
        "evaluation_sentence": evaluation_sentence(scope),
        "exemplars": exemplars_part(scope, held),
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
