"""Publicity URLs (mounted at /publicity/)."""

from django.urls import path

from qunying.publicity.views import articles, columns, exports, outreach, plans, stories

app_name = "publicity"

urlpatterns = [
    path("articles/", articles.ArticleListView.as_view(), name="article_list"),
    path("articles/export/", exports.ArticleExportView.as_view(), name="article_export"),
    path("articles/upload/", articles.ArticleUploadView.as_view(), name="article_upload"),
    path("articles/<int:pk>/", articles.ArticleDetailView.as_view(), name="article_detail"),
    path("articles/<int:pk>/bureau/", articles.ArticleBureauView.as_view(), name="article_bureau"),
    path("articles/batches/<int:pk>/", articles.ArticleBatchView.as_view(), name="article_batch"),
    path("stories/", stories.StoryListView.as_view(), name="story_list"),
    path("stories/new/", stories.StoryCreateView.as_view(), name="story_create"),
    path("stories/preview/", stories.StoryPreviewView.as_view(), name="story_preview"),
    path("stories/export/", stories.StoryExportView.as_view(), name="story_export"),
    path("stories/<int:pk>/", stories.StoryDetailView.as_view(), name="story_detail"),
    path("stories/<int:pk>/edit/", stories.StoryUpdateView.as_view(), name="story_update"),
    path("stories/<int:pk>/photos/add/", stories.PhotoAddView.as_view(), name="photo_add"),
    path("photos/<int:pk>/", stories.PhotoView.as_view(), name="photo"),
    path("photos/<int:pk>/remove/", stories.PhotoRemoveView.as_view(), name="photo_remove"),
    path("columns/", columns.ColumnListView.as_view(), name="column_list"),
    path("columns/export/", exports.ColumnExportView.as_view(), name="column_export"),
    path("columns/<int:pk>/", columns.ColumnView.as_view(), name="column_detail"),
    path("read/<int:pk>/", columns.StoryReadView.as_view(), name="story_read"),
    path("placements/", outreach.PlacementListView.as_view(), name="placement_list"),
    path("placements/export/", outreach.PlacementExportView.as_view(), name="placement_export"),
    path("placements/new/", outreach.PlacementCreateView.as_view(), name="placement_create"),
    path("placements/<int:pk>/edit/", outreach.PlacementUpdateView.as_view(), name="placement_update"),
    path("events/", outreach.EventListView.as_view(), name="event_list"),
    path("events/export/", outreach.EventExportView.as_view(), name="event_export"),
    path("events/new/", outreach.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/edit/", outreach.EventUpdateView.as_view(), name="event_update"),
    path("plans/", plans.PlanListView.as_view(), name="plan_list"),
    path("plans/export/", exports.PlanItemExportView.as_view(), name="plan_export"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan_detail"),
    path("plan-items/<int:pk>/match/", plans.PlanItemMatchView.as_view(), name="plan_item_match"),
]
