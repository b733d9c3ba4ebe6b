"""Interaction pages: the list with each sampling decision and its reason, and the import of dispatch exports."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.pagination import paginate
from qunying.feedback import services
from qunying.feedback.forms import InteractionFilterForm, InteractionImportForm
from qunying.feedback.models import InteractionOfficer
from qunying.feedback.queries import filter_interactions, interactions_visible_to
from qunying.org.queries import units_visible_to

ERRORS_SHOWN = 500


class InteractionListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """No phone number here, not even masked: the incident number is how the dispatch system finds the citizen."""

    permission_required = "feedback.view_ratings"
    template_name = "feedback/interaction_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = InteractionFilterForm(self.request.GET or None, units=units_visible_to(user))
        officers = Prefetch(
            "officer_links", queryset=InteractionOfficer.objects.select_related("person").order_by("pk")
        )
        interactions = filter_interactions(interactions_visible_to(user), **form.filters()).prefetch_related(officers)
        return super().get_context_data(form=form, page=paginate(self.request, interactions), **kwargs)


class InteractionImportView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Upload → every row checked → all written, or nothing and the list of what to fix, row by row."""

    permission_required = "feedback.import_interactions"
    template_name = "feedback/interaction_import.html"
    form_class = InteractionImportForm

    def form_valid(self, form):
        result = services.import_interactions(upload=form.cleaned_data["file"], by=self.request.user)
        status = 200 if not result.errors else 400
        context = self.get_context_data(
            form=InteractionImportForm(), result=result, errors=result.errors[:ERRORS_SHOWN]
        )
        return self.render_to_response(context, status=status)
