"""Catalogue pages: award types, issuers and approval-authority rules, kept by the political department."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.confirm import confirmation_needed
from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.honours import services
from qunying.honours.forms import AuthorityRuleForm, AwardTypeForm, AwardTypeUpdateForm, IssuerForm
from qunying.honours.models import AuthorityRule, AwardType, Issuer
from qunying.honours.queries import authority_rules, award_types_with_counts, issuers_with_counts


class CatalogueMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "honours.manage_catalogue"


class ListWithAddFormView(CatalogueMixin, FormView):
    """A list with its counts beside a form that adds one more (the auxiliary tiers' shape)."""

    create = None  # the service that adds
    success_url_name = ""
    success_message = ""

    def form_valid(self, form):
        try:
            type(self).create(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_name)


class EditOneView(ScopedObjectMixin, FormView):
    """The catalogue is bureau-wide: every entry is in scope for whoever may keep it."""

    permission_required = "honours.manage_catalogue"
    model = None
    update = None
    success_url_name = ""

    def scope(self, user):
        return self.model.objects.all()

    def get_form_kwargs(self):
        # The form writes into its own copy; the service compares against the untouched record.
        return {**super().get_form_kwargs(), "instance": self.model.objects.get(pk=self.object.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def form_valid(self, form):
        try:
            type(self).update(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("“%(name)s” is saved.") % {"name": self.object})
        return redirect(self.success_url_name)


class AwardTypeListView(ListWithAddFormView):
    template_name = "honours/awardtype_list.html"
    form_class = AwardTypeForm
    create = staticmethod(services.create_award_type)
    success_url_name = "honours:award_type_list"

    @property
    def success_message(self):
        return _("Award added.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(award_types=award_types_with_counts(), **kwargs)


class AwardTypeUpdateView(EditOneView):
    template_name = "honours/catalogue_form.html"
    tab = "award_types"
    form_class = AwardTypeUpdateForm
    model = AwardType
    update = staticmethod(services.update_award_type)
    success_url_name = "honours:award_type_list"


class IssuerListView(ListWithAddFormView):
    template_name = "honours/issuer_list.html"
    form_class = IssuerForm
    create = staticmethod(services.create_issuer)
    success_url_name = "honours:issuer_list"

    @property
    def success_message(self):
        return _("Issuer added.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(issuers=issuers_with_counts(), **kwargs)


class IssuerUpdateView(EditOneView):
    template_name = "honours/catalogue_form.html"
    tab = "issuers"
    form_class = IssuerForm
    model = Issuer
    update = staticmethod(services.update_issuer)
    success_url_name = "honours:issuer_list"


class AuthorityRuleListView(ListWithAddFormView):
    template_name = "honours/authorityrule_list.html"
    form_class = AuthorityRuleForm
    create = staticmethod(services.create_authority_rule)
    success_url_name = "honours:authority_rule_list"

    @property
    def success_message(self):
        return _("Rule added.")

    def get_context_data(self, **kwargs):
        rules = list(authority_rules())
        # The award each limit reaches, named as the refusal message names it (one query for the catalogue).
        award_types = list(AwardType.objects.order_by("-grade", "name"))
        for rule in rules:
            rule.highest = next((a for a in award_types if a.ladder == rule.ladder and a.grade <= rule.max_grade), None)
        return super().get_context_data(rules=rules, **kwargs)


class AuthorityRuleUpdateView(EditOneView):
    template_name = "honours/catalogue_form.html"
    tab = "rules"
    form_class = AuthorityRuleForm
    model = AuthorityRule
    update = staticmethod(services.update_authority_rule)
    success_url_name = "honours:authority_rule_list"


class AuthorityRuleDeleteView(ScopedObjectMixin, View):
    permission_required = "honours.manage_catalogue"

    def scope(self, user):
        return AuthorityRule.objects.all()

    def post(self, request, pk):
        asked = confirmation_needed(
            request,
            title=_("Delete this rule?"),
            message=_("The rule %(rule)s is deleted; honours already recorded stay as they are.")
            % {"rule": self.object},
            button=_("Delete this rule"),
            cancel_url=reverse("honours:authority_rule_update", args=[pk]),
            danger=True,
        )
        if asked is not None:
            return asked
        services.delete_authority_rule(self.object, by=request.user)
        messages.success(request, _("Rule deleted."))
        return redirect("honours:authority_rule_list")


class AwardTypeExportView(ExcelExportView):
    """The award catalogue as a workbook, with the honours in force under each award."""

    permission_required = "honours.manage_catalogue"
    filename = "奖励目录"
    audit_action = "honours.award_types.exported"
    columns = [("序列", 12), ("等级", 6), ("名称", 20), ("代码", 20), ("授予对象", 10), ("启用", 6), ("有效奖励数", 10)]

    def get_queryset(self, filters):
        return award_types_with_counts()

    def row(self, award):
        return [
            award.get_ladder_display(),
            award.grade,
            award.name,
            award.code,
            award.get_applies_to_display(),
            "是" if award.active else "否",
            award.honour_count,
        ]


class IssuerExportView(ExcelExportView):
    permission_required = "honours.manage_catalogue"
    filename = "颁授机关"
    audit_action = "honours.issuers.exported"
    columns = [("名称", 30), ("简称", 12), ("层级", 10), ("类别", 10), ("启用", 6), ("有效奖励数", 10)]

    def get_queryset(self, filters):
        return issuers_with_counts()

    def row(self, issuer):
        return [
            issuer.name,
            issuer.short_name,
            issuer.get_level_display(),
            issuer.get_kind_display(),
            "是" if issuer.active else "否",
            issuer.honour_count,
        ]
