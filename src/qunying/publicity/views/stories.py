"""Story pages for the staff: write and edit a story (with a preview of its body), take it through review, add and
remove its photos, serve a photo within scope. One-story pages fetch through ScopedObjectMixin and ask the declared
action of the story."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns.queries import campaigns_visible_to
from qunying.core.confirm import confirmation_needed
from qunying.core.exports import workbook_response
from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.images import CONTENT_TYPES
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds.queries import deeds_visible_to
from qunying.honours.queries import honours_visible_to
from qunying.org.queries import people_visible_to, units_visible_to
from qunying.publicity import services
from qunying.publicity.enums import PlanItemKind, StoryStatus
from qunying.publicity.models import StoryPhoto
from qunying.publicity.outreach_forms import PhotoForm, StoryFilterForm, StoryForm, badges_of
from qunying.publicity.outreach_queries import filter_stories, open_plan_items, units_written_by
from qunying.publicity.queries import stories_visible_to
from qunying.publicity.rendering import render_markdown
from qunying.publicity.rules import policy

LINKS = ("columns", "deeds", "honours", "campaigns")


def _link_choices(user, people_ids):
    """Deeds and honours of the featured people the user may see; campaigns the user may see."""
    return {
        "deeds": deeds_visible_to(user).filter(participants__person__in=people_ids).distinct().order_by("-date"),
        "honours": honours_visible_to(user).filter(person__in=people_ids).order_by("-awarded_on"),
        "campaigns": campaigns_visible_to(user),
    }


class StoryPreviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """POST only (htmx, from the editor as it is typed in): the body rendered exactly as the published story is,
    through the same Markdown renderer and sanitiser. It reads nothing stored, so the writers' permission suffices."""

    permission_required = "publicity.write_stories"

    def post(self, request):
        body = request.POST.get("body", "")[: StoryForm.base_fields["body"].max_length]
        return render(request, "publicity/_story_preview.html", {"preview": render_markdown(body)})


class PreviewMixin:
    """The editor's preview beside the form: refreshed by htmx while typing; without JavaScript the 预览 button posts
    the form, which comes back as typed (unsaved, unvalidated) with the rendered body."""

    def get_form(self, form_class=None):
        return self._with_preview(self.story_form(self.request.POST or None))

    def _with_preview(self, form):
        form.fields["body"].widget.attrs.update(
            {
                "hx-post": reverse("publicity:story_preview"),
                "hx-trigger": "input changed delay:500ms",
                "hx-target": "#qy-story-preview",
                "aria-controls": "qy-story-preview",
            }
        )
        return form

    def post(self, request, *args, **kwargs):
        if "preview" not in request.POST:
            return super().post(request, *args, **kwargs)
        bound = self.get_form()
        typed = {
            name: field.widget.value_from_datadict(request.POST, request.FILES, bound.add_prefix(name))
            for name, field in bound.fields.items()
        }
        form = self._with_preview(self.story_form(None))  # unbound: what was typed, without errors
        form.initial = typed
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = render_markdown(context["form"]["body"].value() or "")
        return context


class StoryCreateView(PreviewMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "publicity.write_stories"
    template_name = "publicity/story_form.html"

    def story_form(self, data):
        user = self.request.user
        return StoryForm(
            data,
            units=units_written_by(user),
            people=people_visible_to(user),
            plan_items=open_plan_items(user, PlanItemKind.STORY),
            **_link_choices(user, []),
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            story = services.create_story(
                title=data["title"],
                body=data["body"],
                unit=data["unit"],
                people=data["people"],
                columns=data["columns"],
                campaigns=data["campaigns"],
                plan_item=data["plan_item"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The story was saved as a draft."))
        return redirect("publicity:story_detail", pk=story.pk)


class StoryObjectMixin(ScopedObjectMixin):
    """A page of one story of the user's units, allowed the page's declared action on it."""

    def scope(self, user):
        return stories_visible_to(user)

    @property
    def story(self):
        return self.object


class StoryUpdateView(PreviewMixin, StoryObjectMixin, FormView):
    permission_required = "publicity.edit_story"
    template_name = "publicity/story_form.html"

    def story_form(self, data):
        user, story = self.request.user, self.story
        people = list(story.people.order_by("name", "pk"))
        initial = {
            "title": story.title,
            "body": story.body,
            "people": badges_of(people),
            **{name: getattr(story, name).all() for name in LINKS},
        }
        return StoryForm(
            data,
            initial=initial,
            units=units_visible_to(user),
            people=people_visible_to(user),
            editing=True,
            **_link_choices(user, [p.pk for p in people]),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(story=self.story, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            fields = {name: data[name] for name in ("title", "body", "people", *LINKS)}
            services.update_story(self.story, by=self.request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft is saved. Submit it for review when it is ready."))
        return redirect("publicity:story_detail", pk=self.story.pk)


class PhotoAddView(StoryObjectMixin, FormView):
    permission_required = "publicity.add_story_photo"
    template_name = "publicity/photo_form.html"
    form_class = PhotoForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(story=self.story, **kwargs)

    def form_valid(self, form):
        try:
            data = form.cleaned_data
            services.add_story_photo(self.story, upload=data["photo"], caption=data["caption"], by=self.request.user)
        except ValidationError as error:
            form.add_error("photo", error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("The photo was added."))
        return redirect("publicity:story_detail", pk=self.story.pk)


class PhotoRemoveView(ScopedObjectMixin, View):
    """POST only: remove a story's photo."""

    permission_required = "publicity.remove_story_photo"

    def scope(self, user):
        return StoryPhoto.objects.filter(story__in=stories_visible_to(user)).select_related("story__unit")

    def post(self, request, pk):
        services.remove_story_photo(self.object, by=request.user)
        messages.success(request, _("The photo was removed."))
        return redirect("publicity:story_detail", pk=self.object.story_id)


def photo_response(photo: StoryPhoto) -> FileResponse:
    """The type stored with the photo (what the image service found), never a name; drafts are kept out of caches."""
    return stored_file_response(photo.file, content_type=CONTENT_TYPES.get(photo.file_type, "application/octet-stream"))


class PhotoView(ScopedObjectMixin, View):
    """A story's photo for the staff who may read the story, or for any officer once it is published."""

    permission_required = "publicity.view_story_photo"

    def scope(self, user):
        return policy.filter(user, "view_story_photo", StoryPhoto.objects.all())

    def get(self, request, pk):
        return photo_response(self.object)


class StoryListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_stories"
    template_name = "publicity/story_list.html"
    extra_context = {
        "title": gettext_lazy("Stories"),
        "export_url": "publicity:story_export",
        "empty_icon": "newspaper",
        "empty_title": gettext_lazy("No stories yet"),
    }

    def get_context_data(self, **kwargs):
        form, stories = _filtered_stories(self.request)
        return super().get_context_data(form=form, page=paginate(self.request, stories), **kwargs)


def _filtered_stories(request):
    user = request.user
    form = StoryFilterForm(request.GET or None, units=units_visible_to(user))
    return form, filter_stories(stories_visible_to(user), **form.filters()).order_by("-created_at", "-pk")


class StoryExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The story list as a workbook: the same filters, the same scope."""

    permission_required = "publicity.view_stories"

    def get(self, request):
        form, stories = _filtered_stories(request)
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        return workbook_response(
            lambda target: services.export_stories(stories, target, by=request.user, filters=form.filters()),
            f"稿件-{timezone.localdate():%Y%m%d}.xlsx",
        )


# The workflow buttons of the story page: each posts `action`, answered by one service under one declared action
# (asked of the story, or of the featured person for consent), checked here first so a refusal is a 403 with its reason.
STORY_STEPS = {
    "submit": "submit_story",
    "approve": "review_story",
    "return": "review_story",
    "publish": "publish_story",
    "withdraw": "withdraw_story",
    "consent": "manage_consent",
    "withdraw_consent": "manage_consent",
}


OWN_STORY = gettext_lazy("You wrote this story: at every review step it is decided by someone else.")


# What happened, and what comes next, after each step (issue 19: a message says more than "saved").
STEP_DONE = {
    "submit": gettext_lazy("Submitted for review: the reviewer of the first step decides next."),
    "approve": gettext_lazy("Approved at this step: it goes on to the next step, or waits to be published."),
    "return": gettext_lazy("Returned to the author with your comment."),
    "publish": gettext_lazy("Published: the story now appears in the columns."),
    "withdraw": gettext_lazy("Withdrawn: the story no longer appears in the columns."),
    "consent": gettext_lazy("Consent recorded: the person may appear on the public honour board."),
    "withdraw_consent": gettext_lazy("Consent withdrawn: the person no longer appears on the public honour board."),
}


class StoryDetailView(StoryObjectMixin, TemplateView):
    """The story as it will read, its review trail and consents; workflow buttons post back here."""

    permission_required = "publicity.view_story"
    template_name = "publicity/story_detail.html"

    def get_context_data(self, **kwargs):
        story = self.story
        featured = list(story.featured.select_related("person__unit", "story__unit"))
        return super().get_context_data(
            story=story,
            body=render_markdown(story.body),
            featured=featured,
            # Publish is offered only when publish_story would accept it; else disabled with the same reason.
            publish_problem=services.publish_problem(featured),
            reviews=story.reviews.select_related("step", "reviewer"),
            columns=story.columns.all(),
            photos=story.photos.select_related("story__unit"),
            placements=story.placements.order_by("-date", "-pk"),
            own_story_in_review=story.status == StoryStatus.IN_REVIEW and story.created_by_id == self.request.user.pk,
            **kwargs,
        )

    def _refused_review(self, request):
        """A review the user may not give (their own story, a step not theirs): the page again with the reason and
        their comment kept, rather than a bare 403 that loses what they wrote."""
        own = self.story.created_by_id == request.user.pk
        messages.error(request, OWN_STORY if own else policy.actions["review_story"].reason)
        context = self.get_context_data(kept_comment=request.POST.get("comment", "").strip())
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        action, user, story = request.POST.get("action"), request.user, self.story
        if action not in STORY_STEPS:
            messages.error(request, _("Unknown action."))
            return redirect("publicity:story_detail", pk=story.pk)
        target = story
        if action in ("consent", "withdraw_consent"):
            featured = request.POST.get("featured", "")
            target = get_object_or_404(story.featured, pk=int(featured) if featured.isdigit() else 0)
        if action in ("approve", "return") and not policy.allows(user, "review_story", target):
            return self._refused_review(request)
        policy.require(user, STORY_STEPS[action], target)
        if action == "withdraw_consent":
            asked = confirmation_needed(
                request,
                title=_("Withdraw %(name)s's consent?") % {"name": target.person.name},
                message=_(
                    "%(name)s will no longer appear on the public honour board with this story. Consent can be "
                    "recorded again later."
                )
                % {"name": target.person.name},
                button=_("Withdraw consent"),
                cancel_url=reverse("publicity:story_detail", args=[story.pk]),
                danger=True,
            )
            if asked is not None:
                return asked
        try:
            if action == "submit":
                services.submit_story(story, by=user)
            elif action in ("approve", "return"):
                services.review_story(story, decision=action, comment=request.POST.get("comment", ""), by=user)
            elif action == "publish":
                services.publish_story(story, by=user)
            elif action == "withdraw":
                services.withdraw_story(story, reason=request.POST.get("reason", ""), by=user)
            elif action == "consent":
                services.record_consent(target, given_by=request.POST.get("given_by", ""), by=user)
            else:
                services.withdraw_consent(target, by=user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("publicity:story_detail", pk=story.pk)
        messages.success(request, STEP_DONE[action])
        return redirect("publicity:story_detail", pk=story.pk)
