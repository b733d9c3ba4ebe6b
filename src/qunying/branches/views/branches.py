"""Branch pages: the list, a branch with its members and star history, create and edit."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.branches import services
from qunying.branches.forms import BranchFilterForm, BranchForm
from qunying.branches.queries import (
    annotate_branch_summary,
    branch_members,
    branches_editable_by,
    branches_visible_to,
    filter_branches,
    party_members_for_branches,
    star_history,
    units_for_branch_lists,
    units_for_branches,
)
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class BranchListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "branches.view_branch_list"
    template_name = "branches/branch_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = BranchFilterForm(self.request.GET or None, units=units_for_branch_lists(user))
        branches = annotate_branch_summary(filter_branches(branches_visible_to(user), **form.filters()))
        return super().get_context_data(form=form, page=paginate(self.request, branches), **kwargs)


class BranchDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "branches.view_branch"
    template_name = "branches/branch_detail.html"
    scope = staticmethod(branches_visible_to)

    def get_context_data(self, **kwargs):
        branch = self.object
        return super().get_context_data(
            branch=branch,
            units=branch.units.order_by("path"),
            history=star_history(branch, user=self.request.user),
            page=paginate(self.request, branch_members(branch)),
            **kwargs,
        )


class BranchCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "branches.add_branch"
    template_name = "branches/branch_form.html"
    form_class = BranchForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "units": units_for_branches(user),
            "people": party_members_for_branches(user),
        }

    def form_valid(self, form):
        try:
            branch = services.create_branch(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Party branch %(branch)s created.") % {"branch": branch})
        return redirect("branches:branch_detail", pk=branch.pk)


class BranchUpdateView(ScopedObjectMixin, FormView):
    permission_required = "branches.change_branch"
    template_name = "branches/branch_form.html"
    form_class = BranchForm
    scope = staticmethod(branches_editable_by)

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "units": units_for_branches(user),
            "people": party_members_for_branches(user),
            "branch": self.object,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(branch=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_branch(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Party branch saved."))
        return redirect("branches:branch_detail", pk=self.object.pk)
