"""Publicity pages: imported articles (upload, review with the damaged span highlighted, confirm or discard)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.accounts.queries import scope_filter
from qunying.core.forms import add_service_errors
from qunying.core.pagination import paginate
from qunying.org.queries import units_visible_to
from qunying.org.rules import PEOPLE_EDITORS
from qunying.publicity import services
from qunying.publicity.article import ArticleError
from qunying.publicity.enums import ArticleImportStatus
from qunying.publicity.forms import ArticleConfirmForm, ArticleUploadForm
from qunying.publicity.queries import article_imports_visible_to, matching_people, segments
from qunying.publicity.services.articles import recordable_honours


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
        user = self.request.user
        matches = self._matches()
        unique = {name: found[0] for name, found in matches.items() if len(found) == 1}
        missing = [p for p in self.article.extraction.get("people", []) if not matches.get(p["name"])]
        return {
            **super().get_form_kwargs(),
            "choices": unique,
            "missing": missing,
            "units": units_visible_to(user).filter(scope_filter(user, PEOPLE_EDITORS, path_field="path")),
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
