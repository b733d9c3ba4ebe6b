"""Article import: read a scraped article and keep it as a proposal for a political officer to confirm."""

from django.db import transaction
from django.utils.dateparse import parse_datetime

from qunying.core.services import log_action
from qunying.org.models import Person, Unit
from qunying.publicity.article import read_article
from qunying.publicity.models import ArticleImport


def read_article_file(data: bytes) -> dict:
    """Repair and extract one article, with the people and units of the database as jieba's user dictionary.
    Raises `article.ArticleError` (Chinese message) when the bytes are not an article. Writes nothing."""
    names = Person.objects.values_list("name", flat=True).distinct()
    units = Unit.objects.values_list("name", flat=True).distinct()
    return read_article(data, known_names=list(names), known_units=list(units))


@transaction.atomic
def import_article(*, data: bytes, filename: str = "", by) -> ArticleImport:
    """Keep the article and what was found in it as a proposal (status proposed). Nothing else is written."""
    result = read_article_file(data)
    extraction = {key: result[key] for key in ("people", "figures")}
    article = ArticleImport.objects.create(
        filename=(filename or "")[:255],
        title=result["title"][:300],
        published_at=parse_datetime(result["published_at"]) if result["published_at"] else None,
        source=(result["source"] or "")[:100],
        raw_text=data.decode("utf-8", errors="replace"),
        text=result["text"],
        damaged_spans=result["damaged_spans"],
        extraction=extraction,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(
        article,
        "publicity.article.imported",
        by=by,
        data={
            "filename": article.filename,
            "people": len(extraction["people"]),
            "figures": len(extraction["figures"]),
            "damaged_spans": len(article.damaged_spans),
        },
    )
    return article
