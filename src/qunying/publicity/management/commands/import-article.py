"""`qunying import-article FILE [--json] [--dry-run]`: repair a scraped article and propose what it reports.

Exit status 0 on success; 2 with a message on standard error for a file that cannot be read as an article.
Without --dry-run the article is kept as a proposal (ArticleImport) for a political officer to confirm on the
upload page; with --dry-run nothing is written.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qunying.publicity.article import MAX_BYTES, ArticleError
from qunying.publicity.services import import_article, read_article_file


class Command(BaseCommand):
    help = "Repair a scraped bureau article and propose the people, honours and figures it reports."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print one JSON object")
        parser.add_argument("--dry-run", action="store_true", help="write nothing")

    def handle(self, *args, file, as_json: bool, dry_run: bool, **options):
        path = Path(file)
        try:
            if not path.is_file():
                raise ArticleError(f"找不到文件：{file}")
            if path.stat().st_size > MAX_BYTES:
                raise ArticleError(
                    f"文件过大（{path.stat().st_size // 1024} KB），文章不应超过 {MAX_BYTES // 1024 // 1024} MB。"
                )
            data = path.read_bytes()
            result = read_article_file(data)
            if not dry_run:
                article = import_article(data=data, filename=path.name, by=None)
                result["import_id"] = article.pk
        except (ArticleError, OSError) as exc:
            raise CommandError(str(exc), returncode=2) from None
        if as_json:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(_summary(result, dry_run=dry_run))


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


def _summary(result: dict, *, dry_run: bool) -> str:
    lines = [result["title"], f"发布时间：{result['published_at'] or '—'}  来源：{result['source'] or '—'}"]
    for person in result["people"]:
        honours = "、".join(h["title"] for h in person["honours"]) or "—"
        lines.append(f"人员：{person['name']}（{person['unit'] or '单位不详'}）荣誉：{honours}")
    lines.append(f"统计数字 {len(result['figures'])} 项；受损片段 {len(result['damaged_spans'])} 处（需人工核对）。")
    lines.append("试运行：未写入任何数据。" if dry_run else f"已保存为待确认的导入 #{result.get('import_id')}。")
    return "\n".join(lines)
