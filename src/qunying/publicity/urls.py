"""Publicity URLs (mounted at /publicity/)."""

from django.urls import path

from qunying.publicity import views

app_name = "publicity"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/upload/", views.ArticleUploadView.as_view(), name="article_upload"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("stories/", views.StoryListView.as_view(), name="story_list"),
    path("stories/<int:pk>/", views.StoryDetailView.as_view(), name="story_detail"),
]
