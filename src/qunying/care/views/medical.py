"""Medical green channel pages: partner hospitals, referrals with their response target, the overdue list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from qunying.care import services
from qunying.care.forms import REFERRAL_STATUSES, DateForm, HospitalForm, ReferralCloseForm, ReferralForm
from qunying.care.queries import filter_by_person, hospitals_for, referrals_overdue, referrals_visible_to
from qunying.care.services.medical import HOSPITAL_FIELDS
from qunying.care.views.base import CareActionView, CareExportMixin, CareListView, CareMixin, CareObjectMixin
from qunying.care.views.welfare import PersonFormView
from qunying.core.forms import add_service_errors


class HospitalListView(CareListView):
    title = gettext_lazy("Partner hospitals")
    what = "hospitals"
    filter_form = None
    actions = ((gettext_lazy("New partner hospital"), "care:hospital_create", "plus-lg"),)
    columns = (
        (gettext_lazy("Name"), "名称", 20),
        (gettext_lazy("Address"), "地址", 24),
        (gettext_lazy("Contact desk"), "联系窗口", 16),
        (gettext_lazy("Response target (hours)"), "响应时限（小时）", 10),
        (gettext_lazy("In use"), "合作中", 6),
    )

    def get_queryset(self, filters):
        return hospitals_for(self.request.user)

    def link(self, hospital):
        return reverse("care:hospital_update", args=[hospital.pk])

    def cells(self, hospital):
        return [
            hospital.name,
            hospital.address,
            hospital.contact,
            hospital.response_hours,
            _("Yes") if hospital.active else _("No"),
        ]


class HospitalFormMixin:
    """Create or edit a partner hospital: the form types the fields, care.services.save_hospital decides."""

    permission_required = "care.manage_care"
    template_name = "care/form.html"
    form_class = HospitalForm
    hospital = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.hospital}

    def get_context_data(self, **kwargs):
        title = _("Edit partner hospital") if self.hospital else _("New partner hospital")
        return super().get_context_data(title=title, back=reverse("care:hospital_list"), **kwargs)

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in HOSPITAL_FIELDS}
        try:
            services.save_hospital(self.hospital, by=self.request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The hospital has been saved."))
        return redirect("care:hospital_list")


class HospitalCreateView(HospitalFormMixin, CareMixin, FormView):
    pass


class HospitalUpdateView(HospitalFormMixin, CareObjectMixin, FormView):
    def scope(self, user):
        return hospitals_for(user)

    @property
    def hospital(self):
        return self.object


class ReferralListView(CareListView):
    title = gettext_lazy("Medical green channel")
    what = "referrals"
    statuses = REFERRAL_STATUSES
    export_url = "care:referral_export"
    actions = (
        (gettext_lazy("Overdue responses"), "care:referral_overdue", "alarm"),
        (gettext_lazy("Partner hospitals"), "care:hospital_list", "hospital"),
    )
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("For"), "对象", 8),
        (gettext_lazy("Hospital"), "医院", 20),
        (gettext_lazy("Requested at"), "申请时间", 16),
        (gettext_lazy("Response due"), "应答时限", 16),
        (gettext_lazy("Status"), "状态", 8),
        (gettext_lazy("Appointment date"), "就诊日期", 12),
    )

    def get_queryset(self, filters):
        referrals = filter_by_person(
            referrals_visible_to(self.request.user), unit=filters.get("unit"), q=filters.get("q", "")
        )
        if filters.get("status"):
            referrals = referrals.filter(status=filters["status"])
        return referrals.order_by("-requested_at", "-pk")

    def link(self, referral):
        return reverse("care:referral_detail", args=[referral.pk])

    def cells(self, referral):
        return [
            referral.person.name,
            referral.person.unit.name,
            _("Family member") if referral.for_family else _("The officer"),
            referral.hospital.name,
            timezone.localtime(referral.requested_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(referral.due_at).strftime("%Y-%m-%d %H:%M"),
            referral.get_status_display(),
            referral.appointment_on or "",
        ]


class ReferralExportView(CareExportMixin, ReferralListView):
    filename = "医疗绿色通道"


class ReferralOverdueView(ReferralListView):
    title = gettext_lazy("Referrals past their response target")
    what = "referrals_overdue"
    statuses = None
    export_url = "care:referral_overdue_export"
    actions = ()
    empty_hint = gettext_lazy("Every referral was answered within its hospital's target.")

    def get_queryset(self, filters):
        return filter_by_person(referrals_overdue(self.request.user), unit=filters.get("unit"), q=filters.get("q", ""))


class ReferralOverdueExportView(CareExportMixin, ReferralOverdueView):
    filename = "绿色通道超时清单"


class ReferralDetailView(CareObjectMixin, TemplateView):
    permission_required = "care.view_referral"
    template_name = "care/referral_detail.html"

    def scope(self, user):
        return referrals_visible_to(user)

    def get_context_data(self, **kwargs):
        referral = self.object
        self.audit_read(referral, "referral")
        return super().get_context_data(
            referral=referral,
            arrange_form=DateForm(),
            close_form=ReferralCloseForm(),
            **kwargs,
        )


class ReferralCreateView(PersonFormView):
    permission_required = "care.request_referral"
    form_class = ReferralForm
    title = gettext_lazy("Refer through the green channel")
    success_message = gettext_lazy("The referral has been sent; the hospital's response is due within its target.")

    def save(self, data):
        referral = services.request_referral(person=self.person, by=self.request.user, **data)
        return reverse("care:referral_detail", args=[referral.pk])


class ReferralActionView(CareActionView):
    def scope(self, user):
        return referrals_visible_to(user)

    def redirect_to(self, referral):
        return reverse("care:referral_detail", args=[referral.pk])


class ReferralArrangeView(ReferralActionView):
    permission_required = "care.arrange_referral"
    form_class = DateForm
    success_message = gettext_lazy("The appointment has been recorded.")

    def act(self, referral, data):
        services.arrange_referral(referral, appointment_on=data["on"], by=self.request.user)


class ReferralCloseView(ReferralActionView):
    permission_required = "care.close_referral"
    form_class = ReferralCloseForm
    success_message = gettext_lazy("The referral has been closed.")

    def act(self, referral, data):
        services.close_referral(referral, by=self.request.user, **data)
