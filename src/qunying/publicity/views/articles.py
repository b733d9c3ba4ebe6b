"""Publicity pages: imported articles (upload, review with the damaged span highlighted, confirm or discard)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.accounts.views import add_service_errors
from qunying.core.pagination import paginate
from qunying.publicity import services
from qunying.publicity.article import ArticleError
from qunying.publicity.enums import ArticleImportStatus
from qunying.publicity.forms import ArticleConfirmForm, ArticleUploadForm
from qunying.publicity.queries import article_imports_visible_to, matching_people, segments, stories_visible_to
from qunying.publicity.rendering import render_markdown


class ArticleListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_article_imports"
    template_name = "publicity/article_list.html"

    def get_context_data(self, **kwargs):
        articles = article_imports_visible_to(self.request.user)
        return super().get_context_data(page=paginate(self.request, articles), **kwargs)


class ArticleUploadView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "publicity.import_article"
    template_name = "publicity/article_upload.html"
    form_class = ArticleUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            article = services.import_article(data=upload.read(), filename=upload.name, by=self.request.user)
        except ArticleError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return redirect("publicity:article_detail", pk=article.pk)


class ArticleDetailView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "publicity.view_article_imports"
    template_name = "publicity/article_detail.html"
    form_class = ArticleConfirmForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.article = get_object_or_404(article_imports_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _matches(self):
        if not hasattr(self, "_match_cache"):
            self._match_cache = matching_people(self.request.user, self.article.extraction.get("people", []))
        return self._match_cache

    def get_form_kwargs(self):
        unique = {name: found[0] for name, found in self._matches().items() if len(found) == 1}
        return {**super().get_form_kwargs(), "choices": unique}

    def get_context_data(self, **kwargs):
        matches = self._matches()
        proposals = [{**p, "matches": matches.get(p["name"], [])} for p in self.article.extraction.get("people", [])]
        return super().get_context_data(
            article=self.article,
            segments=segments(self.article.text, self.article.damaged_spans),
            proposals=proposals,
            figures=self.article.extraction.get("figures", []),
            links=self.article.links.select_related("person__unit", "deed"),
            can_confirm=self.article.status == ArticleImportStatus.PROPOSED
            and self.request.user.has_perm("publicity.confirm_article"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("publicity.confirm_article"):
            return self.handle_no_permission()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            if "discard" in request.POST:
                services.discard_article_import(self.article, by=request.user)
                messages.success(request, _("The article was discarded."))
            else:
                services.confirm_article_import(self.article, people=form.chosen(), by=request.user)
                messages.success(request, _("The article was confirmed; proposed deeds were created."))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("publicity:article_detail", pk=self.article.pk)


class StoryListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_stories"
    template_name = "publicity/story_list.html"

    def get_context_data(self, **kwargs):
        stories = stories_visible_to(self.request.user).order_by("-created_at", "-pk")
        return super().get_context_data(page=paginate(self.request, stories), **kwargs)


class StoryDetailView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The story as it will read, its review trail and consents; workflow buttons post back here."""

    permission_required = "publicity.view_stories"
    template_name = "publicity/story_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.story = get_object_or_404(stories_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        story = self.story
        return super().get_context_data(
            story=story,
            body=render_markdown(story.body),
            featured=story.featured.select_related("person__unit"),
            reviews=story.reviews.select_related("step", "reviewer"),
            columns=story.columns.all(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action, user, story = request.POST.get("action"), request.user, self.story
        try:
            if action == "submit":
                services.submit_story(story, by=user)
            elif action in ("approve", "return"):
                services.review_story(story, decision=action, comment=request.POST.get("comment", ""), by=user)
            elif action == "publish":
                services.publish_story(story, by=user)
            elif action == "withdraw":
                services.withdraw_story(story, reason=request.POST.get("reason", ""), by=user)
            elif action in ("consent", "withdraw_consent"):
                featured = get_object_or_404(story.featured, pk=request.POST.get("featured"))
                if action == "consent":
                    services.record_consent(featured, given_by=request.POST.get("given_by", ""), by=user)
                else:
                    services.withdraw_consent(featured, by=user)
            else:
                messages.error(request, _("Unknown action."))
                return redirect("publicity:story_detail", pk=story.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("publicity:story_detail", pk=story.pk)
        messages.success(request, _("Saved."))
        return redirect("publicity:story_detail", pk=story.pk)
