"""Scheme pages: the schemes, one scheme with its criteria by area, create (or the default one), edit, criteria."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.branches import services
from qunying.branches.forms import CriterionForm, DefaultSchemeForm, SchemeForm
from qunying.branches.queries import criteria_by_area, criteria_visible_to, scheme_criteria, schemes_visible_to
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class SchemeListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "branches.view_schemes"
    template_name = "branches/scheme_list.html"

    def get_context_data(self, **kwargs):
        schemes = schemes_visible_to(self.request.user).order_by("-year", "name")
        return super().get_context_data(
            page=paginate(self.request, schemes), default_form=DefaultSchemeForm(), **kwargs
        )


class SchemeCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "branches.manage_schemes"
    template_name = "branches/scheme_form.html"
    form_class = SchemeForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            scheme = services.create_scheme(
                year=data["year"],
                name=data["name"],
                description=data["description"],
                thresholds=form.thresholds(),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Scheme created. Now add its criteria."))
        return redirect("branches:scheme_detail", pk=scheme.pk)


class SchemeDefaultCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "branches.manage_schemes"
    template_name = "branches/scheme_default.html"
    form_class = DefaultSchemeForm

    def form_valid(self, form):
        try:
            scheme = services.create_default_scheme(year=form.cleaned_data["year"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, ValidationError({"year": error.messages}))
            return self.form_invalid(form)
        messages.success(self.request, _("The default scheme for %(year)s was created.") % {"year": scheme.year})
        return redirect("branches:scheme_detail", pk=scheme.pk)


class SchemeDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "branches.view_schemes"
    template_name = "branches/scheme_detail.html"

    def scope(self, user):
        return schemes_visible_to(user).prefetch_related("rounds")  # read by is_locked and the change permission

    def get_context_data(self, **kwargs):
        criteria = list(scheme_criteria(self.object))
        return super().get_context_data(
            scheme=self.object,
            areas=criteria_by_area(criteria),
            criterion_count=len(criteria),
            max_total=sum(criterion.max_points for criterion in criteria),
            locked=self.object.is_locked,
            **kwargs,
        )


class SchemeUpdateView(ScopedObjectMixin, FormView):
    permission_required = "branches.change_scheme"
    template_name = "branches/scheme_form.html"
    form_class = SchemeForm
    scope = staticmethod(schemes_visible_to)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scheme": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_scheme(
                self.object,
                name=data["name"],
                description=data["description"],
                thresholds=form.thresholds(),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Scheme saved."))
        return redirect("branches:scheme_detail", pk=self.object.pk)


class CriterionCreateView(ScopedObjectMixin, FormView):
    permission_required = "branches.change_scheme"
    template_name = "branches/criterion_form.html"
    form_class = CriterionForm
    scope = staticmethod(schemes_visible_to)

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.add_criterion(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion added."))
        return redirect("branches:scheme_detail", pk=self.object.pk)


class CriterionUpdateView(ScopedObjectMixin, FormView):
    permission_required = "branches.change_scheme"
    template_name = "branches/criterion_form.html"
    form_class = CriterionForm
    scope = staticmethod(criteria_visible_to)

    @property
    def criterion(self):
        return self.object

    def get_permission_object(self):
        return self.object.scheme

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criterion": self.criterion}

    def get_context_data(self, **kwargs):
        return super().get_context_data(scheme=self.criterion.scheme, criterion=self.criterion, **kwargs)

    def form_valid(self, form):
        try:
            services.update_criterion(self.criterion, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion saved."))
        return redirect("branches:scheme_detail", pk=self.criterion.scheme_id)
