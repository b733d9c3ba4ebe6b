"""Checking a roster: each row becomes a person to create or update, or errors naming its row and column.

The database is read set-based, never a query per row: existing badge numbers, ID numbers already on file, units and
auxiliary tiers are each one query (badge and ID lookups in chunks of a few thousand)."""

import copy
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.policy import scope_paths
from qunying.core.text import pinyin_full, pinyin_initials
from qunying.org.checks import check_person
from qunying.org.enums import Gender, PersonStatus
from qunying.org.idcard import mask_id_number, mask_phone, normalise, parse_id_number
from qunying.org.models import AuxiliaryTier, Person, Unit
from qunying.org.roster.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    PROGRESS_EVERY,
    RowError,
    cell_bool,
    cell_date,
    cell_text,
    choice_labels,
    choice_lookup,
    normal,
    normalise_phone,
)
from qunying.org.roster.reader import RosterRow, RosterSheet
from qunying.org.rules import PEOPLE_EDITORS

LOOKUP_CHUNK = 5_000
UNIT_SEPARATORS = ("/", "／", "\\", ">", "＞")
IMPORTED_FIELDS = [column.key for column in COLUMNS]
REQUIRED = [column.key for column in COLUMNS if column.required]


@dataclass
class RosterPlan:
    """What a commit would do. `updates` pairs each changed person with the fields that changed."""

    errors: list[RowError] = field(default_factory=list)
    creates: list[Person] = field(default_factory=list)
    updates: list[tuple[Person, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    rows: int = 0


class UnitResolver:
    """Units by name, or by a name path such as 交警大队/城区中队 when names repeat, among the units one may edit."""

    def __init__(self, units: list[Unit], editable_paths: list[str] | None):
        self.units_by_id = by_id = {unit.pk: unit for unit in units}
        self.chains = {
            unit.pk: tuple(by_id[int(part)].name for part in unit.path.strip("/").split("/") if int(part) in by_id)
            for unit in units
        }
        self.suffix_counts = Counter(chain[-n:] for chain in self.chains.values() for n in range(1, len(chain) + 1))
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            if editable_paths is None or any(unit.path.startswith(path) for path in editable_paths):
                self.by_name[unit.name].append(unit)

    def resolve(self, text: str) -> Unit:
        for separator in UNIT_SEPARATORS[1:]:
            text = text.replace(separator, "/")
        parts = tuple(part.strip() for part in text.split("/") if part.strip())
        found = [unit for unit in self.by_name.get(parts[-1], []) if self.chains[unit.pk][-len(parts) :] == parts]
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValueError(_("Unit %(unit)s is unknown or outside the units you may edit.") % {"unit": text})
        examples = "、".join(self.label(unit) for unit in found[:3])
        message = _("Several units are called %(unit)s; write the unit above it too, e.g. %(examples)s.")
        raise ValueError(message % {"unit": text, "examples": examples})

    def label(self, unit: Unit) -> str:
        """The shortest name path no other unit shares: the bare name when it is unique."""
        chain = self.chains[unit.pk]
        for n in range(1, len(chain) + 1):
            if self.suffix_counts[chain[-n:]] == 1:
                return "/".join(chain[-n:])
        return "/".join(chain)


def all_units() -> list[Unit]:
    return list(Unit.objects.only("id", "name", "path", "parent_id"))


def editable_paths_of(by) -> list[str] | None:
    """None means everywhere (the system, a superuser), as org.rules' `add_person` answers for them."""
    if by is None or by.is_superuser:
        return None
    return scope_paths(by, PEOPLE_EDITORS)


def id_index(value: str) -> str:
    return Person._meta.get_field("id_number_index").index_of(value)


def _badge(row: RosterRow) -> str:
    return cell_text(row.values.get("badge_number")).upper()


def _value(person: Person, key: str):
    return getattr(person, f"{key}_id") if key in ("unit", "aux_tier") else getattr(person, key)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


class RosterChecker:
    def __init__(self, sheet: RosterSheet, *, by):
        self.sheet = sheet
        self.by = by
        self.choices = choice_lookup()
        self.editable_paths = editable_paths_of(by)
        self.units = UnitResolver(all_units(), self.editable_paths)
        self.tiers = {tier.name: tier for tier in AuxiliaryTier.objects.all()}
        self.existing = self._existing_people()
        self.id_owners = self._id_owners()

    def _existing_people(self) -> dict[str, Person]:
        badges = sorted({badge for row in self.sheet.rows if (badge := _badge(row))})
        people: dict[str, Person] = {}
        for chunk in _chunks(badges):
            people |= {person.badge_number: person for person in Person.objects.filter(badge_number__in=chunk)}
        for person in people.values():
            person.unit = self.units.units_by_id[person.unit_id]  # from the one unit query: no join
        return people

    def _id_owners(self) -> dict[str, str]:
        """Blind index → badge number, for the file's ID numbers already on file."""
        numbers = {normalise(cell_text(row.values.get("id_number"))) for row in self.sheet.rows}
        indexes = sorted(id_index(number) for number in numbers if len(number) == 18)
        owners: dict[str, str] = {}
        for chunk in _chunks(indexes):
            owners |= dict(
                Person.objects.filter(id_number_index__in=chunk).values_list("id_number_index", "badge_number")
            )
        return owners

    def editable(self, unit: Unit) -> bool:
        return self.editable_paths is None or any(unit.path.startswith(path) for path in self.editable_paths)

    def check(self, *, on_progress: Callable[[int], None] | None = None) -> RosterPlan:
        plan = RosterPlan(errors=list(self.sheet.errors), rows=len(self.sheet.rows))
        if any(error.row == self.sheet.header_row for error in plan.errors):
            return plan  # without the right header no row can be read
        self.first_row_of_badge: dict[str, int] = {}
        self.first_row_of_id: dict[str, int] = {}
        for done, row in enumerate(self.sheet.rows, start=1):
            plan.errors.extend(self._check_row(row, plan))
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)
        if plan.errors:
            plan.creates, plan.updates, plan.unchanged = [], [], 0
        plan.errors.sort(key=lambda error: error.row)
        return plan

    def _check_row(self, row: RosterRow, plan: RosterPlan) -> list[RowError]:
        errors: list[RowError] = []

        def add(key: str, message: str) -> None:
            errors.append(RowError(row.number, COLUMN_BY_KEY[key].header, message))

        badge = _badge(row)
        if badge and badge in self.first_row_of_badge:
            message = _("Badge number %(badge)s also appears in row %(row)s.")
            add("badge_number", message % {"badge": badge, "row": self.first_row_of_badge[badge]})
            return errors
        if badge:
            self.first_row_of_badge[badge] = row.number
        existing = self.existing.get(badge)
        if existing is not None and not self.editable(existing.unit):
            add(
                "badge_number",
                _("Badge number %(badge)s belongs to someone outside the units you may edit.") % {"badge": badge},
            )
            return errors

        person = copy.copy(existing) if existing is not None else Person(status=PersonStatus.ACTIVE)
        for key in self.sheet.columns:
            if key in row.formulas:
                continue  # already reported
            try:
                self._apply(person, key, row.values.get(key), existing)
            except ValueError as error:
                add(key, str(error))
        reported = {error.column for error in errors}
        for key in REQUIRED:
            if key not in row.formulas and COLUMN_BY_KEY[key].header not in reported and key not in row.values:
                add(key, _("Please fill in this cell."))
        if errors or row.formulas:
            return errors

        for key, messages in check_person(person, check_badge_in_db=False).items():
            add(key, messages[0])
        if not errors:
            self._check_id_number(person, row, add)
        if existing is not None:
            self._check_may_change_sensitive(person, existing, add)
        if errors:
            return errors
        self._fill_from_id_number(person, existing)
        if not person.gender:
            add("gender", _("Please fill in the gender, or the ID number it can be read from."))
        elif existing is None:
            plan.creates.append(person)
        elif changed := [key for key in IMPORTED_FIELDS if _value(person, key) != _value(existing, key)]:
            plan.updates.append((person, changed))
        else:
            plan.unchanged += 1
        return errors

    def _check_may_change_sensitive(self, person: Person, existing: Person, add) -> None:
        """As on the edit form: whoever may not read a stored ID number or phone may not overwrite it blind."""
        for key, perm in (("id_number", "org.view_person_id_number"), ("phone", "org.view_person_phone")):
            if (
                getattr(person, key) != getattr(existing, key)
                and self.by is not None
                and not self.by.has_perm(perm, existing)
            ):
                add(key, _("You may not change this, as you may not see the stored value; leave the cell blank."))

    def _check_id_number(self, person: Person, row: RosterRow, add) -> None:
        """One ID number, one person: neither twice in the file nor someone else's on file."""
        if not person.id_number:
            return
        first_row = self.first_row_of_id.setdefault(person.id_number, row.number)
        if first_row != row.number:
            add("id_number", _("This ID number also appears in row %(row)s.") % {"row": first_row})
        elif self.id_owners.get(id_index(person.id_number), person.badge_number) != person.badge_number:
            add("id_number", _("This ID number is already recorded for someone else."))

    def _apply(self, person: Person, key: str, value, existing: Person | None) -> None:
        kind = COLUMN_BY_KEY[key].kind
        text = cell_text(value)
        if kind == "choice":
            if text and normal(text) not in self.choices[key]:
                allowed = "、".join(choice_labels(key).values())
                raise ValueError(_("%(value)s is not one of: %(allowed)s.") % {"value": text, "allowed": allowed})
            if text:
                setattr(person, key, self.choices[key][normal(text)])
            elif key != "status":  # a blank status keeps the stored one, or the default for someone new
                setattr(person, key, "")
        elif kind == "date":
            setattr(person, key, cell_date(value) if text else None)
        elif kind == "bool":
            setattr(person, key, cell_bool(text) if text else False)
        elif kind == "unit":
            if text:
                person.unit = self.units.resolve(text)
        elif kind == "tier":
            if text and text not in self.tiers:
                raise ValueError(_("Auxiliary tier %(tier)s is not on the tier list.") % {"tier": text})
            person.aux_tier = self.tiers.get(text)
        elif key in ("id_number", "phone"):
            self._apply_sensitive(person, key, value, text, existing)
        else:
            limit = Person._meta.get_field(key).max_length
            if len(text) > limit:
                raise ValueError(_("At most %(limit)s characters.") % {"limit": limit})
            setattr(person, key, text.upper() if key == "badge_number" else text)

    @staticmethod
    def _apply_sensitive(person: Person, key: str, value, text: str, existing: Person | None) -> None:
        """A blank cell, or the masked value an export gave, keeps the stored number on an update."""
        stored = getattr(existing, key, "") if existing is not None else ""
        mask = mask_id_number if key == "id_number" else mask_phone
        if not text or (stored and "*" in text and text == mask(stored)):
            setattr(person, key, stored)
        elif key == "id_number" and isinstance(value, float):
            raise ValueError(
                _("Excel has turned this number into a rounded figure; format the column as text and type it again.")
            )
        else:
            setattr(person, key, normalise_phone(text) if key == "phone" else text)

    @staticmethod
    def _fill_from_id_number(person: Person, existing: Person | None) -> None:
        """Birth date and gender left blank come from the ID number (or stay as they were)."""
        if person.id_number:
            parsed = parse_id_number(person.id_number)
            person.birth_date = person.birth_date or parsed.birth_date
            person.gender = person.gender or (Gender.MALE if parsed.is_male else Gender.FEMALE)
        elif existing is not None:
            person.gender = person.gender or existing.gender


def check_roster(sheet: RosterSheet, *, by, on_progress: Callable[[int], None] | None = None) -> RosterPlan:
    return RosterChecker(sheet, by=by).check(on_progress=on_progress)


def fill_derived_fields(person: Person, fields: Iterable[str] = ("name", "id_number", "phone")) -> list[str]:
    """Search keys and blind indexes, which bulk writes do not compute; returns the fields it set."""
    derived = []
    if "name" in fields:
        person.name_initials, person.name_pinyin = pinyin_initials(person.name), pinyin_full(person.name)
        derived += ["name_initials", "name_pinyin"]
    for source in ("id_number", "phone"):
        if source in fields:
            index = Person._meta.get_field(f"{source}_index")
            setattr(person, index.attname, index.index_of(getattr(person, source)))
            derived.append(index.name)
    person.updated_at = timezone.now()
    return [*derived, "updated_at"]
