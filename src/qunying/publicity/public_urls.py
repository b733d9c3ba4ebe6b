"""The public honour board (mounted at /honours/)."""

from django.urls import path

from qunying.publicity import public_views

app_name = "board"

urlpatterns = [
    path("", public_views.HonourBoardView.as_view(), name="honour_board"),
    path("photo/<int:pk>/", public_views.BoardPhotoView.as_view(), name="board_photo"),
    path("story-photo/<int:pk>/", public_views.BoardStoryPhotoView.as_view(), name="story_photo"),
]
