"""The public honour board (公安群英榜): only people featured in a published story with their consent in force,
never a classified (涉密) person, never a story featuring one. Rendered pages are cached under a version number
that every publish, withdrawal and consent change bumps (explicit invalidation)."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from qunying.core.policy import within
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.models import Person
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import Story, StoryPerson, StoryPhoto

VERSION_KEY = "publicity:board_version"


def public_stories() -> QuerySet[Story]:
    """Published stories none of whose featured people is classified or lacks consent."""
    bad = StoryPerson.objects.filter(story=OuterRef("pk")).filter(
        Q(person__classified=True) | Q(consent_given_at__isnull=True) | Q(consent_withdrawn_at__isnull=False)
    )
    return Story.objects.filter(status=StoryStatus.PUBLISHED).exclude(Exists(bad))


def board_people(*, year: int | None = None, unit=None, award_code: str = "") -> QuerySet[Person]:
    stories = public_stories()
    people = Person.objects.filter(
        classified=False, pk__in=StoryPerson.objects.filter(story__in=stories).values("person")
    )
    honours = Honour.objects.filter(status=HonourStatus.ACTIVE).select_related("award_type", "issuer")
    if year:
        people = people.filter(honours__status=HonourStatus.ACTIVE, honours__awarded_on__year=year)
        honours = honours.filter(awarded_on__year=year)
    if unit is not None:
        people = people.filter(within("unit__path", unit.path))
    if award_code:
        people = people.filter(honours__status=HonourStatus.ACTIVE, honours__award_type__code=award_code)
    return (
        people.distinct()
        .select_related("unit")
        .only("pk", "name", "category", "photo", "unit__name", "unit__path")
        .prefetch_related(
            Prefetch("honours", queryset=honours.order_by("-awarded_on"), to_attr="board_honours"),
            Prefetch(
                "publicity_featured",
                queryset=StoryPerson.objects.filter(story__in=stories)
                .select_related("story")
                .prefetch_related(Prefetch("story__photos", queryset=StoryPhoto.objects.order_by("pk"))),
                to_attr="board_stories",
            ),
        )
        .order_by("unit__path", "name", "pk")
    )


def board_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def invalidate_board() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def person_on_board(pk: int) -> Person | None:
    return board_people().filter(pk=pk).first()
