"""Publicity pages: imported articles (upload, review with the damaged span highlighted, confirm or discard)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.org.queries import units_for_people_editing
from qunying.publicity import services
from qunying.publicity.article import ArticleError
from qunying.publicity.forms import ArticleConfirmForm, ArticleUploadForm
from qunying.publicity.queries import article_imports_visible_to, matching_people, segments
from qunying.publicity.rules import policy
from qunying.publicity.services.articles import recordable_honours


class ArticleListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.view_article_imports"
    template_name = "publicity/article_list.html"
    extra_context = {
        "title": gettext_lazy("Imported articles"),
        "export_url": "publicity:article_export",
        "empty_icon": "newspaper",
        "empty_title": gettext_lazy("No articles imported yet"),
    }

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


class ArticleDetailView(ScopedObjectMixin, FormView):
    """The article with what was found in it; the political department confirms or discards it here."""

    permission_required = "publicity.view_article_imports"
    template_name = "publicity/article_detail.html"
    form_class = ArticleConfirmForm

    def scope(self, user):
        return article_imports_visible_to(user)

    @property
    def article(self):
        return self.object

    def _matches(self):
        if not hasattr(self, "_match_cache"):
            self._match_cache = matching_people(self.request.user, self.article.extraction.get("people", []))
        return self._match_cache

    def get_form_kwargs(self):
        user = self.request.user
        matches = self._matches()
        unique = {name: found[0] for name, found in matches.items() if len(found) == 1}
        missing = [p for p in self.article.extraction.get("people", []) if not matches.get(p["name"])]
        return {
            **super().get_form_kwargs(),
            "choices": unique,
            "missing": missing,
            "units": units_for_people_editing(user),
        }

    def get_context_data(self, **kwargs):
        matches = self._matches()
        honours = recordable_honours(self.article)
        proposals = [
            {**p, "matches": matches.get(p["name"], []), "honours": honours.get(p["name"], [])}
            for p in self.article.extraction.get("people", [])
        ]
        return super().get_context_data(
            article=self.article,
            segments=segments(self.article.text, self.article.damaged_spans),
            proposals=proposals,
            figures=self.article.extraction.get("figures", []),
            links=self.article.links.select_related("person__unit", "deed").prefetch_related("honours__award_type"),
            story=self.article.story_set.order_by("pk").first(),
            can_confirm=self.request.user.has_perm("publicity.confirm_article", self.article),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        policy.require(request.user, "confirm_article", self.article)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            if "discard" in request.POST:
                services.discard_article_import(self.article, by=request.user)
                messages.success(request, _("The article was discarded."))
            else:
                services.confirm_article_import(
                    self.article,
                    people=form.chosen(),
                    new_people=form.new_people(),
                    record_honours=form.cleaned_data.get("record_honours", False),
                    by=request.user,
                )
                messages.success(request, _("The article was confirmed; its records and story were created."))
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("publicity:article_detail", pk=self.article.pk)
