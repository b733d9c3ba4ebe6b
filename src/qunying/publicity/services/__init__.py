"""Publicity writes (verb-first, keyword-only, explicit actor, one audit entry each)."""

from qunying.publicity.services.articles import (
    confirm_article_import,
    discard_article_import,
    import_article,
    read_article_file,
)
from qunying.publicity.services.stories import (
    create_story,
    publish_story,
    record_consent,
    review_story,
    submit_story,
    withdraw_consent,
    withdraw_story,
)

__all__ = [
    "confirm_article_import",
    "create_story",
    "discard_article_import",
    "import_article",
    "publish_story",
    "read_article_file",
    "record_consent",
    "review_story",
    "submit_story",
    "withdraw_consent",
    "withdraw_story",
]
