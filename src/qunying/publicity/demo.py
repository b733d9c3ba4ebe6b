"""Demo data for publicity: the scraped sample article, imported as a proposal (idempotent)."""

from pathlib import Path

from qunying.publicity.models import ArticleImport
from qunying.publicity.services import import_article

SAMPLE = Path(__file__).resolve().parent / "demo_data" / "article-sample.txt"


def load(stdout) -> None:
    if ArticleImport.objects.filter(filename=SAMPLE.name).exists():
        return
    article = import_article(data=SAMPLE.read_bytes(), filename=SAMPLE.name, by=None)
    stdout.write(f"publicity: imported the sample article “{article.title}” for confirmation\n")
