"""Honour pages: the list with filters and its export, the detail, recording (recipient first), approval (four eyes)
declining or withdrawing an honour awaiting approval, and revocation (both confirmed first)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.confirm import confirmation_needed
from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.policy import within
from qunying.honours import services
from qunying.honours.forms import (
    FiguresForm,
    HonourFilterForm,
    HonourForm,
    RecipientForm,
    RevocationForm,
    SetAsideForm,
)
from qunying.honours.queries import (
    approvers_for,
    filter_honours,
    honour_figures,
    honourable_deeds,
    honours_visible_to,
    people_for_honours,
    revocation_approvers_for,
    units_for_honour_lists,
    units_for_honours,
)


class HonourListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "honours.view_honours"
    template_name = "honours/honour_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = HonourFilterForm(self.request.GET or None, units=units_for_honour_lists(user), user=user)
        honours = filter_honours(honours_visible_to(user), **form.filters())
        return super().get_context_data(form=form, page=paginate(self.request, honours), **kwargs)


class HonourExportView(ExcelExportView):
    """The honours list as a workbook: the same filters, the same scope."""

    permission_required = "honours.view_honours"
    filename = "奖励"
    filter_form = HonourFilterForm

    def get_form_kwargs(self):
        return {"units": units_for_honour_lists(self.request.user), "user": self.request.user}

    def get_queryset(self, filters):
        return filter_honours(honours_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters):
        return services.export_honours(queryset, target, by=self.request.user, filters=filters)


class VisibleHonourMixin(ScopedObjectMixin):
    """Fetches the honour through the user's scope first: one outside it is a 404, not a 403."""

    def scope(self, user):
        return honours_visible_to(user)


class HonourDetailView(VisibleHonourMixin, TemplateView):
    permission_required = "honours.view_honour"
    template_name = "honours/honour_detail.html"

    def get_context_data(self, **kwargs):
        honour = self.object
        context = {"honour": honour, "deeds": honour.deeds.order_by("-date", "-id")}
        if honour.is_pending:
            # Four eyes: the approve, decline and withdraw buttons, or why this user may not press them and who may.
            user = self.request.user
            context |= {
                "approval_refusal": services.approval_refusal(user, honour),
                "decline_refusal": services.decline_refusal(user, honour),
                "withdrawal_refusal": services.withdrawal_refusal(user, honour),
                "approvers": approvers_for(honour),
            }
        return super().get_context_data(**context, **kwargs)


class HonourApproveView(VisibleHonourMixin, TemplateView):
    """Four eyes: a second officer reads the honour (and any same-or-higher award within a year) and approves it."""

    permission_required = "honours.approve_honour"
    template_name = "honours/honour_approve.html"

    def get_context_data(self, **kwargs):
        honour = self.object
        return super().get_context_data(
            honour=honour,
            deeds=honour.deeds.order_by("-date", "-id"),
            earlier=services.earlier_awards_within_a_year(honour),
            **kwargs,
        )

    def post(self, request, pk):
        try:
            services.approve_honour(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("honours:honour_detail", pk=pk)
        messages.success(request, _("Honour approved: it is now in force and counts in the figures and on the board."))
        return redirect("honours:honour_detail", pk=pk)


class HonourSetAsideView(VisibleHonourMixin, FormView):
    """An honour awaiting approval set aside for good: a reason, a confirmation (as for revoking), then the service."""

    template_name = "honours/honour_set_aside.html"
    form_class = SetAsideForm
    reason_required = True

    def set_aside(self, honour, *, by, reason):
        raise NotImplementedError

    def texts(self) -> dict:
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "required": self.reason_required}

    def get_context_data(self, **kwargs):
        return super().get_context_data(honour=self.object, texts=self.texts(), **kwargs)

    def form_valid(self, form):
        honour, texts = self.object, self.texts()
        asked = confirmation_needed(
            self.request,
            title=texts["title"],
            message=texts["confirm"],
            button=texts["button"],
            cancel_url=reverse("honours:honour_detail", args=[honour.pk]),
            danger=True,
        )
        if asked is not None:
            return asked
        try:
            self.set_aside(honour, by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, texts["done"])
        return redirect("honours:honour_detail", pk=honour.pk)


class HonourDeclineView(HonourSetAsideView):
    """不予批准: whoever may approve the honour declines it instead, saying why."""

    permission_required = "honours.decline_honour"

    def set_aside(self, honour, *, by, reason):
        services.decline_honour(honour, by=by, reason=reason)

    def texts(self) -> dict:
        names = {"award": self.object.award_type.name, "recipient": self.object.recipient_name}
        return {
            "title": _("Decline this honour?"),
            "lead": _("Say why it is not approved: the officer who recorded it reads your reason on the honour."),
            "confirm": _(
                "%(award)s of %(recipient)s is not approved: it never counts on the board, in the figures or on the "
                "timeline, and leaves the approval list. This cannot be undone; a corrected honour is recorded afresh."
            )
            % names,
            "button": _("Do not approve"),
            "done": _(
                "Honour not approved: it counts nowhere and has left the approval list. The officer who recorded it "
                "reads your reason on the honour and may record a corrected one."
            ),
        }


class HonourWithdrawView(HonourSetAsideView):
    """撤回: the officer who recorded the honour takes it back before anyone approves it."""

    permission_required = "honours.withdraw_honour"
    reason_required = False

    def set_aside(self, honour, *, by, reason):
        services.withdraw_honour(honour, by=by, reason=reason)

    def texts(self) -> dict:
        names = {"award": self.object.award_type.name, "recipient": self.object.recipient_name}
        return {
            "title": _("Withdraw this honour?"),
            "lead": _("A reason is optional; approvers and the record keep it."),
            "confirm": _(
                "%(award)s of %(recipient)s is withdrawn before approval: it never counts and leaves the approvers' "
                "list. This cannot be undone; a corrected honour is recorded afresh."
            )
            % names,
            "button": _("Withdraw"),
            "done": _(
                "Honour withdrawn: it counts nowhere and no longer waits for approval. Record a corrected honour if "
                "one is due."
            ),
        }


class HonourCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Step one (no recipient in the query) asks whom the honour goes to; step two records it."""

    permission_required = "honours.add_honour"
    template_name = "honours/honour_form.html"
    form_class = HonourForm

    def dispatch(self, request, *args, **kwargs):
        self.person = self.unit = None
        if request.user.is_authenticated:
            if person_id := request.GET.get("person"):
                self.person = get_object_or_404(people_for_honours(request.user), pk=_int_or_404(person_id))
            elif unit_id := request.GET.get("unit"):
                self.unit = get_object_or_404(units_for_honours(request.user), pk=_int_or_404(unit_id))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.person is None and self.unit is None:
            return self.choose_recipient()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.person is None and self.unit is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def choose_recipient(self):
        user = self.request.user
        form = RecipientForm(
            self.request.GET if "badge_number" in self.request.GET else None,
            people=people_for_honours(user),
            units=units_for_honours(user),
        )
        if form.is_bound and form.is_valid():
            chosen = {"person": form.cleaned_data["person"].pk} if form.cleaned_data.get("person") else {}
            chosen = chosen or {"unit": form.cleaned_data["unit"].pk}
            return redirect(f"{reverse('honours:honour_create')}?{urlencode(chosen)}")
        return self.render_to_response({"recipient_form": form, "view": self})

    def get_form_kwargs(self):
        deeds = honourable_deeds(person=self.person, unit=self.unit)
        return {**super().get_form_kwargs(), "deeds": deeds, "person": self.person, "unit": self.unit}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, unit=self.unit, **kwargs)

    def _earlier_message(self, earlier) -> str:
        message = _(
            "Within a year %(person)s already received %(award)s (%(date)s, %(issuer)s): check the same or a "
            "lower award is not given twice."
        )
        return message % {
            "person": self.person.name,
            "award": earlier.award_type.name,
            "date": f"{earlier.awarded_on:%Y-%m-%d}",
            "issuer": earlier.issuer.name,
        }

    def form_valid(self, form):
        # The 条令's year rule: a same-or-lower award within a year is named on the form before anything is recorded.
        # Awards for the same deeds are the once-per-deed rule's, refused by the service unless overridden.
        earlier = services.earlier_awards(
            person=self.person, award_type=form.cleaned_data["award_type"], awarded_on=form.cleaned_data["awarded_on"]
        ).exclude(deeds__in=list(form.cleaned_data.get("deeds") or []))
        if earlier and not self.request.POST.get("confirm_earlier"):
            warnings = [self._earlier_message(honour) for honour in earlier]
            return self.render_to_response(self.get_context_data(form=form, earlier_warnings=warnings))
        try:
            honour = services.record_honour(
                person=self.person, unit=self.unit, by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Honour recorded: it counts once another leader or political officer approves it.")
        )
        return redirect("honours:honour_detail", pk=honour.pk)


def _int_or_404(value: str) -> int:
    if not value.isdigit():
        raise Http404
    return int(value)


class HonourRevokeView(VisibleHonourMixin, FormView):
    permission_required = "honours.revoke_honour"
    template_name = "honours/honour_revoke.html"
    form_class = RevocationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "approvers": revocation_approvers_for(self.object)}

    def get_initial(self):
        return {"approved_by": self.request.user.pk}

    def get_context_data(self, **kwargs):
        return super().get_context_data(honour=self.object, **kwargs)

    def form_valid(self, form):
        honour = self.object
        try:  # a refused revocation is named on the form before anyone is asked to confirm it
            services.check_revocation(honour, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        asked = confirmation_needed(
            self.request,
            title=_("Revoke this honour?"),
            message=_(
                "%(award)s of %(recipient)s is revoked: it leaves the board and the figures, and what was derived "
                "from it is flagged. This cannot be undone."
            )
            % {"award": honour.award_type.name, "recipient": honour.recipient_name},
            button=_("Revoke"),
            cancel_url=reverse("honours:honour_detail", args=[honour.pk]),
            danger=True,
        )
        if asked is not None:
            return asked
        try:
            services.revoke_honour(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Honour revoked."))
        return redirect("honours:honour_detail", pk=self.object.pk)


class FiguresView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """How many people received which award from which issuer in a year, for a unit's subtree."""

    permission_required = "honours.view_figures"
    template_name = "honours/figures.html"

    def get_context_data(self, **kwargs):
        units = units_for_honour_lists(self.request.user)
        data = self.request.GET if "year" in self.request.GET else {"year": timezone.localdate().year}
        form = FiguresForm(data, units=units)
        rows, year, unit = [], None, None
        if form.is_valid():
            year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
            if unit is not None:
                units = units.filter(within("path", unit.path))
            rows = honour_figures(units, year)
        return super().get_context_data(form=form, rows=rows, year=year, unit=unit, **kwargs)
