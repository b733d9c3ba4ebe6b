"""Rating pages: one branch's rating by area, self-assessment, review, the workflow buttons and the drill-down."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from qunying.branches import services
from qunying.branches.enums import CriterionKind
from qunying.branches.forms import ReturnForm, ReviewForm, SelfAssessmentForm
from qunying.branches.queries import criteria_by_area, rating_scores, ratings_visible_to
from qunying.branches.views.common import run_service
from qunying.core.criteria import REGISTRY, describe
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate


class RatingMixin(ScopedObjectMixin):
    scope = staticmethod(ratings_visible_to)


class RatingDetailView(RatingMixin, TemplateView):
    permission_required = "branches.view_rating"
    template_name = "branches/rating_detail.html"

    def get_context_data(self, **kwargs):
        rating = self.object
        return super().get_context_data(
            rating=rating, areas=criteria_by_area(rating_scores(rating)), return_form=ReturnForm(), **kwargs
        )


class ScoreFormView(RatingMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scores": rating_scores(self.object)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(rating=self.object, **kwargs)


class RatingSelfAssessView(ScoreFormView):
    permission_required = "branches.self_assess_rating"
    template_name = "branches/rating_self_assess.html"
    form_class = SelfAssessmentForm

    def form_valid(self, form):
        user, rating = self.request.user, self.object
        try:
            services.save_self_assessment(rating, entries=form.entries(), by=user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if "submit" in self.request.POST:
            if run_service(self.request, lambda: services.submit_rating(rating, by=user)):
                messages.success(self.request, _("Self-assessment submitted for review."))
            return redirect("branches:rating_detail", pk=rating.pk)
        messages.success(self.request, _("Self-assessment saved."))
        return redirect("branches:rating_self_assess", pk=rating.pk)


class RatingReviewView(ScoreFormView):
    permission_required = "branches.review_rating"
    template_name = "branches/rating_review.html"
    form_class = ReviewForm

    def form_valid(self, form):
        try:
            services.review_rating(
                self.object,
                adjustments=form.adjustments(),
                comment=form.cleaned_data["comment"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Review recorded; the rating goes to a leader for approval."))
        return redirect("branches:rating_detail", pk=self.object.pk)


class RatingActionView(RatingMixin, View):
    def post(self, request, pk):
        run_service(request, lambda: self.act(request.user), self.success_message)
        return redirect("branches:rating_detail", pk=self.object.pk)


class RatingSubmitView(RatingActionView):
    permission_required = "branches.self_assess_rating"
    success_message = _("Self-assessment submitted for review.")

    def act(self, user):
        services.submit_rating(self.object, by=user)


class RatingRefreshView(RatingActionView):
    permission_required = "branches.refresh_rating"
    success_message = _("Computed criteria recounted from the records.")

    def act(self, user):
        services.refresh_rating(self.object, by=user)


class RatingApproveView(RatingActionView):
    permission_required = "branches.approve_rating"
    success_message = _("Rating approved.")

    def act(self, user):
        services.approve_rating(self.object, by=user)


class RatingPublishView(RatingActionView):
    permission_required = "branches.publish_rating"
    success_message = _("Rating published.")

    def act(self, user):
        services.publish_rating(self.object, by=user)


class RatingReturnView(RatingMixin, View):
    permission_required = "branches.return_rating"

    def post(self, request, pk):
        rating = self.object
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please say why the rating is sent back."))
        else:
            run_service(
                request,
                lambda: services.return_rating(rating, comment=form.cleaned_data["comment"], by=request.user),
                _("The rating was sent back."),
            )
        return redirect("branches:rating_detail", pk=rating.pk)


class RatingRecordsView(RatingMixin, TemplateView):
    """The records behind one computed number, as counted when the criterion was last refreshed."""

    permission_required = "branches.view_rating"
    template_name = "branches/rating_records.html"

    def get_context_data(self, **kwargs):
        score = (
            self.object.scores.select_related("criterion")
            .filter(criterion_id=self.kwargs["criterion"], criterion__kind=CriterionKind.COMPUTED)
            .first()
        )
        if score is None:
            raise Http404
        page = paginate(self.request, score.record_ids)
        return super().get_context_data(
            rating=self.object,
            score=score,
            entry=REGISTRY.get(score.criterion.registry_key),
            page=page,
            rows=describe(score.criterion.registry_key, list(page.object_list)),
            **kwargs,
        )
