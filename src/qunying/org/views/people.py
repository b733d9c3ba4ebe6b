"""People pages: the list with filters, search and sorting, the profile with its timeline, create and edit."""

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.images import image_content_type
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.org import services
from qunying.org.forms import PersonFilterForm, PersonForm
from qunying.org.models import Person
from qunying.org.queries import (
    PERSON_SORTS,
    filter_people,
    people_editable_by,
    people_visible_to,
    units_for_people_editing,
    units_visible_to,
)
from qunying.org.timeline import timeline_for


class PersonListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "org.view_people"
    template_name = "org/person_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = PersonFilterForm(self.request.GET or None, units=units_visible_to(user))
        filters = form.filters()
        people = filter_people(people_visible_to(user), **filters)
        return super().get_context_data(
            form=form,
            page=paginate(self.request, people),
            sort=filters.get("sort") or "name",
            sorts=PERSON_SORTS,
            **kwargs,
        )


class VisiblePersonMixin(ScopedObjectMixin):
    """A person fetched through the user's scope: someone outside it is a 404, not a 403."""

    permission_required = "org.view_person"

    def scope(self, user):
        return people_visible_to(user)


class PersonDetailView(VisiblePersonMixin, TemplateView):
    template_name = "org/person_detail.html"

    def get_context_data(self, **kwargs):
        user, person = self.request.user, self.object
        return super().get_context_data(
            person=person,
            show_id_number=user.has_perm("org.view_person_id_number", person),
            show_phone=user.has_perm("org.view_person_phone", person),
            timeline=timeline_for(person),
            **kwargs,
        )


class PersonPhotoView(VisiblePersonMixin, View):
    """Photos are personal data: served through the same scope as the profile, never as public media."""

    def get(self, request, pk):
        photo = self.object.photo
        if not photo:
            raise Http404
        # The type comes from the extension the image service stored it under, never from the uploaded name.
        return stored_file_response(photo, content_type=image_content_type(photo.name))


class PersonFormMixin:
    template_name = "org/person_form.html"
    form_class = PersonForm

    def get_form_kwargs(self):
        user, person = self.request.user, getattr(self, "object", None)
        return {
            **super().get_form_kwargs(),
            "units": units_for_people_editing(user),
            "show_id_number": user.has_perm("org.view_person_id_number", person)
            if person
            else user.has_perm("org.add_person"),
            "show_phone": user.has_perm("org.view_person_phone", person) if person else user.has_perm("org.add_person"),
            "may_link_account": user.has_perm("org.link_person_account", person)
            if person
            else user.has_perm("org.link_person_account"),
        }

    def saved_fields(self, form) -> dict:
        data = dict(form.cleaned_data)
        if data.get("photo") is False:  # the "clear" box
            data["photo"] = ""
        elif data.get("photo") is None:
            data.pop("photo", None)
        return data


class PersonCreateView(LoginRequiredMixin, PermissionRequiredMixin, PersonFormMixin, FormView):
    permission_required = "org.add_person"

    def form_valid(self, form):
        try:
            person = services.create_person(by=self.request.user, **self.saved_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(person)s added.") % {"person": person})
        return redirect("org:person_detail", pk=person.pk)


class PersonUpdateView(ScopedObjectMixin, PersonFormMixin, FormView):
    permission_required = "org.change_person"

    def scope(self, user):
        return people_editable_by(user)

    def get_form_kwargs(self):
        # The form writes into its own copy; the service compares against the untouched record.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_person(self.object, by=self.request.user, **self.saved_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The record of %(person)s is saved.") % {"person": self.object.name})
        return redirect("org:person_detail", pk=self.object.pk)


class MyProfileView(LoginRequiredMixin, View):
    """Every officer's own record, for the member role's navigation."""

    def get(self, request):
        person = Person.objects.filter(user=request.user).only("pk").first()
        if person is None:
            raise Http404
        return redirect("org:person_detail", pk=person.pk)
