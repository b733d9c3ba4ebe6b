"""Forum pages (警民座谈): list, record, edit, feedback items, and an item naming officers turned into a deed."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds import services
from qunying.deeds.forms import ConvertForm, FeedbackForm, ForumForm
from qunying.deeds.models import ForumFeedback
from qunying.deeds.queries import feedback_of, forums_visible_to, units_for_deed_editing
from qunying.org.models import Person
from qunying.org.queries import people_visible_to, units_visible_to


class ForumListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "deeds.view_forums"
    template_name = "deeds/forum_list.html"

    def get_context_data(self, **kwargs):
        forums = (
            forums_visible_to(self.request.user)
            .annotate(items=Count("feedback", distinct=True))
            .prefetch_related("units")
            .order_by("-date", "-id")
        )
        return super().get_context_data(page=paginate(self.request, forums), **kwargs)


def _forum_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "date": data["date"],
        "place": data["place"],
        "units": list(data["units"]),
        "attendees": data["attendees"] or 0,
        "notes": data["notes"],
    }


class ForumCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "deeds.add_forum"
    template_name = "deeds/forum_form.html"
    form_class = ForumForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "organisers": units_for_deed_editing(user),
            "participants": units_visible_to(user),
        }

    def form_valid(self, form):
        try:
            forum = services.create_forum(unit=form.cleaned_data["unit"], by=self.request.user, **_forum_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Forum recorded. Now add what was said."))
        return redirect("deeds:forum_detail", pk=forum.pk)


class ForumUpdateView(ScopedObjectMixin, FormView):
    permission_required = "deeds.change_forum"
    template_name = "deeds/forum_form.html"
    form_class = ForumForm

    def scope(self, user):
        return forums_visible_to(user)

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "organisers": units_for_deed_editing(user),
            "participants": units_visible_to(user),
            "editing": True,
        }

    def get_initial(self):
        forum = self.object
        return {
            "date": forum.date,
            "place": forum.place,
            "units": list(forum.units.all()),
            "attendees": forum.attendees,
            "notes": forum.notes,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(forum=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_forum(self.object, by=self.request.user, **_forum_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The forum is saved. What was said is recorded below it."))
        return redirect("deeds:forum_detail", pk=self.object.pk)


class ForumDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "deeds.view_forum"
    template_name = "deeds/forum_detail.html"

    def scope(self, user):
        return forums_visible_to(user).prefetch_related("units")

    def get_context_data(self, **kwargs):
        forum, user = self.object, self.request.user
        may_edit = user.has_perm("deeds.change_forum", forum)
        return super().get_context_data(
            forum=forum,
            feedback=feedback_of(forum),
            feedback_form=FeedbackForm(people=Person.objects.none()) if may_edit else None,
            convert_form=ConvertForm() if may_edit else None,
            **kwargs,
        )


class FeedbackAddView(ScopedObjectMixin, View):
    permission_required = "deeds.change_forum"

    def scope(self, user):
        return forums_visible_to(user)

    def post(self, request, pk):
        form = FeedbackForm(request.POST, people=people_visible_to(request.user))
        if form.is_valid():
            try:
                services.add_forum_feedback(
                    self.object, text=form.cleaned_data["text"], officers=form.cleaned_data["officers"], by=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Feedback added."))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("deeds:forum_detail", pk=self.object.pk)


class FeedbackConvertView(ScopedObjectMixin, View):
    permission_required = "deeds.change_forum"

    def scope(self, user):
        return ForumFeedback.objects.filter(forum__in=forums_visible_to(user)).select_related("forum__unit")

    def get_permission_object(self):
        return self.object.forum

    def post(self, request, pk):
        form = ConvertForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("deeds:forum_detail", pk=self.object.forum_id)
        try:
            deed = services.convert_feedback_to_deed(
                self.object, title=form.cleaned_data["title"], hazard=form.cleaned_data["hazard"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("deeds:forum_detail", pk=self.object.forum_id)
        messages.success(request, _("The feedback became a proposed deed."))
        return redirect("deeds:deed_detail", pk=deed.pk)
