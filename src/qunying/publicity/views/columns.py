"""The intranet reading pages: the columns, a column's published stories, and a story to read (phone-friendly).
Each reading counts one view with a single UPDATE (F expression), never a read-modify-write."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.publicity import services
from qunying.publicity.enums import StoryStatus
from qunying.publicity.outreach_queries import column_stories, reading_columns
from qunying.publicity.queries import readable_stories
from qunying.publicity.rendering import render_markdown


class ColumnListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "publicity.read_columns"
    template_name = "publicity/column_list.html"

    def get_context_data(self, **kwargs):
        columns = reading_columns().annotate(
            published=Count("stories", filter=Q(stories__status=StoryStatus.PUBLISHED))
        )
        return super().get_context_data(columns=columns, **kwargs)


class ColumnView(ScopedObjectMixin, TemplateView):
    permission_required = "publicity.read_columns"
    template_name = "publicity/column_detail.html"

    def scope(self, user):
        return reading_columns()

    def get_context_data(self, **kwargs):
        column = self.object
        return super().get_context_data(column=column, page=paginate(self.request, column_stories(column)), **kwargs)


class StoryReadView(ScopedObjectMixin, TemplateView):
    permission_required = "publicity.read_story"
    template_name = "publicity/story_read.html"

    def scope(self, user):
        return readable_stories()

    def get_context_data(self, **kwargs):
        story = self.object
        services.count_view(story)
        story.view_count += 1  # what the UPDATE just made it (others' readings show on the next visit)
        return super().get_context_data(
            story=story,
            body=render_markdown(story.body),
            photos=story.photos.all(),
            columns=story.columns.all(),
            **kwargs,
        )
