"""Duty event pages: list, create and edit, the roster (by hand or from Excel) and mass entry of deeds."""

import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.confirm import confirmation_needed
from qunying.core.exports import workbook_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.sheets import SheetError
from qunying.deeds import services
from qunying.deeds.enums import DutyEventKind
from qunying.deeds.forms import DutyEventForm, MassEntryForm, RosterEntryForm, UploadForm
from qunying.deeds.models import RosterEntry
from qunying.deeds.queries import (
    annotate_event_counts,
    events_visible_to,
    roster_of,
    units_for_deed_editing,
)
from qunying.deeds.roster import check_duty_roster, write_template
from qunying.deeds.rules import policy
from qunying.org.models import Person, Unit
from qunying.org.queries import people_editable_by, units_visible_to

ROSTER_PAGE_SIZE = 50
IMPORT_ERRORS_SHOWN = 200


class EventListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "deeds.view_events"
    template_name = "deeds/event_list.html"

    def get_context_data(self, **kwargs):
        events = annotate_event_counts(events_visible_to(self.request.user))
        kind = self.request.GET.get("kind", "")
        if kind in DutyEventKind.values:
            events = events.filter(kind=kind)
        return super().get_context_data(
            page=paginate(self.request, events.order_by("-starts_on", "-id")),
            kinds=DutyEventKind.choices,
            kind=kind,
            **kwargs,
        )


class EventFormMixin:
    template_name = "deeds/event_form.html"
    form_class = DutyEventForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "organisers": units_for_deed_editing(user),
            "participants": units_visible_to(user),
        }

    def fields_from(self, form) -> dict:
        keys = ("kind", "name", "starts_on", "ends_on", "description")
        return {key: form.cleaned_data[key] for key in keys} | {"units": list(form.cleaned_data["units"])}


class EventCreateView(LoginRequiredMixin, PermissionRequiredMixin, EventFormMixin, FormView):
    permission_required = "deeds.add_event"

    def form_valid(self, form):
        try:
            event = services.create_duty_event(
                unit=form.cleaned_data["unit"], by=self.request.user, **self.fields_from(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Duty event created. Now add its roster."))
        return redirect("deeds:event_detail", pk=event.pk)


class EventUpdateView(ScopedObjectMixin, EventFormMixin, FormView):
    permission_required = "deeds.change_event"

    def scope(self, user):
        return events_visible_to(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_duty_event(self.object, by=self.request.user, **self.fields_from(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The duty event is saved. Check its roster below before entering deeds."))
        return redirect("deeds:event_detail", pk=self.object.pk)


class EventDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "deeds.view_event"
    template_name = "deeds/event_detail.html"

    def scope(self, user):
        return events_visible_to(user).prefetch_related("units")

    def get_context_data(self, **kwargs):
        event = self.object
        may_edit = self.request.user.has_perm("deeds.change_event", event)
        counts = dict(event.deeds.values_list("status").annotate(n=Count("pk")).order_by())
        # A joint event: other units' officers are counted, not named (issue 18 rule 7).
        named = policy.q(self.request.user, "view_roster_entry", RosterEntry)
        sizes = event.roster.aggregate(everyone=Count("pk"), named=Count("pk", filter=named))
        return super().get_context_data(
            event=event,
            page=paginate(self.request, roster_of(event).filter(named), per_page=ROSTER_PAGE_SIZE),
            others_on_roster=sizes["everyone"] - sizes["named"],
            deed_counts=counts,
            entry_form=RosterEntryForm(people=Person.objects.none()) if may_edit else None,
            **kwargs,
        )


class RosterAddView(ScopedObjectMixin, View):
    permission_required = "deeds.change_event"

    def scope(self, user):
        return events_visible_to(user)

    def post(self, request, pk):
        form = RosterEntryForm(request.POST, people=people_editable_by(request.user))
        if form.is_valid():
            data = form.cleaned_data
            person = data["person"]
            if not services.takes_part(self.object, person.unit):
                asked = confirmation_needed(
                    request,
                    title=_("Add %(person)s from a unit not taking part?") % {"person": person.name},
                    message=_(
                        "%(person)s belongs to %(unit)s, which is not among the units taking part in “%(event)s”. "
                        "Add them to the roster anyway?"
                    )
                    % {"person": person.name, "unit": person.unit.name, "event": self.object.name},
                    button=_("Add to the roster anyway"),
                    cancel_url=reverse("deeds:event_detail", args=[self.object.pk]),
                )
                if asked is not None:
                    return asked
            try:
                entry = services.add_roster_entry(
                    self.object,
                    person=person,
                    role=data["role"],
                    post=data["post"],
                    hours=data["hours"],
                    by=request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(person)s added to the roster.") % {"person": entry.person})
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}：{' '.join(errors)}" if label else " ".join(errors))
        return redirect("deeds:event_detail", pk=self.object.pk)


class RosterRemoveView(ScopedObjectMixin, View):
    permission_required = "deeds.change_event"

    def scope(self, user):
        return RosterEntry.objects.filter(event__in=events_visible_to(user)).select_related("event__unit", "person")

    def get_permission_object(self):
        return self.object.event

    def post(self, request, pk):
        services.remove_roster_entry(self.object, by=request.user)
        messages.success(request, _("%(person)s removed from the roster.") % {"person": self.object.person})
        return redirect("deeds:event_detail", pk=self.object.event_id)


class RosterTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "deeds.add_event"

    def get(self, request):
        return workbook_response(write_template, "执勤名单模板.xlsx")


class RosterImportView(ScopedObjectMixin, FormView):
    """Upload a duty roster: every problem listed by row and column, or every row imported; never half of it."""

    permission_required = "deeds.change_event"
    template_name = "deeds/roster_import.html"
    form_class = UploadForm

    def scope(self, user):
        return events_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.object, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            with tempfile.TemporaryFile() as copy:
                for chunk in upload.chunks():
                    copy.write(chunk)
                copy.seek(0)
                checked = check_duty_roster(copy, people=people_editable_by(self.request.user))
        except SheetError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if checked.errors:
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    row_errors=checked.errors[:IMPORT_ERRORS_SHOWN],
                    error_count=len(checked.errors),
                )
            )
        try:
            summary = services.import_roster_rows(self.object, rows=checked.rows, by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Roster imported: %(added)d added, %(updated)d updated, %(unchanged)d unchanged.") % summary,
        )
        return redirect("deeds:event_detail", pk=self.object.pk)


class MassEntryView(ScopedObjectMixin, FormView):
    """One narrative for many officers at once: a proposed deed each, with their own role and hours."""

    permission_required = "deeds.change_event"
    template_name = "deeds/mass_entry.html"
    form_class = MassEntryForm

    def scope(self, user):
        return events_visible_to(user)

    def get_form_kwargs(self):
        # The roster's people whose deeds this user records (a joint event's other units enter their own).
        people = Person.objects.filter(
            pk__in=self.object.roster.values("person_id"),
            unit__in=policy.filter(self.request.user, "record_for", Unit.objects.all()),
        ).select_related("unit")
        return {**super().get_form_kwargs(), "roster_people": people.order_by("unit__path", "name_pinyin")}

    def get_initial(self):
        return {"date": self.object.ends_on, "title": self.object.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.object, roster_size=self.object.roster.count(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            deeds = services.propose_deeds_from_roster(
                self.object,
                title=data["title"],
                narrative=data["narrative"],
                date=data["date"],
                hazard=data["hazard"],
                people=list(data["people"]),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)d deeds proposed. Verify them below.") % {"n": len(deeds)})
        return redirect(f"{reverse('deeds:deed_verification')}?event={self.object.pk}")
