"""Publicity models: articles and stories (stories.py), batches of articles (articles.py), photos, media placements,
outreach and plans (outreach.py)."""

from qunying.publicity.models.articles import ArticleBatch
from qunying.publicity.models.outreach import MediaPlacement, OutreachEvent, PlanItem, PublicityPlan, StoryPhoto
from qunying.publicity.models.stories import (
    ArticleImport,
    ArticleImportLink,
    Column,
    ReviewStep,
    Story,
    StoryPerson,
    StoryReview,
)

__all__ = [
    "ArticleBatch",
    "ArticleImport",
    "ArticleImportLink",
    "Column",
    "MediaPlacement",
    "OutreachEvent",
    "PlanItem",
    "PublicityPlan",
    "ReviewStep",
    "Story",
    "StoryPerson",
    "StoryPhoto",
    "StoryReview",
]
