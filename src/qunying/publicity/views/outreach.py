"""Media placements and outreach events: lists with filters and Excel export, create and edit pages. Both pages
share one shape, parameterised per record type."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.exports import workbook_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.org.queries import people_visible_to, units_visible_to
from qunying.publicity import services
from qunying.publicity.outreach_forms import (
    EventFilterForm,
    EventForm,
    PlacementFilterForm,
    PlacementForm,
    badges_of,
)
from qunying.publicity.outreach_queries import (
    events_visible_to,
    filter_events,
    filter_placements,
    open_plan_items,
    placements_visible_to,
    units_written_by,
)
from qunying.publicity.queries import stories_visible_to


class Kind:
    """What differs between placements and events."""

    def __init__(self, *, name, visible, filter, filter_form, form, create, update, export, people_field, filename):
        self.name, self.visible, self.filter, self.filter_form = name, visible, filter, filter_form
        self.form, self.create, self.update, self.export = form, create, update, export
        self.people_field, self.filename = people_field, filename


# What a saved record becomes: part of the publicity report (the message says so, not just "saved").
SAVED = {
    "placement": gettext_lazy("The media placement is saved; it is included in the publicity report."),
    "event": gettext_lazy("The outreach event is saved; it is included in the publicity report."),
}
PLACEMENTS = Kind(
    name="placement",
    visible=placements_visible_to,
    filter=filter_placements,
    filter_form=PlacementFilterForm,
    form=PlacementForm,
    create=services.create_placement,
    update=services.update_placement,
    export=services.export_placements,
    people_field="people",
    filename="媒体投放",
)
EVENTS = Kind(
    name="event",
    visible=events_visible_to,
    filter=filter_events,
    filter_form=EventFilterForm,
    form=EventForm,
    create=services.create_event,
    update=services.update_event,
    export=services.export_events,
    people_field="speakers",
    filename="宣讲活动",
)


def _filtered(kind: Kind, request):
    user = request.user
    form = kind.filter_form(request.GET or None, units=units_visible_to(user))
    return form, kind.filter(kind.visible(user), **form.filters())


class RecordListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_outreach"
    kind: Kind

    def get_context_data(self, **kwargs):
        form, records = _filtered(self.kind, self.request)
        return super().get_context_data(form=form, page=paginate(self.request, records), **kwargs)


class RecordExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "publicity.view_outreach"
    kind: Kind

    def get(self, request):
        form, records = _filtered(self.kind, request)
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        return workbook_response(
            lambda target: self.kind.export(records, target, by=request.user, filters=form.filters()),
            f"{self.kind.filename}-{timezone.localdate():%Y%m%d}.xlsx",
        )


class RecordFormMixin:
    """Create (RecordCreateView) or edit (RecordUpdateView) a placement or an event."""

    kind: Kind
    template_name = "publicity/record_form.html"
    record = None

    def get_form(self, form_class=None):
        user, record = self.request.user, self.record
        options = {"units": units_written_by(user), "people": people_visible_to(user)}
        if self.kind is PLACEMENTS:
            options["stories"] = stories_visible_to(user).order_by("-created_at")
        if record is None:
            options["plan_items"] = open_plan_items(user, self.kind.name)
        initial = {}
        if record is not None:
            fields = self.kind.form.base_fields
            people_field = self.kind.people_field
            initial = {name: getattr(record, name) for name in fields if hasattr(record, name) and name != people_field}
            initial[self.kind.people_field] = badges_of(getattr(record, self.kind.people_field).all())
        form = self.kind.form(self.request.POST or None, initial=initial, **options)
        if record is not None:
            del form.fields["unit"]  # a record stays with its unit
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, kind=self.kind.name, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            if self.record is None:
                self.kind.create(by=self.request.user, **data)
            else:
                self.kind.update(self.record, by=self.request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, SAVED[self.kind.name])
        return redirect(f"publicity:{self.kind.name}_list")


class RecordCreateView(RecordFormMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "publicity.manage_outreach"


class RecordUpdateView(RecordFormMixin, ScopedObjectMixin, FormView):
    """Edit a record of the user's units (404 outside them), if the user writes for its unit (403 otherwise)."""

    def scope(self, user):
        return self.kind.visible(user)

    @property
    def record(self):
        return self.object


class PlacementListView(RecordListView):
    kind, template_name = PLACEMENTS, "publicity/placement_list.html"
    extra_context = {
        "title": gettext_lazy("Media placements"),
        "export_url": "publicity:placement_export",
        "empty_icon": "broadcast",
        "empty_title": gettext_lazy("No media placements match"),
    }


class PlacementExportView(RecordExportView):
    kind = PLACEMENTS


class PlacementCreateView(RecordCreateView):
    kind = PLACEMENTS


class PlacementUpdateView(RecordUpdateView):
    kind, permission_required = PLACEMENTS, "publicity.change_placement"


class EventListView(RecordListView):
    kind, template_name = EVENTS, "publicity/event_list.html"
    extra_context = {
        "title": gettext_lazy("Outreach events"),
        "export_url": "publicity:event_export",
        "empty_icon": "mic",
        "empty_title": gettext_lazy("No outreach events match"),
    }


class EventExportView(RecordExportView):
    kind = EVENTS


class EventCreateView(RecordCreateView):
    kind = EVENTS


class EventUpdateView(RecordUpdateView):
    kind, permission_required = EVENTS, "publicity.change_event"
