"""Award delivery pages: deliveries recorded, honours still awaiting delivery after 30 days, recording one, photos."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from qunying.care import services
from qunying.care.enums import DeliveryMethod
from qunying.care.forms import DeliveryForm
from qunying.care.queries import deliverable_honours, deliveries_visible_to, filter_honours, honours_awaiting_delivery
from qunying.care.views.base import CareExportMixin, CareListView, CareObjectMixin
from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.images import image_content_type


class DeliveryListView(CareListView):
    title = gettext_lazy("Award deliveries")
    what = "deliveries"
    statuses = DeliveryMethod.choices
    status_label = gettext_lazy("Delivery")
    export_url = "care:delivery_export"
    actions = (
        (gettext_lazy("Record a delivery"), "care:delivery_undelivered", "plus-lg"),
        (gettext_lazy("Awaiting delivery for more than 30 days"), "care:delivery_pending", "hourglass-split"),
    )
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("Honour"), "奖励", 20),
        (gettext_lazy("Date awarded"), "奖励日期", 12),
        (gettext_lazy("Delivery"), "颁发方式", 10),
        (gettext_lazy("Delivered on"), "颁发日期", 12),
        (gettext_lazy("Delivered by"), "颁发人", 14),
    )

    def get_queryset(self, filters):
        deliveries = filter_honours(
            deliveries_visible_to(self.request.user),
            unit=filters.get("unit"),
            q=filters.get("q", ""),
            prefix="honour__",
        )
        if filters.get("status"):
            deliveries = deliveries.filter(method=filters["status"])
        return deliveries.order_by("-delivered_on", "-pk")

    def link(self, delivery):
        return reverse("care:delivery_photo", args=[delivery.pk]) if delivery.photo else ""

    def cells(self, delivery):
        honour = delivery.honour
        return [
            honour.recipient_name,
            honour.subject_unit.name,
            f"{honour.award_type.name}（{honour.issuer.cited_name}）",
            honour.awarded_on,
            delivery.get_method_display(),
            delivery.delivered_on,
            delivery.delivered_by,
        ]


class DeliveryExportView(CareExportMixin, DeliveryListView):
    filename = "奖励颁发记录"


class DeliveryPendingView(CareListView):
    title = gettext_lazy("Honours awaiting delivery for more than 30 days")
    what = "deliveries_pending"
    export_url = "care:delivery_pending_export"
    empty_hint = gettext_lazy("Every honour older than 30 days has been delivered.")
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("Honour"), "奖励", 20),
        (gettext_lazy("Date awarded"), "奖励日期", 12),
        (gettext_lazy("Document number"), "文号", 16),
    )

    def get_queryset(self, filters):
        return filter_honours(
            honours_awaiting_delivery(self.request.user), unit=filters.get("unit"), q=filters.get("q", "")
        )

    def link(self, honour):
        return reverse("care:delivery_create", args=[honour.pk])

    def cells(self, honour):
        return [
            honour.recipient_name,
            honour.subject_unit.name,
            f"{honour.award_type.name}（{honour.issuer.cited_name}）",
            honour.awarded_on,
            honour.document_number,
        ]


class DeliveryPendingExportView(CareExportMixin, DeliveryPendingView):
    filename = "奖励未颁发清单"


class UndeliveredView(DeliveryPendingView):
    """Every honour in force without a delivery yet, newest first: where a delivery is recorded from."""

    title = gettext_lazy("Honours without a recorded delivery")
    what = "deliveries_undelivered"
    export_url = "care:delivery_undelivered_export"
    empty_hint = gettext_lazy("Every honour has been delivered.")

    def get_queryset(self, filters):
        honours = honours_awaiting_delivery(self.request.user, older_than_days=0).order_by("-awarded_on", "-pk")
        return filter_honours(honours, unit=filters.get("unit"), q=filters.get("q", ""))


class UndeliveredExportView(CareExportMixin, UndeliveredView):
    filename = "奖励待颁发清单"


class DeliveryCreateView(CareObjectMixin, FormView):
    """Record how an honour (of a person or a collective) reached its holder."""

    permission_required = "care.record_delivery"
    template_name = "care/form.html"
    form_class = DeliveryForm

    def scope(self, user):
        return deliverable_honours(user)

    def get_context_data(self, **kwargs):
        honour = self.object
        title = _("Record the delivery: %(person)s, %(award)s of %(date)s") % {
            "person": honour.recipient_name,
            "award": honour.award_type.name,
            "date": honour.awarded_on,
        }
        return super().get_context_data(title=title, back=reverse("care:delivery_pending"), multipart=True, **kwargs)

    def form_valid(self, form):
        try:
            services.record_delivery(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The delivery has been recorded."))
        return redirect("care:delivery_list")


class DeliveryPhotoView(CareObjectMixin, View):
    """Photos are served through the care scope, never as public media; viewing one is audited."""

    permission_required = "care.view_delivery"

    def scope(self, user):
        return deliveries_visible_to(user)

    def get(self, request, pk):
        delivery = self.object
        if not delivery.photo:
            raise Http404
        self.audit_read(delivery, "delivery_photo")
        return stored_file_response(delivery.photo, content_type=image_content_type(delivery.photo.name))
