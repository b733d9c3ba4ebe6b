"""Excel exports of the ratings lists (officer scores, interactions, callbacks): the list's filters and scope, the
same columns as the page. Like the pages, they never hold a citizen's phone; reply text is redacted as shown."""

from django.db.models import Prefetch
from django.utils import timezone

from qunying.core.export_views import ExcelExportView
from qunying.core.policy import within
from qunying.feedback.forms import CallbackFilterForm, InteractionFilterForm, OfficerFilterForm
from qunying.feedback.models import InteractionOfficer
from qunying.feedback.parsing import redact_numbers
from qunying.feedback.queries import (
    callbacks_visible_to,
    filter_callbacks,
    filter_interactions,
    interactions_visible_to,
    officer_scores,
    officers_visible_to,
    scored_officers,
)
from qunying.org.queries import units_visible_to


def _percent(value, digits: int = 1):
    return round(100 * float(value), digits) if value is not None else None


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class OfficerScoreExportView(ExcelExportView):
    """The ranked officer scores of the period. The ranking is computed in Python over the officers in scope (as
    on the page), so this list is as large as the officers, never as the replies."""

    permission_required = "feedback.view_ratings"
    filename = "民警群众评价"
    filter_form = OfficerFilterForm
    audit_action = "feedback.scores.exported"
    columns = [
        ("名次", 6),
        ("姓名", 12),
        ("警号", 10),
        ("单位", 20),
        ("岗位类别", 12),
        ("有效回复", 10),
        ("满意", 8),
        ("基本满意", 8),
        ("不满意", 8),
        ("原始满意率（%）", 14),
        ("公平得分（%）", 14),
        ("可信下限（%，排序依据）", 16),
        ("高于同类概率（%）", 14),
        ("同类岗位百分位", 14),
    ]

    def get_form_kwargs(self):
        return {"units": units_visible_to(self.request.user)}

    def get_filters(self):
        filters = super().get_filters()
        form = self.filter_form(self.request.GET or None, **self.get_form_kwargs())
        self.period = form.period()
        return {**filters, "period": self.period.label}

    def get_filename(self):
        return f"{self.filename}-{self.period.label}.xlsx"

    def get_queryset(self, filters):
        people = officers_visible_to(self.request.user)
        if filters.get("unit") is not None:
            people = people.filter(within("unit__path", filters["unit"].path))
        if filters.get("post_type"):
            people = people.filter(post_type=filters["post_type"])
        self.rank = 0
        return scored_officers(people, officer_scores(self.period))

    def row(self, scored):
        self.rank += 1
        person, score = scored.person, scored.score
        return [
            self.rank,
            person.name,
            person.badge_number,
            person.unit.name,
            person.get_post_type_display(),
            score.tally.n,
            score.tally.satisfied,
            score.tally.basically_satisfied,
            score.tally.dissatisfied,
            _percent(score.raw),
            _percent(score.shrunk, 2),
            _percent(score.lower, 2),
            _percent(score.above, 1),
            round(score.percentile) if score.percentile is not None else None,
        ]


class InteractionExportView(ExcelExportView):
    permission_required = "feedback.view_ratings"
    filename = "警情服务记录"
    filter_form = InteractionFilterForm
    audit_action = "feedback.interactions.exported"
    columns = [
        ("接警编号", 18),
        ("类别", 10),
        ("时间", 16),
        ("单位", 20),
        ("民警", 30),
        ("敏感", 6),
        ("回访", 10),
        ("抽样原因", 40),
    ]

    def get_form_kwargs(self):
        return {"units": units_visible_to(self.request.user)}

    def get_queryset(self, filters):
        links = InteractionOfficer.objects.select_related("person").order_by("pk")
        officers = Prefetch("officer_links", queryset=links)
        interactions = filter_interactions(interactions_visible_to(self.request.user), **filters)
        return interactions.prefetch_related(officers).order_by("-occurred_at", "pk")

    def row(self, interaction):
        people = [link.person for link in interaction.officer_links.all()]
        officers = "、".join(f"{person.name}（{person.badge_number}）" for person in people)
        survey = getattr(interaction, "survey", None)
        return [
            interaction.incident_number,
            interaction.get_kind_display(),
            _when(interaction.occurred_at),
            interaction.unit.name,
            officers,
            "是" if interaction.sensitive else "",
            survey.get_status_display() if survey else "",
            str(survey.reason) if survey else "",
        ]


class CallbackExportView(ExcelExportView):
    permission_required = "feedback.view_callbacks"
    filename = "不满意回访"
    filter_form = CallbackFilterForm
    audit_action = "feedback.callbacks.exported"
    columns = [
        ("期限", 16),
        ("接警编号", 18),
        ("单位", 20),
        ("回复", 40),
        ("承办人", 12),
        ("状态", 10),
        ("超期", 6),
        ("处理结果", 40),
    ]

    def get_queryset(self, filters):
        return filter_callbacks(callbacks_visible_to(self.request.user), **filters)

    def row(self, callback):
        return [
            _when(callback.due_at),
            callback.survey.interaction.incident_number,
            callback.unit.name,
            redact_numbers(callback.reply.text if callback.reply_id else ""),
            str(callback.assignee or ""),
            callback.get_status_display(),
            "是" if callback.is_overdue else "",
            redact_numbers(callback.outcome),
        ]
