"""Publicity reads of imported articles and stories: the publicity policy's answer to "which ones?"
(publicity.rules)."""

from django.db.models import QuerySet

from qunying.org.models import Person
from qunying.org.queries import people_visible_to
from qunying.publicity.models import ArticleImport, Story
from qunying.publicity.rules import PUBLISHED, policy


def article_imports_visible_to(user) -> QuerySet[ArticleImport]:
    """Imported articles are bureau-wide material of the political department and the publicity editors."""
    return policy.filter(user, "view_article_imports", ArticleImport.objects.select_related("uploaded_by"))


def matching_people(user, proposed: list[dict]) -> dict[str, list[Person]]:
    """Existing people the user may see with the same name (and, when the article names one, the same unit),
    keyed by the proposed name. One query for the whole article."""
    names = [p["name"] for p in proposed]
    found: dict[str, list[Person]] = {name: [] for name in names}
    units = {p["name"]: p.get("unit") for p in proposed}
    for person in people_visible_to(user).filter(name__in=names).order_by("name", "pk"):
        unit = units.get(person.name)
        if unit is None or person.unit.name == unit:
            found[person.name].append(person)
    return found


def segments(text: str, spans: list[dict]) -> list[tuple[str, bool]]:
    """The repaired text cut into (piece, damaged) for highlighting."""
    pieces, cursor = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        if span["start"] > cursor:
            pieces.append((text[cursor : span["start"]], False))
        pieces.append((text[span["start"] : span["end"]], True))
        cursor = span["end"]
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def stories_visible_to(user) -> QuerySet[Story]:
    """Stories of units in the user's subtrees for the publicity, political and leader roles."""
    return policy.filter(user, "view_story", Story.objects.all()).select_related("unit", "review_step")


def readable_stories() -> QuerySet[Story]:
    """Published stories: the reading pages' (whether the user reads them is `publicity.read_story`)."""
    return Story.objects.filter(PUBLISHED).select_related("unit")
