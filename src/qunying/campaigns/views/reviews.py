"""Judges' pages: their reviews, and one review (scores per criterion, abstention, or a declared conflict)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns import services
from qunying.campaigns.forms import ConflictForm, ReviewForm
from qunying.campaigns.queries import (
    other_scores,
    review_evidence_files,
    reviews_of,
    reviews_to_score,
    standing_honours_of,
    verified_deeds_of,
)
from qunying.core.export_views import ExcelExportView
from qunying.core.files import stored_file_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.deeds.evidence import CONTENT_TYPES
from qunying.reserve.queries import open_entry_of


class ReviewListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "campaigns.view_campaigns"
    template_name = "campaigns/review_list.html"

    def get_context_data(self, **kwargs):
        todo = bool(self.request.GET.get("todo"))  # from the home page's 待办: only the reviews still to score
        user = self.request.user
        reviews = reviews_to_score(user) if todo else reviews_of(user)
        return super().get_context_data(page=paginate(self.request, reviews), todo=todo, **kwargs)


class ReviewExportView(ExcelExportView):
    """The judge's own reviews as on the page; a recused review names no nominee there, nor here."""

    permission_required = "campaigns.view_campaigns"
    filename = "我的评审"
    audit_action = "campaigns.reviews.exported"
    columns = [("评选活动", 30), ("被推荐人", 12), ("单位", 20), ("状态", 10)]

    def get_queryset(self, filters):
        return reviews_of(self.request.user)

    def row(self, assignment) -> list:
        nomination = assignment.nomination
        if assignment.recused:
            return [nomination.campaign.title, "", "", _("Recused")]
        if assignment.abstained:
            status = _("Abstained")
        elif assignment.submitted_at:
            status = _("Submitted")
        else:
            status = _("To score")
        return [nomination.campaign.title, nomination.person.name, nomination.unit.name, status]


class ReviewView(ScopedObjectMixin, TemplateView):
    """Only the assigned judge reaches their review (anyone else: 404); a recused review shows no nomination."""

    permission_required = "campaigns.review"
    template_name = "campaigns/review.html"

    def scope(self, user):
        return reviews_of(user)

    @property
    def assignment(self):
        return self.object

    def criteria(self):
        return self.assignment.nomination.campaign.campaign_type.criteria.all()

    def get_context_data(self, **kwargs):
        assignment, user = self.assignment, self.request.user
        nomination = assignment.nomination
        kwargs.setdefault("form", ReviewForm(criteria=self.criteria()))
        kwargs.setdefault("conflict_form", ConflictForm())
        others = None
        if assignment.submitted_at and user.has_perm("campaigns.see_other_scores", assignment):
            others = other_scores(assignment)
        evidence = {}
        if not assignment.recused:  # a recused judge sees no nomination, so none of its evidence either
            evidence = {
                "deeds": verified_deeds_of(nomination),
                "honours": standing_honours_of(nomination),
                "ratings": nomination.ratings.all(),
                "reserve_entry": open_entry_of(nomination.person),
                "person_url": user.has_perm("org.view_person", nomination.person),
            }
        return super().get_context_data(
            assignment=assignment,
            nomination=nomination,
            can_score=user.has_perm("campaigns.score", nomination.campaign),
            own_scores=assignment.scores.select_related("criterion").order_by("criterion__order"),
            others=others,
            next_review=reviews_to_score(user).exclude(pk=assignment.pk).first(),
            **evidence,
            **kwargs,
        )

    def post(self, request, pk):
        assignment = self.assignment
        if "conflict" in request.POST:
            form = ConflictForm(request.POST)
            if form.is_valid():
                try:
                    services.declare_conflict(
                        assignment=assignment, conflict=form.cleaned_data["conflict"], by=request.user
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("You are recused from this nomination."))
                    return self.next_after_submitting(request, recused=True)
            return self.render_to_response(self.get_context_data(conflict_form=form))
        form = ReviewForm(request.POST, criteria=self.criteria())
        if form.is_valid():
            try:
                services.submit_scores(
                    assignment=assignment, scores=form.scores(), abstain=form.cleaned_data["abstain"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return self.next_after_submitting(request)
        return self.render_to_response(self.get_context_data(form=form))

    def next_after_submitting(self, request, *, recused: bool = False):
        """On to the judge's next unscored nominee, or back to the list when none is left."""
        following = reviews_to_score(request.user).exclude(pk=self.assignment.pk).first()
        if following is None:
            if not recused:
                messages.success(request, _("Review submitted. You have scored every nominee assigned to you."))
            return redirect("campaigns:review_list")
        if not recused:
            messages.success(
                request,
                _("Review submitted. Next nominee: %(name)s.") % {"name": following.nomination.person.name},
            )
        return redirect("campaigns:review", pk=following.pk)


class ReviewEvidenceFileView(ScopedObjectMixin, View):
    """An evidence file of a verified deed attached to a nomination the judge reviews (anyone else: 404)."""

    permission_required = "campaigns.view_campaigns"

    def scope(self, user):
        return review_evidence_files(user)

    def get_permission_object(self):
        return None  # the scope is the judge's own reviews; the permission is the campaigns' reader's

    def get(self, request, pk):
        evidence = self.object
        return stored_file_response(
            evidence.file,
            content_type=CONTENT_TYPES.get(evidence.file_type, "application/octet-stream"),
            filename=evidence.original_filename,
            as_attachment=evidence.file_type == "docx",
        )
