"""Sample URL arguments for the publicity pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.publicity.models import (
    ArticleBatch,
    ArticleImport,
    Column,
    MediaPlacement,
    OutreachEvent,
    PlanItem,
    PublicityPlan,
    Story,
    StoryPhoto,
)


def _pk(model, **filters) -> int:
    found = model.objects.filter(**filters).order_by("pk").first()
    return found.pk if found else 0


def sample_kwargs() -> dict[str, dict]:
    story = _pk(Story)
    return {
        "publicity:article_detail": {"pk": _pk(ArticleImport)},
        "publicity:article_bureau": {"pk": _pk(ArticleImport)},
        "publicity:article_batch": {"pk": _pk(ArticleBatch)},
        "board:board_photo": {"pk": 0},
        "board:story_photo": {"pk": _pk(StoryPhoto)},
        "publicity:story_detail": {"pk": story},
        "publicity:story_update": {"pk": story},
        "publicity:photo_add": {"pk": story},
        "publicity:photo": {"pk": _pk(StoryPhoto)},
        "publicity:photo_remove": {"pk": _pk(StoryPhoto)},
        "publicity:column_detail": {"pk": _pk(Column)},
        "publicity:story_read": {"pk": _pk(Story, status="published")},
        "publicity:placement_update": {"pk": _pk(MediaPlacement)},
        "publicity:event_update": {"pk": _pk(OutreachEvent)},
        "publicity:plan_detail": {"pk": _pk(PublicityPlan)},
        "publicity:plan_item_match": {"pk": _pk(PlanItem)},
    }
