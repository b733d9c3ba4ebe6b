"""Publicity reads of imported articles and stories: the publicity policy's answer to "which ones?"
(publicity.rules)."""

from django.db.models import QuerySet

from qunying.publicity.enums import ArticleImportStatus
from qunying.publicity.models import ArticleBatch, ArticleImport, Story
from qunying.publicity.rules import PUBLISHED, policy


def article_imports_visible_to(user) -> QuerySet[ArticleImport]:
    """Imported articles are bureau-wide material of the political department and the publicity editors."""
    return policy.filter(user, "view_article_imports", ArticleImport.objects.select_related("uploaded_by"))


def article_batches_visible_to(user) -> QuerySet[ArticleBatch]:
    """Batches of articles: seen by whoever sees the imported articles."""
    return policy.filter(user, "view_article_imports", ArticleBatch.objects.select_related("uploaded_by", "bureau"))


def next_to_review(user, article: ArticleImport) -> ArticleImport | None:
    """The next article of the same batch still awaiting confirmation (review goes one by one)."""
    if not article.batch_id:
        return None
    waiting = article_imports_visible_to(user).filter(batch_id=article.batch_id, status=ArticleImportStatus.PROPOSED)
    return waiting.exclude(pk=article.pk).order_by("pk").first()


def segments(text: str, spans: list[dict]) -> list[tuple[str, bool, str]]:
    """The repaired text cut into (piece, damaged, likely reading of a damaged piece or "") for highlighting."""
    pieces, cursor = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        if span["start"] > cursor:
            pieces.append((text[cursor : span["start"]], False, ""))
        pieces.append((text[span["start"] : span["end"]], True, span.get("likely", "")))
        cursor = span["end"]
    if cursor < len(text):
        pieces.append((text[cursor:], False, ""))
    return pieces


def stories_visible_to(user) -> QuerySet[Story]:
    """Stories of units in the user's subtrees for the publicity, political and leader roles."""
    return policy.filter(user, "view_story", Story.objects.all()).select_related("unit", "review_step")


def readable_stories() -> QuerySet[Story]:
    """Published stories: the reading pages' (whether the user reads them is `publicity.read_story`)."""
    return Story.objects.filter(PUBLISHED).select_related("unit")
