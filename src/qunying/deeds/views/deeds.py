"""Deed pages: the filtered list and its Excel export, a new deed, a deed with its evidence and decision, and the
verification page where a supervisor decides many at once."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.confirm import confirmation_needed
from qunying.core.export_views import ExcelExportView
from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import AttachFileView, ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds import services
from qunying.deeds.evidence import CONTENT_TYPES
from qunying.deeds.forms import BulkDecisionForm, DecisionForm, DeedFilterForm, DeedForm, EvidenceForm
from qunying.deeds.models import DeedEvidence
from qunying.deeds.queries import (
    deeds_verifiable_by,
    deeds_visible_to,
    events_editable_by,
    events_visible_to,
    filter_deeds,
    with_people,
)
from qunying.deeds.rules import verifiers_of
from qunying.deeds.views.common import safe_next
from qunying.org.queries import people_editable_by, units_visible_to

VERIFICATION_PAGE_SIZE = 50


class DeedListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "deeds.view_deeds"
    template_name = "deeds/deed_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = DeedFilterForm(self.request.GET or None, units=units_visible_to(user))
        deeds = with_people(filter_deeds(deeds_visible_to(user), **form.filters()))
        return super().get_context_data(form=form, page=paginate(self.request, deeds), **kwargs)


class DeedExportView(ExcelExportView):
    """The filtered list as a workbook: the same filters, the same scope."""

    permission_required = "deeds.export_deeds"
    filename = "事迹"
    filter_form = DeedFilterForm

    def get_form_kwargs(self):
        return {"units": units_visible_to(self.request.user)}

    def get_queryset(self, filters):
        return filter_deeds(deeds_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters):
        return services.export_deeds(queryset, target, by=self.request.user, filters=filters)


class DeedCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "deeds.add_deed"
    template_name = "deeds/deed_form.html"
    form_class = DeedForm

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "people": people_editable_by(user), "events": events_editable_by(user)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            deed = services.create_deed(
                title=data["title"],
                participants=data["people"],
                date=data["date"],
                narrative=data["narrative"],
                hazard=data["hazard"],
                source=data["source"],
                event=data["event"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The deed was recorded and waits for verification."))
        return redirect("deeds:deed_detail", pk=deed.pk)


class DeedDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "deeds.view_deed"
    template_name = "deeds/deed_detail.html"

    def scope(self, user):
        return with_people(deeds_visible_to(user))

    def get_context_data(self, **kwargs):
        user, deed = self.request.user, self.object
        may_decide = user.has_perm("deeds.verify_deed", deed)
        evidence = list(deed.evidence.all())
        return super().get_context_data(
            deed=deed,
            participants=deed.participants.all(),
            evidence=evidence,
            decision_form=DecisionForm() if may_decide else None,
            # The Verify button is offered only when verify_deed would accept it; else disabled with the reason.
            verify_problem=services.evidence_problem(deed, has_evidence=bool(evidence)) if may_decide else "",
            verifiers=verifiers_of(deed) if deed.is_open else None,
            evidence_form=EvidenceForm() if user.has_perm("deeds.add_evidence", deed) else None,
            forum_item=getattr(deed, "forum_feedback", None),
            nomination=getattr(deed, "public_nomination", None),
            **kwargs,
        )


class DeedDecideView(ScopedObjectMixin, View):
    """Verify or reject one proposed deed; only deeds of the user's subtrees as political officer or unit manager."""

    permission_required = "deeds.verify_deed"

    def scope(self, user):
        return deeds_visible_to(user)

    def post(self, request, pk):
        deed, form = self.object, DecisionForm(request.POST)
        back = safe_next(request, reverse("deeds:deed_detail", kwargs={"pk": deed.pk}))
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(back)
        try:
            if form.cleaned_data["decision"] == "verify":
                services.verify_deed(deed, by=request.user)
                messages.success(request, _("“%(deed)s” verified.") % {"deed": deed.title})
            else:
                services.reject_deed(deed, reason=form.cleaned_data["reason"], by=request.user)
                messages.success(request, _("“%(deed)s” not accepted.") % {"deed": deed.title})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(back)


class EvidenceAddView(AttachFileView):
    permission_required = "deeds.add_evidence"
    form_class = EvidenceForm
    success_message = gettext_lazy("Evidence attached.")
    detail_url_name = "deeds:deed_detail"

    def scope(self, user):
        return deeds_visible_to(user)

    def attach(self, *, upload, description):
        services.attach_evidence(self.object, upload=upload, description=description, by=self.request.user)


class EvidenceFileView(ScopedObjectMixin, View):
    """Evidence is served only to those who may read its deed (a 404 for anyone else), never as public media."""

    permission_required = "deeds.view_deed"

    def scope(self, user):
        return DeedEvidence.objects.filter(deed__in=deeds_visible_to(user)).select_related("deed__unit")

    def get_permission_object(self):
        return self.object.deed

    def get(self, request, pk):
        evidence = self.object
        # The type stored when the content was checked, never the uploaded name; sensitive: not kept in caches.
        return stored_file_response(
            evidence.file,
            content_type=CONTENT_TYPES.get(evidence.file_type, "application/octet-stream"),
            filename=evidence.original_filename,
            as_attachment=evidence.file_type == "docx",
        )


class DeedVerificationView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Proposed deeds of the user's subtrees, a page at a time: verify or reject each, or several ticked at once."""

    permission_required = "deeds.verify_deeds"
    template_name = "deeds/deed_verification.html"

    def pending(self):
        deeds = deeds_verifiable_by(self.request.user)
        event_id = self.request.GET.get("event", "")
        if event_id.isdigit():
            deeds = deeds.filter(event_id=int(event_id))
        return deeds.order_by("event_id", "date", "id")

    def get_context_data(self, form=None, **kwargs):
        page = paginate(self.request, with_people(self.pending()), per_page=VERIFICATION_PAGE_SIZE)
        event = None
        if (event_id := self.request.GET.get("event", "")).isdigit():
            event = events_visible_to(self.request.user).filter(pk=int(event_id)).first()
        return super().get_context_data(
            page=page, form=form or BulkDecisionForm(deeds=self.pending()), event=event, **kwargs
        )

    def post(self, request):
        form = BulkDecisionForm(request.POST, deeds=self.pending().select_related("unit"))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        verify = form.cleaned_data["decision"] == "verify"
        count = len(form.cleaned_data["deeds"])
        asked = confirmation_needed(
            request,
            title=_("Verify %(n)d deeds?") % {"n": count} if verify else _("Reject %(n)d deeds?") % {"n": count},
            message=_("Each ticked deed is decided at once and the decision is recorded in its history."),
            button=_("Verify the ticked deeds") if verify else _("Reject the ticked deeds"),
            cancel_url=request.get_full_path(),
            danger=not verify,
        )
        if asked is not None:
            return asked
        try:
            count = services.decide_deeds(
                form.cleaned_data["deeds"], verify=verify, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        message = _("%(n)d deeds verified.") if verify else _("%(n)d deeds not accepted.")
        messages.success(request, message % {"n": count})
        return redirect(request.get_full_path())
