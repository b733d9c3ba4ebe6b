"""Article import from bytes to proposals: reading with the database as jieba's user dictionary and the issuer
catalogue for abbreviations, recognising an article already imported, and batches (a zip, a folder, several files,
or one long file) read by a background task with progress. Nothing reaches the records here: every article waits
as a proposal (ArticleImport) for a political officer to confirm."""

import hashlib
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from qunying.core.policy import within
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.models import Issuer
from qunying.org.models import Person, Unit
from qunying.publicity import tasks
from qunying.publicity.articles import ArticleError, Lexicon, archive, read_article
from qunying.publicity.articles.issuers import CatalogueIssuer, resolve_all
from qunying.publicity.enums import (
    ARTICLE_BATCH_TRANSITIONS,
    ArticleBatchStatus,
    ArticleEntryOutcome,
    ArticleImportStatus,
)
from qunying.publicity.models import ArticleBatch, ArticleImport
from qunying.publicity.rules import policy

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # a zip of a few thousand articles; one article is at most 2 MB
EXTRACTION_KEYS = ("people", "figures", "bureau", "repairs")
SHINGLE = 6  # characters per shingle when comparing two texts
SAME_TEXT = 0.9  # share of shingles two readings of one article have in common


# ----------------------------------------------------------------------------------------------------------- reading


def lexicon_for(bureau: Unit | None) -> Lexicon:
    """People (of the bureau's subtree when it is known), units and issuers (full and short names) for jieba."""
    people = Person.objects.all()
    if bureau is not None:
        people = people.filter(within("unit__path", bureau.path))
    issuers = Issuer.objects.filter(active=True).values_list("name", "short_name")
    return Lexicon.of(
        names=people.values_list("name", flat=True).distinct(),
        units=Unit.objects.values_list("name", flat=True).distinct(),
        issuers=[name for pair in issuers for name in pair],
    )


def issuer_catalogue() -> list[CatalogueIssuer]:
    return [
        CatalogueIssuer(name, short or "", level)
        for name, short, level in Issuer.objects.filter(active=True).values_list("name", "short_name", "level")
    ]


def bureau_named(name: str | None) -> Unit | None:
    """Our unit the article names as its bureau (青山县公安局), when exactly one unit has that name."""
    if not name:
        return None
    found = list(Unit.objects.filter(name=name)[:2])
    return found[0] if len(found) == 1 else None


def read_article_file(
    data: bytes, *, bureau: Unit | None = None, lexicon: Lexicon | None = None, on_progress=None
) -> dict:
    """Repair and read one article. The bureau given (or, failing that, our unit the article names as its bureau)
    resolves issuers written short (市局 → 合肥市公安局); an article of another bureau keeps them as written.
    Raises `ArticleError` (Chinese message) when the bytes are not an article. Writes nothing. A batch passes the
    lexicon it read once (`lexicon_for`), rather than reading the people again for every article."""
    result = read_article(
        data, lexicon=lexicon or lexicon_for(bureau), bureau=bureau.name if bureau else None, on_progress=on_progress
    )
    ours = bureau or bureau_named(result["bureau"])
    if ours is not None:
        resolve_all(result, issuer_catalogue(), ours.name)
    result["bureau_unit"] = ours.pk if ours else None
    return result


def _without_damage(text: str, spans: list[dict]) -> str:
    for span in sorted(spans, key=lambda s: -s["start"]):
        text = text[: span["start"]] + text[span["end"] :]
    return re.sub(r"[^\w]|_", "", text)


def content_hash(result: dict) -> str:
    """The key of an article: its title and day of publication, without spaces, punctuation or damaged runs."""
    title = _without_damage(result["text"], result["damaged_spans"])[: len(re.sub(r"[^\w]|_", "", result["title"]))]
    return hashlib.sha256(f"{title}|{(result['published_at'] or '')[:10]}".encode()).hexdigest()


def _grams(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(max(len(text) - SHINGLE + 1, 1))}


def duplicate_of(result: dict) -> ArticleImport | None:
    """The earlier import of the same article (not discarded): same title and day, and the same text once damaged
    runs, spaces and punctuation are set aside (scraped twice, in another encoding, with or without glosses)."""
    found = ArticleImport.objects.filter(content_hash=content_hash(result)).exclude(
        status=ArticleImportStatus.DISCARDED
    )
    mine = _grams(_without_damage(result["text"], result["damaged_spans"]))
    for earlier in found.order_by("pk"):
        theirs = _grams(_without_damage(earlier.text, earlier.damaged_spans))
        if len(mine & theirs) >= SAME_TEXT * min(len(mine), len(theirs)):
            return earlier
    return None


def create_article_import(result: dict, *, filename: str, batch: ArticleBatch | None = None, by) -> ArticleImport:
    """Keep one read article as a proposal (status proposed), with one audit entry. Nothing else is written."""
    article = ArticleImport.objects.create(
        filename=(filename or "")[:255],
        title=result["title"][:300],
        published_at=parse_datetime(result["published_at"]) if result["published_at"] else None,
        source=(result["source"] or "")[:100],
        raw_text=result["raw"],
        text=result["text"],
        damaged_spans=result["damaged_spans"],
        extraction={key: result.get(key) for key in EXTRACTION_KEYS},
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        batch=batch,
        bureau_id=result.get("bureau_unit"),
        bureau_name=(result.get("bureau") or "")[:100],
        content_hash=content_hash(result),
    )
    log_action(
        article,
        "publicity.article.imported",
        by=by,
        data={
            "filename": article.filename,
            "batch": batch.pk if batch else None,
            "people": len(result["people"]),
            "figures": len(result["figures"]),
            "damaged_spans": len(article.damaged_spans),
        },
    )
    return article


def import_entry(
    entry: archive.Entry, *, bureau: Unit | None, batch: ArticleBatch | None, by, lexicon=None, on_progress=None
):
    """Read one file of a batch: a proposal, a duplicate of an earlier import, or the reason it is not an article.
    Returns the batch's row for it and the reading (None when it failed)."""
    row = {"name": entry.name[:255]}
    if entry.problem:
        return {**row, "outcome": ArticleEntryOutcome.FAILED, "message": entry.problem}, None
    try:
        result = read_article_file(entry.data, bureau=bureau, lexicon=lexicon, on_progress=on_progress)
    except ArticleError as error:
        return {**row, "outcome": ArticleEntryOutcome.FAILED, "message": str(error)}, None
    row["title"] = result["title"][:300]
    earlier = duplicate_of(result)
    if earlier is not None:
        return {**row, "outcome": ArticleEntryOutcome.DUPLICATE, "duplicate_of": earlier.pk}, result
    with transaction.atomic():
        article = create_article_import(result, filename=entry.name, batch=batch, by=by)
    return {**row, "outcome": ArticleEntryOutcome.PROPOSED, "article": article.pk}, result


# ----------------------------------------------------------------------------------------------------------- batches


def start_article_batch(*, filename: str, data: bytes, bureau: Unit | None = None, by) -> ArticleBatch:
    """Keep an upload (one article or a zip of them) and queue its reading. A single file that is not an article,
    or a zip that cannot be opened, is refused here (ArticleError) and nothing is created."""
    policy.require(by, "import_article")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ArticleError(f"文件过大（{len(data) // 1024 // 1024} MB），一次最多上传 50 MB，请分批上传。")
    if archive.is_zip(data):
        total = archive.count(filename, data)
    else:
        read_article(data)  # refuses at once what is not an article (a table, a binary file)
        total = 1
    with transaction.atomic():
        batch = ArticleBatch(
            filename=(filename or "")[:255],
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
            bureau=bureau,
            total=total,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        batch.file.save("upload", ContentFile(data), save=False)
        batch.save()
        log_action(batch, "publicity.article_batch.uploaded", by=by, data={"filename": batch.filename, "files": total})
        transaction.on_commit(lambda: tasks.read_article_batch.enqueue(batch.pk))
    return batch


def _set_status(batch: ArticleBatch, status: str, **fields) -> None:
    changed = transition(batch, status, ARTICLE_BATCH_TRANSITIONS)
    if status in {ArticleBatchStatus.DONE, ArticleBatchStatus.FAILED}:
        fields["finished_at"] = timezone.now()
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=[*changed, *fields])


def _discard_file(batch: ArticleBatch) -> None:
    if batch.file:
        batch.file.delete(save=False)
        ArticleBatch.objects.filter(pk=batch.pk).update(file="")


def _reporter(batch: ArticleBatch, index: int):
    """Progress of the file being read, as a share of the whole batch; written when the percentage moves."""

    def report(done: int, total: int) -> None:
        percent = min(99, int(100 * (index + done / max(total, 1)) / max(batch.total, 1)))
        if percent > batch.percent:
            batch.percent = percent
            ArticleBatch.objects.filter(pk=batch.pk).update(percent=percent)

    return report


def read_article_batch(batch: ArticleBatch) -> ArticleBatch:
    """Read every file of a queued batch, each as its own proposal (written as it is read, so the page follows);
    the upload is deleted at the end, whatever happens."""
    if batch.status != ArticleBatchStatus.QUEUED:
        return batch
    _set_status(batch, ArticleBatchStatus.RUNNING)
    by = batch.uploaded_by
    with translation.override(batch.language or settings.LANGUAGE_CODE):
        try:
            with batch.file.open("rb") as handle:
                data = handle.read()
            rows, lexicon = [], lexicon_for(batch.bureau)
            for index, entry in enumerate(archive.entries(batch.filename, data)):
                progress = _reporter(batch, index)
                row, _result = import_entry(
                    entry, bureau=batch.bureau, batch=batch, by=by, lexicon=lexicon, on_progress=progress
                )
                rows.append(row)
                batch.processed, batch.entries = index + 1, rows
                ArticleBatch.objects.filter(pk=batch.pk).update(processed=index + 1, entries=rows)
        except Exception:
            _set_status(batch, ArticleBatchStatus.FAILED)
            _discard_file(batch)
            raise
    _set_status(batch, ArticleBatchStatus.DONE, percent=100, total=max(batch.total, batch.processed))
    _discard_file(batch)
    log_action(batch, "publicity.article_batch.read", by=by, data=summary(batch))
    return batch


def summary(batch: ArticleBatch) -> dict:
    return {
        "files": len(batch.entries),
        "proposed": len(batch.proposed),
        "duplicates": len(batch.duplicates),
        "failed": len(batch.failures),
    }


def record_batch(*, filename: str, rows: list[dict], bureau: Unit | None, by) -> ArticleBatch:
    """A batch read on the command line (already read, file by file): kept so its proposals are reviewed together."""
    batch = ArticleBatch.objects.create(
        filename=filename[:255],
        bureau=bureau,
        status=ArticleBatchStatus.DONE,
        total=len(rows),
        processed=len(rows),
        percent=100,
        entries=rows,
        finished_at=timezone.now(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    ArticleImport.objects.filter(pk__in=[r["article"] for r in rows if r.get("article")]).update(batch=batch)
    log_action(batch, "publicity.article_batch.read", by=by, data=summary(batch))
    return batch


def recover_article_batch(batch: ArticleBatch) -> ArticleBatch:
    """A batch whose task stopped half-way: the proposals made so far stay; the rest must be uploaded again."""
    with transaction.atomic():
        current = ArticleBatch.objects.select_for_update().get(pk=batch.pk)
        if not current.is_running:
            return current
        _set_status(current, ArticleBatchStatus.FAILED)
        log_action(current, "publicity.article_batch.interrupted", by=None, data=summary(current))
    _discard_file(current)
    return current


@transaction.atomic
def set_article_bureau(article: ArticleImport, *, bureau: Unit | None, by) -> ArticleImport:
    """The reviewer says which of our bureaus the article is from (or clears it): the article is read again with it,
    so issuers written short are resolved and people are matched within that bureau."""
    article = ArticleImport.objects.select_for_update().get(pk=article.pk)
    policy.require(by, "confirm_article", article)
    result = read_article_file(article.raw_text.encode("utf-8"), bureau=bureau)
    article.extraction = {key: result.get(key) for key in EXTRACTION_KEYS}
    article.bureau_id = result.get("bureau_unit")
    article.save(update_fields=["extraction", "bureau"])
    log_action(
        article,
        "publicity.article.bureau_set",
        by=by,
        data={"bureau": article.bureau_id, "bureau_name": bureau.name if bureau else ""},
    )
    return article
