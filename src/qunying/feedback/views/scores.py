"""Score pages: the dashboard with monthly trends, officers ranked by shrunk score, one officer's ratings."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.policy import within
from qunying.feedback.forms import OfficerFilterForm, PeriodForm
from qunying.feedback.queries import (
    RankedOfficers,
    callbacks_visible_to,
    officer_scores,
    officer_trend,
    officers_visible_to,
    overdue_callbacks,
    ranked_officer_ids,
    rating_months_visible_to,
    replies_about,
    replies_to_code_visible_to,
    scored_people,
    summary_figures,
    summary_totals,
    summary_trend,
    trend_window,
)
from qunying.feedback.scoring import priors_of
from qunying.org.enums import PostType
from qunying.org.models import Person
from qunying.org.queries import units_visible_to

TREND_MONTHS = 24
TOP_OFFICERS = 10
RECENT_COMMENTS = 20
CHART_WIDTH, CHART_HEIGHT = 720, 160


def peer_group_label(group: str) -> str:
    return PostType(group).label if group in PostType.values else _("All officers")


def trend_chart(rows) -> dict:
    """Bar geometry for the monthly replies chart, drawn as inline SVG (attributes, not style: CSP allows it)."""
    if not rows:
        return {}
    step = CHART_WIDTH / len(rows)
    tallest = max(row.replies for row in rows) or 1
    bars = []
    for index, row in enumerate(rows):
        height = round((CHART_HEIGHT - 20) * row.replies / tallest, 1)
        bars.append(
            {
                "x": round(index * step + 2, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "width": round(max(step - 4, 1), 1),
                "height": height,
                "row": row,
                "warn": bool(row.dissatisfied),
            }
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT}


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The ratings of the units in scope; an officer without a staff role is sent to their own ratings."""

    permission_required = "feedback.view_ratings"
    template_name = "feedback/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        own_only = user.is_authenticated and not user.has_perm(self.permission_required)
        if own_only and user.has_perm("feedback.view_own_ratings"):
            return redirect("feedback:my_ratings")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = PeriodForm(self.request.GET or None)
        period = form.period()
        # Every figure from the per unit-month summaries in scope, never the raw surveys and replies.
        months = rating_months_visible_to(user)
        totals = {name: value or 0 for name, value in summary_figures(months, period).items()}
        figures = {
            "interactions": totals["interactions"],
            "sampled": totals["sampled"],
            "sent": totals["delivered"],
            "replied": totals["answered"],
        }
        ratings = {
            "satisfied": totals["satisfied"],
            "basic": totals["basically_satisfied"],
            "dissatisfied": totals["dissatisfied"],
        }
        ratings["n"] = sum(ratings.values())
        raw = (ratings["satisfied"] + 0.5 * ratings["basic"]) / ratings["n"] if ratings["n"] else None
        since, until = trend_window(period, TREND_MONTHS)
        trend = summary_trend(months, since=since, until=until)
        scores = officer_scores(period)
        top_ids = ranked_officer_ids(officers_visible_to(user).exclude(user=user), scores, limit=TOP_OFFICERS)
        return super().get_context_data(
            form=form,
            period=period,
            figures=figures,
            ratings=ratings,
            raw=raw,
            reply_rate=ratings["n"] / figures["sent"] if figures["sent"] else None,
            trend=trend,
            chart=trend_chart(trend),
            priors=[(peer_group_label(prior.group), prior) for prior in priors_of(scores)],
            top=scored_people(top_ids, scores),
            overdue=overdue_callbacks(callbacks_visible_to(user)).count(),
            to_code=replies_to_code_visible_to(user).count(),
            interactions_total=summary_totals(months)["interactions"] or 0,
            **kwargs,
        )


class OfficerScoreListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "feedback.view_ratings"
    template_name = "feedback/officer_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = OfficerFilterForm(self.request.GET or None, units=units_visible_to(user))
        period, filters = form.period(), form.filters()
        people = officers_visible_to(user)
        if filters["unit"] is not None:
            people = people.filter(within("unit__path", filters["unit"].path))
        if filters["post_type"]:
            people = people.filter(post_type=filters["post_type"])
        scores = officer_scores(period)
        rows = RankedOfficers(ranked_officer_ids(people, scores), scores)
        return super().get_context_data(form=form, period=period, page=paginate(self.request, rows), **kwargs)


class OfficerRatingsPage(TemplateView):
    """One officer's ratings: their score against their peers, month by month, and what citizens wrote (numbers
    masked). The officer themself reads this page too; it never shows a citizen's phone."""

    template_name = "feedback/officer_detail.html"

    def get_context_data(self, **kwargs):
        person = self.object
        form = PeriodForm(self.request.GET or None)
        period = form.period()
        scores = officer_scores(period)
        replies = replies_about(person)
        since, until = trend_window(period, TREND_MONTHS)
        comments = (
            replies.filter(counted=True)
            .exclude(comment="")
            .only("received_at", "rating", "comment")
            .order_by("-received_at")[:RECENT_COMMENTS]
        )
        return super().get_context_data(
            person=person,
            form=form,
            period=period,
            score=scores.get(person.pk),
            peers=sum(1 for s in scores.values() if s.tally.post_type == person.post_type),
            trend=officer_trend(person, since=since, until=until),
            comments=comments,
            own=person.user_id == self.request.user.pk,
            **kwargs,
        )


class OfficerRatingsView(ScopedObjectMixin, OfficerRatingsPage):
    permission_required = "feedback.view_officer_ratings"

    def scope(self, user):
        return officers_visible_to(user)


class MyRatingsView(LoginRequiredMixin, PermissionRequiredMixin, OfficerRatingsPage):
    """The signed-in officer's own record, found through their account (not a unit scope)."""

    permission_required = "feedback.view_own_ratings"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(Person.objects.select_related("unit"), user=request.user)
        return super().dispatch(request, *args, **kwargs)
