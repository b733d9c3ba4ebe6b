"""Article import: read a scraped article and keep it as a proposal for a political officer to confirm."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.deeds.enums import DeedSource
from qunying.deeds.services.deeds import Participant, create_deed
from qunying.org.models import Person, Unit
from qunying.publicity.article import read_article
from qunying.publicity.enums import ARTICLE_IMPORT_TRANSITIONS, ArticleImportStatus
from qunying.publicity.models import ArticleImport, ArticleImportLink

NARRATIVE_LIMIT = 2000


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


def _status(article: ArticleImport, new: str) -> None:
    if new not in ARTICLE_IMPORT_TRANSITIONS[article.status]:
        raise ValidationError(_("This article has already been dealt with."))


def _narrative_for(text: str, name: str) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[。！？；])", text) if name in s]
    return "".join(sentences)[:NARRATIVE_LIMIT]


@transaction.atomic
def confirm_article_import(article: ArticleImport, *, people: dict[str, Person], by) -> ArticleImport:
    """Confirm an imported article for the chosen existing people (proposed name → person): each gets a proposed
    deed (source: import) telling what the article says of them, linked to the article. Honours and new people
    are not created here: the page lists them for entry through the honours and people pages."""
    article = ArticleImport.objects.select_for_update().get(pk=article.pk)
    _status(article, ArticleImportStatus.CONFIRMED)
    if not people:
        raise ValidationError(_("Please choose at least one existing person to link."))
    proposed = {p["name"] for p in article.extraction.get("people", [])}
    if not set(people) <= proposed:
        raise ValidationError(_("Only people proposed from the article can be linked."))
    date = timezone.localtime(article.published_at).date() if article.published_at else timezone.localdate()
    created = []
    for name, person in people.items():
        if person.name != name:
            raise ValidationError(_("Only people proposed from the article can be linked."))
        deed = create_deed(
            title=article.title[:100],
            participants=[Participant(person=person)],
            date=date,
            narrative=_narrative_for(article.text, name) or article.title,
            source=DeedSource.IMPORT,
            by=by,
        )
        ArticleImportLink.objects.create(article=article, person=person, deed=deed)
        created.append({"person": person.pk, "deed": deed.pk})
    article.status = ArticleImportStatus.CONFIRMED
    article.save(update_fields=["status"])
    log_action(article, "publicity.article.confirmed", by=by, data={"links": created})
    return article


@transaction.atomic
def discard_article_import(article: ArticleImport, *, by) -> ArticleImport:
    article = ArticleImport.objects.select_for_update().get(pk=article.pk)
    _status(article, ArticleImportStatus.DISCARDED)
    article.status = ArticleImportStatus.DISCARDED
    article.save(update_fields=["status"])
    log_action(article, "publicity.article.discarded", by=by, data={})
    return article
