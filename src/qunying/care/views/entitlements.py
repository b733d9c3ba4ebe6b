"""Entitlement pages: rules as data, the eligibility list per benefit with its export, the on-demand run,
grant / schedule / mark used, and the notices of automatic revocations and expiries."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from qunying.care import services
from qunying.care.forms import DateForm, EntitlementFilterForm, NoteForm, RuleForm
from qunying.care.queries import (
    entitlements_visible_to,
    filter_by_person,
    filter_entitlements,
    notices_visible_to,
    rules_for,
)
from qunying.care.services.entitlements import RULE_FIELDS, export_entitlements, grant_problem, quota_left
from qunying.care.views.base import CareActionView, CareExportMixin, CareListView, CareMixin, CareObjectMixin
from qunying.core.exports import workbook_response
from qunying.core.forms import add_service_errors
from qunying.honours.enums import AwardEligibility


class RuleListView(CareListView):
    title = gettext_lazy("Entitlement rules")
    what = "rules"
    filter_form = None
    columns = (
        (gettext_lazy("Name"), "名称", 20),
        (gettext_lazy("Entitlement"), "待遇", 16),
        (gettext_lazy("Value"), "数值", 8),
        (gettext_lazy("Condition"), "条件", 40),
        (gettext_lazy("Yearly quota per unit"), "每单位年度名额", 10),
        (gettext_lazy("In use"), "启用", 6),
    )
    actions = ((gettext_lazy("New rule"), "care:rule_create", "plus-lg"),)

    def get_queryset(self, filters):
        return rules_for(self.request.user)

    def link(self, rule):
        return reverse("care:rule_update", args=[rule.pk])

    def cells(self, rule):
        condition = []
        if rule.min_tier:
            condition.append(_("tier at least %(tier)s") % {"tier": rule.get_min_tier_display()})
        if rule.min_level:
            condition.append(_("cultivation level at least %(level)s") % {"level": rule.get_min_level_display()})
        if rule.category:
            condition.append(rule.get_category_display())
        if rule.award_type_id:
            condition.append(
                _("%(award)s or higher, compared within %(ladder)s")
                % {"award": rule.award_type.name, "ladder": rule.award_type.get_ladder_display()}
            )
        if rule.compared_category != AwardEligibility.ANYONE:
            condition.append(AwardEligibility(rule.compared_category).label)
        if rule.min_issuer_level:
            condition.append(_("issuer %(level)s or higher") % {"level": rule.get_min_issuer_level_display()})
        if rule.needs_honour:
            condition.append(_("within %(years)s years") % {"years": rule.within_years})
        return [
            rule.name,
            rule.get_kind_display(),
            rule.value if rule.value is not None else "",
            "；".join(str(part) for part in condition),
            rule.yearly_quota or _("none"),
            _("Yes") if rule.active else _("No"),
        ]


class RuleFormMixin:
    """Create or edit a rule: the form types the fields, care.services.save_rule decides and says what is wrong."""

    permission_required = "care.manage_care"
    template_name = "care/form.html"
    form_class = RuleForm
    rule = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.rule}

    def get_context_data(self, **kwargs):
        title = _("Edit entitlement rule") if self.rule else _("New entitlement rule")
        return super().get_context_data(title=title, back=reverse("care:rule_list"), **kwargs)

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in RULE_FIELDS}
        try:
            services.save_rule(self.rule, by=self.request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The rule has been saved."))
        return redirect("care:rule_list")


class RuleCreateView(RuleFormMixin, CareMixin, FormView):
    pass


class RuleUpdateView(RuleFormMixin, CareObjectMixin, FormView):
    def scope(self, user):
        return rules_for(user)

    @property
    def rule(self):
        return self.object


class EntitlementListView(CareListView):
    title = gettext_lazy("Eligibility and entitlements")
    what = "entitlements"
    filter_form = EntitlementFilterForm
    export_url = "care:entitlement_export"
    template_name = "care/entitlement_list.html"
    empty_hint = gettext_lazy("Run the eligibility check to find who meets the rules.")
    actions = ((gettext_lazy("Import the care ledger"), "care:ledger_import", "upload"),)
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Badge number"), "警号", 10),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("Benefit"), "待遇", 20),
        (gettext_lazy("Year"), "年度", 6),
        (gettext_lazy("Status"), "状态", 8),
        (gettext_lazy("Valid until"), "有效期至", 12),
    )

    def get_queryset(self, filters):
        return filter_entitlements(entitlements_visible_to(self.request.user), **filters)

    def link(self, entitlement):
        return reverse("care:entitlement_detail", args=[entitlement.pk])

    def cells(self, entitlement):
        return [
            entitlement.person.name,
            entitlement.person.badge_number,
            entitlement.unit.name,
            entitlement.rule.name,
            entitlement.year,
            entitlement.get_status_display(),
            entitlement.valid_until or "",
        ]


class EntitlementExportView(EntitlementListView):
    """The eligibility list per benefit for HR and finance: the list's filters and scope, with the basis."""

    def get(self, request, *args, **kwargs):
        form = self.get_form(request.GET)
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        filters = form.filters()
        entitlements = self.get_queryset(filters)
        return workbook_response(
            lambda target: export_entitlements(entitlements, target, by=request.user, filters=filters),
            f"待遇资格名单-{timezone.localdate():%Y%m%d}.xlsx",
        )


class EligibilityRunView(CareMixin, View):
    permission_required = "care.manage_care"

    def post(self, request):
        result = services.run_eligibility(by=request.user)
        messages.success(
            request,
            _("Eligibility checked: %(new)s newly eligible, %(revoked)s revoked, %(expired)s expired.") % result,
        )
        return redirect("care:entitlement_list")


class EntitlementDetailView(CareObjectMixin, TemplateView):
    permission_required = "care.view_entitlement"
    template_name = "care/entitlement_detail.html"

    def scope(self, user):
        return entitlements_visible_to(user)

    def get_context_data(self, **kwargs):
        entitlement = self.object
        self.audit_read(entitlement, "entitlement")
        left = quota_left(entitlement.rule, unit_id=entitlement.unit_id, year=entitlement.year)
        return super().get_context_data(
            entitlement=entitlement,
            quota_left=left,
            # Grant is offered only when grant_entitlement would accept it; else disabled with the same reason.
            grant_problem=grant_problem(entitlement, left=left),
            notices=entitlement.notices.all(),
            note_form=NoteForm(),
            date_form=DateForm(),
            **kwargs,
        )


class EntitlementActionView(CareActionView):
    def scope(self, user):
        return entitlements_visible_to(user)

    def redirect_to(self, entitlement):
        return reverse("care:entitlement_detail", args=[entitlement.pk])


class GrantView(EntitlementActionView):
    permission_required = "care.grant_entitlement"
    form_class = NoteForm
    success_message = gettext_lazy("The entitlement has been granted.")

    def act(self, entitlement, data):
        services.grant_entitlement(entitlement, note=data["note"], by=self.request.user)


class ScheduleView(EntitlementActionView):
    permission_required = "care.schedule_entitlement"
    form_class = DateForm
    success_message = gettext_lazy("The date has been set.")

    def act(self, entitlement, data):
        services.schedule_entitlement(entitlement, on=data["on"], by=self.request.user)


class UseView(EntitlementActionView):
    permission_required = "care.use_entitlement"
    form_class = DateForm
    success_message = gettext_lazy("The entitlement is recorded as used.")

    def act(self, entitlement, data):
        services.mark_entitlement_used(entitlement, on=data["on"], by=self.request.user)


class NoticeListView(CareListView):
    title = gettext_lazy("Care notices")
    what = "notices"
    template_name = "care/notice_list.html"
    export_url = "care:notice_export"
    empty_hint = gettext_lazy("Revoked and expired entitlements are reported here.")
    columns = (
        (gettext_lazy("Date"), "日期", 12),
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Kind"), "类型", 16),
        (gettext_lazy("Message"), "内容", 50),
        (gettext_lazy("Read"), "已阅", 16),
    )

    def get_queryset(self, filters):
        return filter_by_person(notices_visible_to(self.request.user), unit=filters.get("unit"), q=filters.get("q", ""))

    def link(self, notice):
        return reverse("care:entitlement_detail", args=[notice.entitlement_id])

    def cells(self, notice):
        read = (
            f"{notice.read_by.get_username()} {timezone.localtime(notice.read_at):%Y-%m-%d}" if notice.read_at else ""
        )
        return [
            timezone.localdate(notice.created_at),
            notice.person.name,
            notice.get_kind_display(),
            notice.message,
            read,
        ]

    def rows(self, objects):
        return [{**row, "notice": obj} for row, obj in zip(super().rows(objects), objects, strict=True)]


class NoticeExportView(CareExportMixin, NoticeListView):
    filename = "关爱提示"


class NoticeReadView(CareActionView):
    permission_required = "care.read_notice"
    success_message = gettext_lazy("Marked as read.")

    def scope(self, user):
        return notices_visible_to(user)

    def act(self, notice, data):
        services.mark_notice_read(notice, by=self.request.user)

    def redirect_to(self, notice):
        return reverse("care:notice_list")
