"""Shared pieces of the care pages: care-officer access with audited reads, one-object pages fetched through the
care policy (ScopedObjectMixin: 404 outside the user's units, then the page's own permission), a table list with
filters, pagination and an Excel export of the same rows, and POST actions that call one service and report its
refusal."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.care.forms import PersonFilterForm
from qunying.care.queries import care_people, care_units
from qunying.care.services import record_read
from qunying.care.services.common import export_table
from qunying.core.exports import workbook_response
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class AuditedReadMixin:
    def audit_read(self, obj, what: str, **data) -> None:
        record_read(obj, what, by=self.request.user, data=data)


class CareMixin(AuditedReadMixin, LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "care.view_care"


class CareObjectMixin(AuditedReadMixin, ScopedObjectMixin):
    """A page of one care record: `scope(user)` is the record kind's `*_visible_to`, `permission_required` the
    declared action asked of the record."""


class PersonParamMixin:
    """Pages for one person of the care officer's scope, named by `?person=<id>` (404 outside the scope), placed
    after the permission check: the page's permission is then asked of that person too."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                person_id = int(request.GET.get("person", ""))
            except ValueError:
                raise Http404 from None
            self.person = get_object_or_404(care_people(request.user), pk=person_id)
            if not request.user.has_perms(self.get_permission_required(), self.person):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CareListView(CareMixin, TemplateView):
    """A table of `columns` ((page header, file header, width)); `cells(obj)` gives the values, `link(obj)` the first
    cell's link. Subclasses set `what` (the audit name), `get_queryset(filters)`, `statuses` for a status filter."""

    template_name = "care/table_list.html"
    title = ""
    what = ""
    columns: tuple = ()
    statuses = None
    status_label = None
    filter_form = PersonFilterForm
    export_url = ""
    empty_hint = ""
    actions: tuple = ()  # (label, url name, icon) buttons above the table

    def get_form(self, data):
        if self.filter_form is None:
            return None
        kwargs = {"units": care_units(self.request.user)}
        if self.filter_form is PersonFilterForm:
            kwargs["statuses"] = self.statuses
            kwargs["status_label"] = self.status_label
        return self.filter_form(data or None, **kwargs)

    def link(self, obj) -> str:
        return ""

    def rows(self, objects):
        return [{"link": self.link(obj), "cells": self.cells(obj)} for obj in objects]

    def get_context_data(self, **kwargs):
        form = self.get_form(self.request.GET)
        page = paginate(self.request, self.get_queryset(form.filters() if form is not None else {}))
        self.audit_read(None, f"{self.what}.listed", ids=[obj.pk for obj in page.object_list])
        return super().get_context_data(
            title=self.title,
            form=form,
            page=page,
            rows=self.rows(page.object_list),
            headers=[header for header, _file, _width in self.columns],
            export_url=self.export_url,
            empty_hint=self.empty_hint,
            actions=self.actions,
            **kwargs,
        )


class CareExportMixin:
    """Mixed before a CareListView: GET gives the same rows (same filters, same scope) as a workbook."""

    filename = ""

    def get(self, request, *args, **kwargs):
        form = self.get_form(request.GET)
        if form is not None and form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        filters = form.filters() if form is not None else {}
        objects = self.get_queryset(filters)
        columns = [(file_header, width) for _header, file_header, width in self.columns]

        def write(target):
            with translation.override("zh-hans"):
                rows = (self.cells(obj) for obj in objects.iterator(chunk_size=2000))
                return export_table(
                    rows,
                    target,
                    columns=columns,
                    sheet_name=self.filename,
                    what=self.what,
                    by=request.user,
                    filters=filters,
                )

        return workbook_response(write, f"{self.filename}-{timezone.localdate():%Y%m%d}.xlsx")


class CareActionView(CareObjectMixin, View):
    """POST only: the object in scope and allowed the action (else 404 / 403), validate `form_class`, call
    `act(obj, data)`; a refusal of the input becomes a message on the page the action came from."""

    form_class = None
    success_message = ""

    def act(self, obj, data):
        raise NotImplementedError

    def redirect_to(self, obj):
        raise NotImplementedError

    def post(self, request, pk):
        obj = self.object
        form = self.form_class(request.POST, request.FILES) if self.form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.redirect_to(obj))
        try:
            self.act(obj, form.cleaned_data if form is not None else {})
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return redirect(self.redirect_to(obj))
