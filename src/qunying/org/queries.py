"""Organisation reads: units and people in the user's scope, search, filters and counts without a query per row."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.policy import within
from qunying.org.enums import PersonCategory, PersonStatus
from qunying.org.models import Person, RosterImport, Unit
from qunying.org.rules import policy

PERSON_SORTS = {
    "name": ["name_pinyin", "badge_number"],
    "-name": ["-name_pinyin", "-badge_number"],
    "badge": ["badge_number"],
    "-badge": ["-badge_number"],
    "unit": ["unit__path", "name_pinyin"],
    "-unit": ["-unit__path", "name_pinyin"],
    "joined": ["joined_police_on", "joined_work_on", "badge_number"],
    "-joined": ["-joined_police_on", "-joined_work_on", "badge_number"],
}


# Each list is the policy's answer for one action (org.rules), so a list page and a detail page never disagree.


def units_visible_to(user) -> QuerySet[Unit]:
    return policy.filter(user, "view_unit", Unit.objects.all())


def units_editable_by(user) -> QuerySet[Unit]:
    return policy.filter(user, "change_unit", Unit.objects.all())


def units_for_people_editing(user) -> QuerySet[Unit]:
    """The units the user may place people in (a new person, a transfer)."""
    return policy.filter(user, "add_person", Unit.objects.all())


def people_visible_to(user) -> QuerySet[Person]:
    return policy.filter(user, "view_person", Person.objects.select_related("unit", "aux_tier"))


def people_editable_by(user) -> QuerySet[Person]:
    return policy.filter(user, "change_person", Person.objects.select_related("unit", "aux_tier"))


def search_people(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Name, badge number, pinyin initials (`ylc` finds 杨磊成) or full pinyin; a whole ID number by blind index.

    Every prefix is an indexed range (`prefix`, see core.lookups); a name is searched anywhere in it only for text
    with Chinese (or other non-ASCII) characters, since ASCII text is a badge or pinyin: on PostgreSQL a trigram index
    serves that substring search (migration org 0006), on SQLite it reads the rows of the scope."""
    text = text.strip()
    if not text:
        return people
    if not text.isascii():  # Chinese: a name (badges, pinyin and ID numbers are ASCII)
        return people.filter(name__icontains=text)
    condition = Q(badge_number__prefix=text)
    if text.upper() != text:
        condition |= Q(badge_number__prefix=text.upper())
    if text.isalpha():
        condition |= Q(name_initials__prefix=text.lower()) | Q(name_pinyin__prefix=text.lower())
    if len(text) == 18:
        condition |= Q(id_number_index=blind_index(text, normalise=normalise_upper))
    return people.filter(condition)


def filter_people(people: QuerySet[Person], *, unit=None, category="", post_type="", status="", q="", sort=""):
    if unit is not None:
        people = people.filter(within("unit__path", unit.path))
    if category:
        people = people.filter(category=category)
    if post_type:
        people = people.filter(post_type=post_type)
    if status:
        people = people.filter(status=status)
    people = search_people(people, q)
    return people.order_by(*PERSON_SORTS.get(sort, PERSON_SORTS["name"]))


@dataclass
class UnitRow:
    unit: Unit
    level: int  # depth below the shallowest unit shown
    police: int = 0
    auxiliary: int = 0
    subtree_total: int = 0
    has_children: bool = False

    @property
    def total(self) -> int:
        return self.police + self.auxiliary


def unit_tree_with_counts(units: QuerySet[Unit]) -> list[UnitRow]:
    """Units in tree order (siblings by sort order, then name), with serving people counted in each unit and in its
    whole subtree. Two queries whatever the size of the tree; the roll-up is done in Python along the paths."""
    # The units as a subquery (not a list of every id), without the timestamps no tree shows.
    in_units = units.values("pk") if isinstance(units, QuerySet) else [unit.pk for unit in units]
    if isinstance(units, QuerySet):
        units = units.defer("created_at", "updated_at")
    units = list(units)
    counts = (
        Person.objects.filter(unit__in=in_units, status=PersonStatus.ACTIVE)
        .values_list("unit", "category")
        .annotate(n=Count("pk"))
    )
    by_unit: dict[int, Counter] = defaultdict(Counter)
    for unit_id, category, n in counts:
        by_unit[unit_id][category] = n

    children: dict[int | None, list[Unit]] = defaultdict(list)
    present = {unit.pk for unit in units}
    for unit in units:
        children[unit.parent_id if unit.parent_id in present else None].append(unit)
    top_depth = min((unit.depth for unit in units), default=0)

    rows: list[UnitRow] = []

    def visit(unit: Unit) -> int:
        row = UnitRow(
            unit=unit,
            level=unit.depth - top_depth,
            police=by_unit[unit.pk][PersonCategory.POLICE],
            auxiliary=by_unit[unit.pk][PersonCategory.AUXILIARY],
        )
        rows.append(row)
        row.has_children = bool(children[unit.pk])
        row.subtree_total = row.total + sum(visit(child) for child in sorted_units(children[unit.pk]))
        return row.subtree_total

    for root in sorted_units(children[None]):
        visit(root)
    return rows


def sorted_units(units: list[Unit]) -> list[Unit]:
    return sorted(units, key=lambda unit: (unit.sort_order, unit.name))


def ancestors_of(unit: Unit, *, within: QuerySet[Unit]) -> list[Unit]:
    """The unit's ancestors from the root down, limited to those the user may see (one query)."""
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1]]
    return list(within.filter(pk__in=ids).order_by("depth"))


def roster_imports_visible_to(user) -> QuerySet[RosterImport]:
    """An upload is its uploader's working copy of a roster: nobody else sees it (a 404, as out of scope)."""
    return policy.filter(user, "view_roster_import", RosterImport.objects.all())
