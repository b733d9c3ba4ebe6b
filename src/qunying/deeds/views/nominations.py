"""Public-nomination triage: the list (contacts masked), and the triage page (contact shown, search a person, link,
turn into a proposed deed, or reject with a reason)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds import services
from qunying.deeds.forms import ConvertForm, NominationFilterForm, ReasonForm
from qunying.deeds.queries import filter_nominations, nominations_visible_to, people_named_in
from qunying.org.queries import people_visible_to, search_people

SEARCH_RESULTS = 20


class NominationListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "deeds.triage_nominations"
    template_name = "deeds/nomination_list.html"

    def get_context_data(self, **kwargs):
        form = NominationFilterForm(self.request.GET or None)
        nominations = filter_nominations(nominations_visible_to(self.request.user), **form.filters())
        return super().get_context_data(form=form, page=paginate(self.request, nominations), **kwargs)


class NominationMixin(ScopedObjectMixin):
    permission_required = "deeds.triage_nomination"

    def scope(self, user):
        return nominations_visible_to(user)


class NominationDetailView(NominationMixin, TemplateView):
    template_name = "deeds/nomination_detail.html"

    def get_context_data(self, **kwargs):
        nomination, user = self.object, self.request.user
        q = self.request.GET.get("q", "").strip()[:50]
        if not q and not self.request.GET:
            q = nomination.officer_text[:50]  # what the citizen wrote, a name often inside a phrase
        results = []
        if q and user.has_perm("deeds.link_nomination", nomination):
            # The name, badge or pinyin as typed, or a name taken out of a sentence ("半汤派出所的李玲警官").
            scope = people_visible_to(user)
            found = search_people(scope, q) | people_named_in(scope, q)
            results = list(found.order_by("name_pinyin")[:SEARCH_RESULTS])
        convert_form = None
        if user.has_perm("deeds.convert_nomination", nomination):
            title = _("Citizen's praise: %(officer)s") % {"officer": nomination.person.name}
            convert_form = ConvertForm(initial={"title": title})
        return super().get_context_data(
            nomination=nomination,
            repeat_count=nomination.repeats.count(),
            q=q,
            results=results,
            reject_form=ReasonForm(),
            convert_form=convert_form,
            **kwargs,
        )


class NominationTriageView(NominationMixin, View):
    permission_required = "deeds.mark_nomination_triaged"

    def post(self, request, pk):
        try:
            services.triage_nomination(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Marked as triaged. Next: link it to the officer, or reject it with a reason."))
        return redirect("deeds:nomination_detail", pk=self.object.pk)


class NominationLinkView(NominationMixin, View):
    permission_required = "deeds.link_nomination"

    def post(self, request, pk):
        person_id = request.POST.get("person", "")
        person = get_object_or_404(people_visible_to(request.user), pk=int(person_id) if person_id.isdigit() else 0)
        try:
            services.link_nomination(self.object, person=person, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Linked to %(person)s. Next: turn it into a proposed deed for verification.") % {"person": person},
            )
        return redirect("deeds:nomination_detail", pk=self.object.pk)


class NominationConvertView(NominationMixin, View):
    permission_required = "deeds.convert_nomination"

    def post(self, request, pk):
        form = ConvertForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("deeds:nomination_detail", pk=self.object.pk)
        try:
            deed = services.convert_nomination_to_deed(
                self.object, title=form.cleaned_data["title"], hazard=form.cleaned_data["hazard"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("deeds:nomination_detail", pk=self.object.pk)
        messages.success(request, _("The nomination became a proposed deed; it now awaits verification."))
        return redirect("deeds:deed_detail", pk=deed.pk)


class NominationRejectView(NominationMixin, View):
    permission_required = "deeds.reject_nomination"

    def post(self, request, pk):
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                services.reject_nomination(self.object, reason=form.cleaned_data["reason"], by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Nomination rejected."))
        else:
            messages.error(request, _("Please give the reason for rejecting it."))
        return redirect("deeds:nomination_detail", pk=self.object.pk)
