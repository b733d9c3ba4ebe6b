"""Publicity pages: imported articles (upload of one or a zip of many, review with the damaged spans highlighted and
each person compared side by side with the records, the article's bureau, confirm or discard)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import HttpResponseClientRefresh
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.honours.models import AwardType
from qunying.org.queries import units_for_people_editing, units_visible_to
from qunying.publicity import services
from qunying.publicity.article_matching import OTHER, bureau_relation, proposals_for
from qunying.publicity.articles import ArticleError
from qunying.publicity.enums import ArticleBatchStatus, ArticleImportStatus
from qunying.publicity.forms import ArticleBureauForm, ArticleReviewForm, ArticleUploadForm
from qunying.publicity.queries import article_batches_visible_to, article_imports_visible_to, next_to_review, segments
from qunying.publicity.rules import policy
from qunying.publicity.services.articles import recordable_honours

RECENT_BATCHES = 10


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
    """One article or a zip of many: what is not an article is refused here; the rest is read in the background
    and the batch page shows the progress, then the articles to review one by one."""

    permission_required = "publicity.import_article"
    template_name = "publicity/article_upload.html"
    form_class = ArticleUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": units_visible_to(self.request.user)}

    def get_context_data(self, **kwargs):
        recent = article_batches_visible_to(self.request.user)[:RECENT_BATCHES]
        return super().get_context_data(recent_batches=recent, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            batch = services.start_article_batch(
                filename=upload.name, data=upload.read(), bureau=form.cleaned_data["bureau"], by=self.request.user
            )
        except ArticleError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        batch.refresh_from_db()
        if batch.status == ArticleBatchStatus.DONE and len(batch.proposed) == 1 and batch.total == 1:
            return redirect("publicity:article_detail", pk=batch.proposed[0]["article"])  # read at once: go to it
        return redirect("publicity:article_batch", pk=batch.pk)


class ArticleDetailView(ScopedObjectMixin, FormView):
    """The article with what was found in it; the political department confirms or discards it here."""

    permission_required = "publicity.view_article_imports"
    template_name = "publicity/article_detail.html"
    form_class = ArticleReviewForm

    def scope(self, user):
        return article_imports_visible_to(user)

    @property
    def article(self):
        return self.object

    @property
    def compare_anyway(self) -> bool:
        return bool(self.request.GET.get("compare") or self.request.POST.get("compare"))

    def _proposals(self):
        if not hasattr(self, "_proposal_cache"):
            self._proposal_cache = proposals_for(self.request.user, self.article, compare_anyway=self.compare_anyway)
        return self._proposal_cache

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "proposals": self._proposals(), "units": units_for_people_editing(user)}

    def _figures(self) -> list[dict]:
        """The published figures with the award's name, never its catalogue code ("嘉奖", not "commendation")."""
        figures = self.article.extraction.get("figures", [])
        names = dict(AwardType.objects.filter(code__in={f.get("type") for f in figures}).values_list("code", "name"))
        return [{**figure, "type": names.get(figure.get("type"), figure.get("type"))} for figure in figures]

    def get_context_data(self, **kwargs):
        honours = recordable_honours(self.article)
        for proposal in self._proposals():
            proposal.honours = honours.get(proposal.name, [])
        relation, bureau_name = bureau_relation(self.article)
        return super().get_context_data(
            article=self.article,
            segments=segments(self.article.text, self.article.damaged_spans),
            other_bureau=relation == OTHER,
            bureau_name=bureau_name,
            compare_anyway=self.compare_anyway,
            withheld=any(p.withheld for p in self._proposals()),
            bureau_form=ArticleBureauForm(
                units=units_visible_to(self.request.user), initial={"bureau": self.article.bureau_id}
            ),
            figures=self._figures(),
            repairs=self.article.extraction.get("repairs") or [],
            next_article=next_to_review(self.request.user, self.article),
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
        following = next_to_review(request.user, self.article)
        return redirect("publicity:article_detail", pk=following.pk if following else self.article.pk)


class ArticleBureauView(ScopedObjectMixin, View):
    """The reviewer says which of our bureaus the article is from: it is read again against that bureau."""

    permission_required = "publicity.confirm_article"

    def scope(self, user):
        return article_imports_visible_to(user)

    def post(self, request, pk):
        form = ArticleBureauForm(request.POST, units=units_visible_to(request.user))
        if form.is_valid():
            try:
                services.set_article_bureau(self.object, bureau=form.cleaned_data["bureau"], by=request.user)
            except ArticleError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The article was read again with this bureau."))
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("publicity:article_detail", pk=self.object.pk)


class ArticleBatchView(ScopedObjectMixin, View):
    """Progress while the articles are read (htmx polls a partial; without JavaScript the page refreshes), then
    every file with what became of it, and the articles to review one by one."""

    permission_required = "publicity.view_article_imports"

    def scope(self, user):
        return article_batches_visible_to(user)

    def get(self, request, pk):
        batch = self.object
        if request.htmx:
            if not batch.is_running:
                return HttpResponseClientRefresh()  # the finished page has other content: load it whole
            return render(request, "publicity/article_batch_progress.html", {"batch": batch})
        articles = {a.pk: a for a in batch.articles.all()}
        rows = [{**entry, "article_obj": articles.get(entry.get("article"))} for entry in batch.entries]
        following = batch.articles.filter(status=ArticleImportStatus.PROPOSED).order_by("pk").first()
        context = {"batch": batch, "rows": rows, "next_article": following}
        return render(request, "publicity/article_batch.html", context)
