"""Excel exports of the imported articles, the columns and the plan items: the rows of the list page (same scope;
these lists have no filters yet), through the core export view, each export recorded in the audit log."""

from django.db.models import Count, Q
from django.utils import timezone

from qunying.core.export_views import ExcelExportView
from qunying.publicity.enums import PlanItemStatus, StoryStatus
from qunying.publicity.outreach_queries import plan_items_visible_to, reading_columns
from qunying.publicity.queries import article_imports_visible_to


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


class ArticleExportView(ExcelExportView):
    permission_required = "publicity.view_article_imports"
    filename = "导入文章"
    audit_action = "publicity.article_imports.exported"
    columns = [("标题", 40), ("发布时间", 18), ("来源", 16), ("残缺片段", 10), ("状态", 10), ("上传人", 12)]

    def get_queryset(self, filters):
        return article_imports_visible_to(self.request.user)

    def row(self, article):
        uploader = article.uploaded_by.get_full_name() if article.uploaded_by else ""
        return [
            article.title,
            _local(article.published_at),
            article.source,
            len(article.damaged_spans),
            article.get_status_display(),
            uploader,
        ]


class ColumnExportView(ExcelExportView):
    permission_required = "publicity.read_columns"
    filename = "栏目"
    audit_action = "publicity.columns.exported"
    columns = [("栏目", 20), ("说明", 40), ("已发布稿件", 12)]

    def get_queryset(self, filters):
        return reading_columns().annotate(published=Count("stories", filter=Q(stories__status=StoryStatus.PUBLISHED)))

    def row(self, column):
        return [column.name, column.description, column.published]


class PlanItemExportView(ExcelExportView):
    """One row per plan item of the plans in scope, with its computed status (done / pending / slipped)."""

    permission_required = "publicity.view_plans"
    filename = "宣传计划"
    audit_action = "publicity.plan_items.exported"
    columns = [
        ("季度", 10),
        ("单位", 18),
        ("类型", 10),
        ("事项", 36),
        ("负责人", 12),
        ("完成期限", 12),
        ("状态", 8),
        ("完成记录", 30),
    ]

    def get_queryset(self, filters):
        self.today = timezone.localdate()
        return (
            plan_items_visible_to(self.request.user)
            .select_related("placement", "event", "story")
            .order_by("-plan__year", "-plan__quarter", "plan__unit__path", "due_on", "pk")
        )

    def row(self, item):
        record = item.placement or item.event or item.story
        return [
            f"{item.plan.year} Q{item.plan.quarter}",
            item.plan.unit.name,
            item.get_kind_display(),
            item.title,
            item.owner,
            item.due_on,
            str(PlanItemStatus(item.status_on(self.today)).label),
            str(record) if record is not None else "",
        ]
