"""Publicity writes (verb-first, keyword-only, explicit actor, one audit entry each)."""

from qunying.publicity.services.articles import import_article, read_article_file

__all__ = ["import_article", "read_article_file"]
