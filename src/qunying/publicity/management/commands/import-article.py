"""`qunying import-article PATH... [--json] [--dry-run] [--bureau NAME]`: repair scraped articles and propose what
they report.

One file: one JSON object (../shared/samples/README.md), exit status 0, or 2 with a message on standard error for a
file that cannot be read as an article. Several files, a folder or a zip: each file is read in turn (progress on
standard error), `--json` prints {"batch_id", "files": [{"file", "outcome", "message", "article"…}]}, and the exit
status is 2 when any file could not be read as an article (the others are still proposed). Without --dry-run every
article is kept as a proposal for a political officer to confirm (the same article twice is recognised and proposed
once); with --dry-run nothing is written. --bureau names the unit the articles come from: people are matched and
issuers written short (市局) are resolved against it.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qunying.org.models import Unit
from qunying.publicity.articles import MAX_BYTES, ArticleError, archive
from qunying.publicity.enums import ArticleEntryOutcome
from qunying.publicity.services.article_batches import (
    create_article_import,
    duplicate_of,
    import_entry,
    lexicon_for,
    read_article_file,
    record_batch,
)

PUBLIC_KEYS = ("title", "published_at", "source", "bureau", "text", "damaged_spans", "repairs", "people", "figures")


class Command(BaseCommand):
    help = "Repair scraped bureau articles (files, folders or zips) and propose the people, honours and figures."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders of them, or zips")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
        parser.add_argument("--dry-run", action="store_true", help="write nothing")
        parser.add_argument("--bureau", help="the unit the articles come from (its name)")

    def handle(self, *args, paths: list[str], as_json: bool, dry_run: bool, bureau: str | None, **options):
        unit = _bureau(bureau) if bureau else None
        first = Path(paths[0])
        single = len(paths) == 1 and not first.is_dir() and not (first.is_file() and _is_zip(first))
        if single:
            self._one(paths[0], unit=unit, as_json=as_json, dry_run=dry_run)
        else:
            self._many(paths, unit=unit, as_json=as_json, dry_run=dry_run)

    def _one(self, file: str, *, unit, as_json: bool, dry_run: bool) -> None:
        path = Path(file)
        try:
            if not path.is_file():
                raise ArticleError(f"找不到文件：{file}")
            if path.stat().st_size > MAX_BYTES:
                raise ArticleError(
                    f"文件过大（{path.stat().st_size // 1024} KB），文章不应超过 {MAX_BYTES // 1024 // 1024} MB。"
                )
            result = read_article_file(path.read_bytes(), bureau=unit)
        except (ArticleError, OSError) as exc:
            raise CommandError(str(exc), returncode=2) from None
        output = {key: result.get(key) for key in PUBLIC_KEYS}
        if not dry_run:
            earlier = duplicate_of(result)
            if earlier is not None:
                output["duplicate_of"] = output["import_id"] = earlier.pk
            else:
                output["import_id"] = create_article_import(result, filename=path.name, by=None).pk
        self.stdout.write(_dumps(output) if as_json else _summary(output, dry_run=dry_run))

    def _many(self, paths: list[str], *, unit, as_json: bool, dry_run: bool) -> None:
        entries = list(archive.paths(paths))
        rows, failed, lexicon = [], 0, lexicon_for(unit)
        for number, entry in enumerate(entries, start=1):
            if dry_run:
                row = _dry_row(entry, unit, lexicon)
            else:
                row, _result = import_entry(entry, bureau=unit, batch=None, by=None, lexicon=lexicon)
            rows.append(row)
            failed += row["outcome"] == ArticleEntryOutcome.FAILED
            sys.stderr.write(f"[{number}/{len(entries)}] {row['name']}：{_outcome_text(row)}\n")
        batch = None
        if not dry_run and any(r.get("article") for r in rows):
            batch = record_batch(filename="、".join(paths)[:255], rows=rows, bureau=unit, by=None)
        if as_json:
            self.stdout.write(_dumps({"batch_id": batch.pk if batch else None, "files": rows}))
        else:
            proposed = sum(r["outcome"] == ArticleEntryOutcome.PROPOSED for r in rows)
            duplicates = sum(r["outcome"] == ArticleEntryOutcome.DUPLICATE for r in rows)
            self.stdout.write(
                f"共 {len(rows)} 个文件：待确认 {proposed} 篇，重复 {duplicates} 篇，无法读取 {failed} 个。"
                + ("试运行：未写入任何数据。" if dry_run else "")
            )
        if failed:
            raise CommandError(f"{failed} 个文件不是可读取的文章（见上）。", returncode=2)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return archive.is_zip(handle.read(4))


def _bureau(name: str) -> Unit:
    found = list(Unit.objects.filter(name=name)[:2]) or (list(Unit.objects.filter(pk=name)) if name.isdigit() else [])
    if len(found) != 1:
        raise CommandError(f"找不到唯一名为“{name}”的单位（--bureau）。", returncode=2)
    return found[0]


def _dry_row(entry: archive.Entry, unit, lexicon) -> dict:
    row = {"name": entry.name}
    if entry.problem:
        return {**row, "outcome": ArticleEntryOutcome.FAILED, "message": entry.problem}
    try:
        result = read_article_file(entry.data, bureau=unit, lexicon=lexicon)
    except ArticleError as error:
        return {**row, "outcome": ArticleEntryOutcome.FAILED, "message": str(error)}
    earlier = duplicate_of(result)
    if earlier is not None:
        return {**row, "outcome": ArticleEntryOutcome.DUPLICATE, "duplicate_of": earlier.pk, "title": result["title"]}
    return {**row, "outcome": ArticleEntryOutcome.PROPOSED, "title": result["title"], "people": len(result["people"])}


def _outcome_text(row: dict) -> str:
    if row["outcome"] == ArticleEntryOutcome.FAILED:
        return row["message"]
    if row["outcome"] == ArticleEntryOutcome.DUPLICATE:
        return f"与已导入的 #{row['duplicate_of']} 重复，不再提议"
    return f"已读取《{row.get('title', '')}》" + (f"，待确认的导入 #{row['article']}" if row.get("article") else "")


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


def _summary(result: dict, *, dry_run: bool) -> str:
    lines = [result["title"], f"发布时间：{result['published_at'] or '—'}  来源：{result['source'] or '—'}"]
    for person in result["people"]:
        honours = "、".join(h["title"] for h in person["honours"]) or "—"
        lines.append(f"人员：{person['name']}（{person['unit'] or '单位不详'}）荣誉：{honours}")
    lines.append(f"统计数字 {len(result['figures'])} 项；受损片段 {len(result['damaged_spans'])} 处（需人工核对）。")
    if dry_run:
        lines.append("试运行：未写入任何数据。")
    elif "duplicate_of" in result:
        lines.append(f"这篇文章已导入过（#{result['duplicate_of']}），未重复保存。")
    else:
        lines.append(f"已保存为待确认的导入 #{result.get('import_id')}。")
    return "\n".join(lines)
