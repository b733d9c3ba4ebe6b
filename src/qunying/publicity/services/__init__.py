"""Publicity writes (verb-first, keyword-only, explicit actor, one audit entry each)."""

from qunying.publicity.services.article_batches import read_article_file, set_article_bureau, start_article_batch
from qunying.publicity.services.articles import (
    confirm_article_import,
    discard_article_import,
    import_article,
    recordable_honours,
)
from qunying.publicity.services.export import export_events, export_placements, export_stories
from qunying.publicity.services.outreach import create_event, create_placement, update_event, update_placement
from qunying.publicity.services.photos import add_story_photo, remove_story_photo
from qunying.publicity.services.plans import add_plan_item, create_plan, match_plan_item
from qunying.publicity.services.stories import (
    count_view,
    create_story,
    publish_problem,
    publish_story,
    record_consent,
    review_story,
    submit_story,
    update_story,
    withdraw_consent,
    withdraw_story,
)

__all__ = [
    "add_plan_item",
    "add_story_photo",
    "confirm_article_import",
    "count_view",
    "create_event",
    "create_placement",
    "create_plan",
    "create_story",
    "discard_article_import",
    "export_events",
    "export_placements",
    "export_stories",
    "import_article",
    "match_plan_item",
    "publish_problem",
    "publish_story",
    "read_article_file",
    "record_consent",
    "recordable_honours",
    "remove_story_photo",
    "review_story",
    "set_article_bureau",
    "start_article_batch",
    "submit_story",
    "update_event",
    "update_placement",
    "update_story",
    "withdraw_consent",
    "withdraw_story",
]
