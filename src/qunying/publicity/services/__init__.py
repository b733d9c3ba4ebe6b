"""Publicity writes (verb-first, keyword-only, explicit actor, one audit entry each)."""

from qunying.publicity.services.articles import (
    confirm_article_import,
    discard_article_import,
    import_article,
    read_article_file,
)

__all__ = ["confirm_article_import", "discard_article_import", "import_article", "read_article_file"]
