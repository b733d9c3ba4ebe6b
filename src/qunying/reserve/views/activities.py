"""Practice activity pages: the filtered list and its Excel export, recording and editing an activity, its page with
the exemplars featured and the materials (uploaded, served only in scope, removed)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import AttachFileView, ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds.evidence import CONTENT_TYPES
from qunying.org.models import Person
from qunying.reserve.forms import ActivityFilterForm, ActivityForm, MaterialForm
from qunying.reserve.queries import (
    activities_visible_to,
    featurable_people,
    filter_activities,
    materials_visible_to,
    units_for_activities,
    units_for_reserve,
)
from qunying.reserve.services import activities as services
from qunying.reserve.services.export import export_activities


class ActivityListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_activities"
    template_name = "reserve/activity_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = ActivityFilterForm(self.request.GET or None, units=units_for_reserve(user))
        activities = filter_activities(activities_visible_to(user), **form.filters())
        return super().get_context_data(form=form, page=paginate(self.request, activities), **kwargs)


class ActivityExportView(ExcelExportView):
    permission_required = "reserve.view_activities"
    filename = "实践活动"
    filter_form = ActivityFilterForm

    def get_form_kwargs(self) -> dict:
        return {"units": units_for_reserve(self.request.user)}

    def get_queryset(self, filters: dict):
        return filter_activities(activities_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters: dict) -> int:
        return export_activities(queryset, target, by=self.request.user, filters=filters)


def _activity_data(form) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "title": data["title"],
        "date": data["date"],
        "place": data["place"],
        "unit": data["unit"],
        "people": data["people"],
        "audience_size": data["audience_size"],
        "materials": data.get("materials", ""),
    }


class ActivityCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.add_activity"
    template_name = "reserve/activity_form.html"

    def get_form(self, form_class=None):
        user = self.request.user
        return ActivityForm(
            self.request.POST or None,
            self.request.FILES or None,
            units=units_for_activities(user),
            people=featurable_people(user),
        )

    def form_valid(self, form):
        try:
            activity = services.create_activity(
                **_activity_data(form), upload=form.cleaned_data.get("file"), by=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity has been recorded."))
        return redirect("reserve:activity_detail", pk=activity.pk)


class ActivityUpdateView(ScopedObjectMixin, FormView):
    permission_required = "reserve.change_activity"
    template_name = "reserve/activity_form.html"

    def scope(self, user):
        return activities_visible_to(user)

    def get_form(self, form_class=None):
        user, activity = self.request.user, self.object
        featured = list(activity.people.values_list("pk", flat=True))
        people = Person.objects.filter(
            Q(pk__in=featurable_people(user).values("pk")) | Q(pk__in=featured)
        ).select_related("unit")
        initial = {
            "kind": activity.kind,
            "title": activity.title,
            "date": activity.date,
            "place": activity.place,
            "unit": activity.unit,
            "people": featured,
            "audience_size": activity.audience_size,
            "materials": activity.materials,
        }
        return ActivityForm(
            self.request.POST or None,
            initial=initial,
            units=units_for_activities(user),
            people=people.order_by("unit__path", "name_pinyin", "pk"),
            editing=True,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_activity(self.object, **_activity_data(form), by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The activity has been saved."))
        return redirect("reserve:activity_detail", pk=self.object.pk)


class ActivityDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "reserve.view_activities"
    template_name = "reserve/activity_detail.html"

    def scope(self, user):
        return activities_visible_to(user)

    def get_context_data(self, **kwargs):
        activity = self.object
        return super().get_context_data(
            activity=activity,
            people=activity.people.select_related("unit").order_by("name_pinyin", "pk"),
            files=activity.files.all(),
            material_form=MaterialForm(),
            **kwargs,
        )


class MaterialAddView(AttachFileView):
    permission_required = "reserve.change_activity"
    form_class = MaterialForm
    success_message = gettext_lazy("The file has been attached.")
    detail_url_name = "reserve:activity_detail"

    def scope(self, user):
        return activities_visible_to(user)

    def attach(self, *, upload, description):
        services.attach_material(self.object, upload=upload, description=description, by=self.request.user)


class MaterialFileView(ScopedObjectMixin, View):
    """A material is served only to those who may read its activity (a 404 for anyone else)."""

    permission_required = "reserve.view_activities"

    def scope(self, user):
        return materials_visible_to(user)

    def get_permission_object(self):
        return self.object.activity

    def get(self, request, pk):
        material = self.object
        return stored_file_response(
            material.file,
            content_type=CONTENT_TYPES.get(material.file_type, "application/octet-stream"),
            filename=material.original_filename,
            as_attachment=material.file_type == "docx",
        )


class MaterialRemoveView(ScopedObjectMixin, View):
    permission_required = "reserve.change_activity"

    def scope(self, user):
        return materials_visible_to(user).select_related("activity__unit")

    def get_permission_object(self):
        return self.object.activity

    def post(self, request, pk):
        try:
            services.remove_material(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file has been removed."))
        return redirect("reserve:activity_detail", pk=self.object.activity_id)
