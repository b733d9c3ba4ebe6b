"""The intranet reading pages: the columns, a column's published stories, and a story to read (phone-friendly).
Each reading counts one view with a single UPDATE (F expression), never a read-modify-write."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.pagination import paginate
from qunying.publicity import services
from qunying.publicity.enums import StoryStatus
from qunying.publicity.outreach_queries import column_stories, readable_stories, reading_columns
from qunying.publicity.rendering import render_markdown


class ColumnListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.read_columns"
    template_name = "publicity/column_list.html"

    def get_context_data(self, **kwargs):
        columns = reading_columns().annotate(
            published=Count("stories", filter=Q(stories__status=StoryStatus.PUBLISHED))
        )
        return super().get_context_data(columns=columns, **kwargs)


class ColumnView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.read_columns"
    template_name = "publicity/column_detail.html"

    def get_context_data(self, **kwargs):
        column = get_object_or_404(reading_columns(), pk=self.kwargs["pk"])
        return super().get_context_data(column=column, page=paginate(self.request, column_stories(column)), **kwargs)


class StoryReadView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.read_columns"
    template_name = "publicity/story_read.html"

    def get_context_data(self, **kwargs):
        story = get_object_or_404(readable_stories(), pk=self.kwargs["pk"])
        services.count_view(story)
        story.view_count += 1  # what the UPDATE just made it (others' readings show on the next visit)
        return super().get_context_data(
            story=story,
            body=render_markdown(story.body),
            photos=story.photos.all(),
            columns=story.columns.all(),
            **kwargs,
        )
