"""Sample URL arguments for the publicity pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.publicity.models import ArticleImport, Story


def sample_kwargs() -> dict[str, dict]:
    article = ArticleImport.objects.order_by("pk").first()
    story = Story.objects.order_by("pk").first()
    return {
        "publicity:article_detail": {"pk": article.pk if article else 0},
        "board:board_photo": {"pk": 0},
        "publicity:story_detail": {"pk": story.pk if story else 0},
    }
