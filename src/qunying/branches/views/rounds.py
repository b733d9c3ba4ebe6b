"""Round pages: the rounds, one round's ratings, create, open / refresh / close, the comparison table, the export."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.branches import services
from qunying.branches.forms import RatingFilterForm, RoundForm
from qunying.branches.queries import (
    annotate_exemplar_points,
    annotate_round_progress,
    exemplar_scores_by_rating,
    filter_ratings,
    ratings_visible_to,
    rounds_visible_to,
    schemes_visible_to,
    units_for_branches,
)
from qunying.branches.views.common import run_service
from qunying.core.exports import workbook_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class RoundListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "branches.view_rounds"
    template_name = "branches/round_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        rounds = annotate_round_progress(rounds_visible_to(user), user=user).order_by("-scheme__year", "unit__path")
        return super().get_context_data(page=paginate(self.request, rounds), **kwargs)


class RoundCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "branches.add_round"
    template_name = "branches/round_form.html"
    form_class = RoundForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "schemes": schemes_visible_to(user).order_by("-year", "name"),
            "units": units_for_branches(user),
        }

    def form_valid(self, form):
        try:
            rating_round = services.create_round(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Round created. Open it when the scheme is ready."))
        return redirect("branches:round_detail", pk=rating_round.pk)


class RoundMixin(ScopedObjectMixin):
    scope = staticmethod(rounds_visible_to)

    def round_ratings(self):
        return ratings_visible_to(self.request.user).filter(round=self.object)


class RoundDetailView(RoundMixin, TemplateView):
    permission_required = "branches.view_rounds"
    template_name = "branches/round_detail.html"

    def get_context_data(self, **kwargs):
        form = RatingFilterForm(self.request.GET or None)
        ratings = filter_ratings(self.round_ratings(), **form.filters())
        return super().get_context_data(
            rating_round=self.object, form=form, page=paginate(self.request, ratings), **kwargs
        )


class RoundActionView(RoundMixin, View):
    """A button on the round's page: the service runs, its refusal comes back as a message."""

    def post(self, request, pk):
        run_service(request, lambda: self.act(request.user), self.success_message())
        return redirect("branches:round_detail", pk=self.object.pk)


class RoundOpenView(RoundActionView):
    permission_required = "branches.open_round"

    def act(self, user):
        services.open_round(self.object, by=user)

    def success_message(self):
        return _("The round is open: each branch can now assess itself.")


class RoundRefreshView(RoundActionView):
    permission_required = "branches.refresh_round"

    def act(self, user):
        self.counts = services.refresh_round(self.object, by=user)

    def success_message(self):
        return _("Computed criteria recounted for every rating not yet reviewed.")


class RoundCloseView(RoundActionView):
    permission_required = "branches.close_round"

    def act(self, user):
        services.close_round(self.object, by=user)

    def success_message(self):
        return _("The round is closed.")


class RoundCompareView(RoundMixin, TemplateView):
    """Every branch of the round side by side, by the exemplar-work points computed from records."""

    permission_required = "branches.view_rounds"
    template_name = "branches/round_compare.html"

    def get_context_data(self, **kwargs):
        ratings = annotate_exemplar_points(self.round_ratings()).order_by(
            "-exemplar_points", "-total", "branch__unit__path"
        )
        page = paginate(self.request, ratings)
        criteria, scores = exemplar_scores_by_rating(page.object_list)
        rows = [(rating, [scores.get(rating.pk, {}).get(c.pk) for c in criteria]) for rating in page.object_list]
        return super().get_context_data(rating_round=self.object, page=page, criteria=criteria, rows=rows, **kwargs)


class RoundExportView(RoundMixin, View):
    permission_required = "branches.view_rounds"

    def get(self, request, pk):
        ratings = filter_ratings(self.round_ratings())
        filename = f"星级党支部评定-{self.object.scheme.year}-{self.object.unit.name}.xlsx"
        return workbook_response(
            lambda target: services.export_round(self.object, ratings, target, by=request.user), filename
        )
