"""The quarterly publicity plan: plans in scope with done / pending / slipped counts, a plan's items with their
status, adding items, and matching an item to the placement, event or story that carried it out."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.policy import within
from qunying.publicity import services
from qunying.publicity.enums import PlanItemKind, PlanItemStatus
from qunying.publicity.outreach_forms import PlanForm, PlanItemForm
from qunying.publicity.outreach_queries import (
    events_visible_to,
    placements_visible_to,
    plan_items,
    plan_items_visible_to,
    plans_visible_to,
    units_written_by,
)
from qunying.publicity.queries import stories_visible_to
from qunying.publicity.rules import policy
from qunying.publicity.services.plans import quarter_of

UNMATCHED = Q(items__placement__isnull=True, items__event__isnull=True, items__story__isnull=True)


def candidates(user, plan, kind):
    """Records of a kind, in the plan's unit subtree, that carry out no plan item yet (newest 50)."""
    if kind == PlanItemKind.PLACEMENT:
        records = placements_visible_to(user)
    elif kind == PlanItemKind.EVENT:
        records = events_visible_to(user)
    else:
        records = stories_visible_to(user).order_by("-created_at", "-pk")
    return list(records.filter(within("unit__path", plan.unit.path), plan_item__isnull=True)[:50])


class PlanListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_plans"
    template_name = "publicity/plan_list.html"
    extra_context = {
        "title": gettext_lazy("Publicity plans"),
        "export_url": "publicity:plan_export",
        "empty_icon": "calendar3",
        "empty_title": gettext_lazy("No publicity plans yet"),
    }

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        plans = (
            plans_visible_to(self.request.user)
            .annotate(
                total=Count("items"),
                done=Count("items") - Count("items", filter=UNMATCHED),
                slipped=Count("items", filter=UNMATCHED & Q(items__due_on__lt=today)),
            )
            .order_by("-year", "-quarter", "unit__path")
        )
        return super().get_context_data(page=paginate(self.request, plans), **kwargs)


class PlanCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "publicity.manage_plans"
    template_name = "publicity/plan_form.html"

    def get_form(self, form_class=None):
        user = self.request.user
        year, quarter = quarter_of(timezone.localdate())
        return PlanForm(
            self.request.POST or None,
            initial={"year": year, "quarter": quarter},
            units=units_written_by(user),
        )

    def form_valid(self, form):
        try:
            plan = services.create_plan(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("publicity:plan_detail", pk=plan.pk)


class PlanDetailView(ScopedObjectMixin, FormView):
    """The plan's items with their status; the add-item form posts here."""

    permission_required = "publicity.view_plan"
    template_name = "publicity/plan_detail.html"
    form_class = PlanItemForm

    def scope(self, user):
        return plans_visible_to(user)

    @property
    def plan(self):
        return self.object

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        items, found = list(plan_items(self.plan)), {}
        for item in items:
            item.status = item.status_on(today)
            item.candidates = []
            if user.has_perm("publicity.match_plan_item", item):
                if item.kind not in found:  # one query per kind, not per item
                    found[item.kind] = candidates(user, self.plan, item.kind)
                item.candidates = found[item.kind]
        counts = {status: sum(1 for item in items if item.status == status) for status in PlanItemStatus.values}
        return super().get_context_data(plan=self.plan, items=items, counts=counts, **kwargs)

    def post(self, request, *args, **kwargs):
        policy.require(request.user, "edit_plan", self.plan)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.add_plan_item(self.plan, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The item was added to the plan."))
        return redirect("publicity:plan_detail", pk=self.plan.pk)


class PlanItemMatchView(ScopedObjectMixin, View):
    """POST: the record (one of the candidates) that carried out the item."""

    permission_required = "publicity.match_plan_item"

    def scope(self, user):
        return plan_items_visible_to(user)

    def post(self, request, pk):
        item = self.object
        chosen = request.POST.get("record")
        record = next((r for r in candidates(request.user, item.plan, item.kind) if str(r.pk) == chosen), None)
        if record is None:
            messages.error(request, _("Please choose what carried out this item."))
            return redirect("publicity:plan_detail", pk=item.plan_id)
        try:
            services.match_plan_item(item, record=record, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The item is marked done."))
        return redirect("publicity:plan_detail", pk=item.plan_id)
