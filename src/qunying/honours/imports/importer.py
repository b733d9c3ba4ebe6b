"""Applying an honours sheet: each row's person (badge or ID number), award, issuer and deeds found, then recorded
through the honours service in date order, so every rule of the pages holds (the issuer's authority, the award's
category, once per deed, the recorder's scope). A row already on record is left as it is, so the same file imported
twice changes nothing; a deed rewarded again within a year passes only with the file's one reason, on record."""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.imports import Importer, ImportOutcome, ImportScope, closest_names, register_importer
from qunying.core.policy import within
from qunying.core.sheets import PROGRESS_EVERY, cell_text, normal
from qunying.deeds.models import Deed, DeedPerson
from qunying.honours.checks import find_problems
from qunying.honours.enums import SET_ASIDE, ApprovalBasis, HonourStatus
from qunying.honours.imports.columns import (
    COLLECTIVE_MARK,
    COLUMNS,
    DEED_SEPARATORS,
    HEADER,
    SPEC,
    Catalogue,
    cell_date,
    is_revoked,
    status_problem,
)
from qunying.honours.models import Honour
from qunying.honours.services.batch import recording_batch
from qunying.honours.services.honours import record_honour, shift_years
from qunying.org.models import Person
from qunying.org.roster.checker import UnitResolver, all_units

# Which column a service error's field belongs to.
FIELD_COLUMNS = {
    "award_type": HEADER["award_type"],
    "issuer": HEADER["issuer"],
    "awarded_on": HEADER["awarded_on"],
    "reason": HEADER["reason"],
    "deeds": HEADER["deeds"],
    "document_number": HEADER["document_number"],
}
FILE_REASON_HINT = gettext_lazy(
    "A historical file may let it in with one reason for the whole file, given when it is uploaded."
)


def _key(person, unit, award_type, issuer, awarded_on, document_number) -> tuple:
    return (
        person.pk if person else None,
        unit.pk if unit else None,
        award_type.pk,
        issuer.pk,
        awarded_on,
        document_number,
    )


class HonourImporter(Importer):
    kind = "honours"
    title = gettext_lazy("Import honours")
    permission = "honours.import_honours"
    audit_action = "honours.imported"
    columns = COLUMNS
    spec = SPEC
    upload_url = "honours:honour_import"
    detail_url = "honours:honour_import_detail"
    commit_url = "honours:honour_import_commit"
    cancel_url = "honours:honour_import_cancel"
    template_url = "honours:honour_import_template"
    export_url = "honours:honour_import_export"
    asks_override_reason = True
    scope_permission = "honours.record_for"
    person_column = HEADER["badge_number"]
    listed_headers = ("获奖对象", "警号", "奖励", "颁授机关", "日期", "文号")

    def apply(self, sheet, *, by, options, on_progress=None) -> ImportOutcome:
        outcome = ImportOutcome()
        file_reason = options.get("override_reason", "")
        drafts = _Resolver(sheet, by=by, outcome=outcome).drafts(on_progress=on_progress)
        recorded: list[tuple[int, Honour]] = []
        # The service's reads (authority limits, the recipients' honours on record) are shared by the whole file.
        batch = recording_batch(
            people={draft["person"] for _row, draft in drafts if draft["person"] is not None},
            units={draft["unit"] for _row, draft in drafts if draft["unit"] is not None},
        )
        with batch:
            self._record(drafts, recorded, outcome, by=by, file_reason=file_reason, on_progress=on_progress)
        self._note(recorded, outcome, file_reason)
        return outcome

    def _record(self, drafts, recorded: list, outcome: ImportOutcome, *, by, file_reason: str, on_progress) -> None:
        """Each row through record_honour, in date order (so the year rule sees the earlier rows)."""
        for done, (row, draft) in enumerate(sorted(drafts, key=lambda pair: (pair[1]["awarded_on"], pair[0])), 1):
            try:
                # The register is the approved record: in force at once, approved by whoever commits the import.
                honour = record_honour(**draft, override_reason=file_reason, by=by, approval=ApprovalBasis.REGISTER)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        if field == "override_reason":
                            message = f"{message} {FILE_REASON_HINT}"
                        outcome.add_error(row, FIELD_COLUMNS.get(field, ""), message)
                continue
            except PermissionDenied as denied:
                outcome.add_error(row, HEADER["badge_number"], str(denied) or _("Outside your units."))
                continue
            recorded.append((row, honour))
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)

    def _note(self, recorded, outcome: ImportOutcome, file_reason: str) -> None:
        """What came in, and what a records check would point out about it. The year rule's earlier awards are
        looked up in one query for all the people of the file (as earlier_awards_within_a_year asks, per honour)."""
        findings = HonourFindings([honour for _row, honour in recorded], file_reason)
        for row, honour in sorted(recorded, key=lambda pair: pair[0]):
            outcome.created += 1
            if honour.person_id:
                outcome.add_person(row, honour.person)
            outcome.list_row(
                {
                    "row": row,
                    "person": honour.person_id,
                    "cells": [
                        honour.recipient_name,
                        honour.person.badge_number if honour.person_id else "",
                        honour.award_type.name,
                        honour.issuer.name,
                        f"{honour.awarded_on:%Y-%m-%d}",
                        honour.document_number,
                    ],
                }
            )
            findings.note(outcome, row, honour)
        rows_by_honour = {honour.pk: row for row, honour in recorded}
        findings.note_record_checks(outcome, rows_by_honour)
        outcome.audit = {
            "honours": sorted(rows_by_honour),
            "overridden": sorted(h.pk for _row, h in recorded if h.override_reason),
        }


def earlier_awards(honour: Honour, others: list[Honour]) -> list[Honour]:
    """In memory, what honours.services.earlier_awards_within_a_year finds: the same person's honours in force on the
    same ladder at the same or a higher grade in the year up to this one."""
    since = shift_years(honour.awarded_on, -1)
    return [
        other
        for other in others
        if other.pk != honour.pk
        and other.award_type.ladder == honour.award_type.ladder
        and other.award_type.grade >= honour.award_type.grade
        and since < other.awarded_on <= honour.awarded_on
    ]


class HonourFindings:
    """What a records check would say about the honours an import brought in, for every import that records honours
    (the 奖励登记表, past selections): the file's override of the year rule, the year rule itself (the people's
    honours in force read in one query for the file, as earlier_awards_within_a_year asks per honour) and the
    honours' record checks (`qunying check-records`)."""

    def __init__(self, honours: list[Honour], file_reason: str):
        self.file_reason = file_reason
        self.earlier_by_person = defaultdict(list)
        people = {honour.person_id for honour in honours if honour.person_id}
        for other in (
            Honour.objects.filter(person__in=people, status=HonourStatus.ACTIVE)
            .select_related("award_type", "issuer")
            .order_by("awarded_on", "pk")
        ):
            self.earlier_by_person[other.person_id].append(other)

    def note(self, outcome: ImportOutcome, row: int, honour: Honour) -> None:
        if honour.override_reason:
            outcome.add_finding(
                row,
                "override",
                _(
                    "%(recipient)s: %(award)s rewards a deed already rewarded within a year; let in with the "
                    "file's reason “%(reason)s”."
                )
                % {"recipient": honour.recipient_name, "award": honour.award_type.name, "reason": self.file_reason},
                url=reverse("honours:honour_detail", args=[honour.pk]),
            )
        earlier = earlier_awards(honour, self.earlier_by_person.get(honour.person_id, []))
        if earlier:
            names = "；".join(
                f"{e.awarded_on:%Y-%m-%d} {e.award_type.name}（{e.issuer.cited_name}）" for e in earlier[:3]
            )
            outcome.add_finding(
                row,
                "year_rule",
                _("%(recipient)s: %(award)s on %(date)s follows the same or a higher award within a year: %(earlier)s.")
                % {
                    "recipient": honour.recipient_name,
                    "award": honour.award_type.name,
                    "date": f"{honour.awarded_on:%Y-%m-%d}",
                    "earlier": names,
                },
                url=reverse("honours:honour_detail", args=[honour.pk]),
            )

    def note_record_checks(self, outcome: ImportOutcome, rows_by_honour: dict[int, int]) -> None:
        """The records check's honours rules over what came in, each finding on its row."""
        if not rows_by_honour:
            return
        for problem in find_problems(Honour.objects.filter(pk__in=list(rows_by_honour))):
            outcome.add_finding(
                rows_by_honour.get(problem.pk, 0),
                problem.kind,
                f"{problem.record}：{problem.detail}",
                url=reverse("honours:honour_detail", args=[problem.pk]),
            )


class _Resolver:
    """A file's rows turned into record_honour's arguments, with every problem of every row named by column. The
    people, deeds and honours on record are read once for the whole file."""

    def __init__(self, sheet, *, by, outcome: ImportOutcome):
        self.sheet, self.by, self.outcome = sheet, by, outcome
        self.catalogue = Catalogue()
        self.units = UnitResolver(all_units(), None)
        rows = sheet.rows
        badges = {cell_text(row.values.get("badge_number")) for row in rows} - {""}
        self.by_badge = {
            person.badge_number: person
            for person in Person.objects.filter(badge_number__in=badges).select_related("unit")
        }
        self.index_of = {}
        for row in rows:
            if text := cell_text(row.values.get("id_number")):
                self.index_of[text] = blind_index(text, normalise=normalise_upper)
        self.by_index = {
            person.id_number_index: person
            for person in Person.objects.filter(id_number_index__in=set(self.index_of.values())).select_related("unit")
        }
        people = {*self.by_badge.values(), *self.by_index.values()}
        self.deeds: dict[int, dict[str, list[Deed]]] = defaultdict(dict)
        for link in DeedPerson.objects.filter(person__in=people).select_related("deed"):
            self.deeds[link.person_id].setdefault(normal(link.deed.title), []).append(link.deed)
        self.on_record = set(
            Honour.objects.filter(Q(person__in=people) | Q(unit__isnull=False))
            .exclude(status__in=SET_ASIDE)
            .values_list("person", "unit", "award_type", "issuer", "awarded_on", "document_number")
        )
        self.scope = ImportScope(by, HonourImporter.scope_permission)
        self.seen: dict[tuple, int] = {}

    def error(self, row, key: str, message) -> None:
        self.outcome.add_error(row.number, HEADER.get(key, ""), message)

    def may_record_for(self, unit) -> bool:
        return self.scope.allows(unit)

    def drafts(self, *, on_progress=None) -> list[tuple[int, dict]]:
        drafts = []
        for done, row in enumerate(self.sheet.rows, 1):
            if not row.formulas:  # a formula cell is already reported by the reader
                draft = self.draft(row)
                if draft is not None:
                    drafts.append((row.number, draft))
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)
        return drafts

    def draft(self, row) -> dict | None:
        text = {key: cell_text(value) for key, value in row.values.items()}
        errors_before = len(self.outcome.errors)
        if problem := status_problem(text.get("status", "")):
            self.error(row, "status", problem)
        if is_revoked(text.get("status", "")):
            self.outcome.skipped += 1
            return None
        for key in ("recipient", "award_type", "issuer", "awarded_on", "reason"):
            if not text.get(key):
                self.error(row, key, _("This cell is required."))
        person, unit = self.recipient(row, text)
        awarded_on = None
        if text.get("awarded_on"):
            try:
                awarded_on = cell_date(row.values["awarded_on"])
            except ValueError as error:
                self.error(row, "awarded_on", str(error))
        award_type = issuer = None
        category = person.category if person is not None else None
        if text.get("award_type"):
            try:
                award_type = self.catalogue.award(text["award_type"], category=category)
            except ValueError as error:
                self.error(row, "award_type", str(error))
        if text.get("issuer"):
            try:
                issuer = self.catalogue.issuer(text["issuer"])
            except ValueError as error:
                self.error(row, "issuer", str(error))
        deeds = self.deeds_of(row, text.get("deeds", ""), person=person, unit=unit)
        if len(self.outcome.errors) > errors_before or None in (award_type, issuer, awarded_on) or not (person or unit):
            return None
        document_number = text.get("document_number", "")
        key = _key(person, unit, award_type, issuer, awarded_on, document_number)
        if key in self.seen:
            self.error(row, "recipient", _("The same honour as row %(row)s.") % {"row": self.seen[key]})
            return None
        self.seen[key] = row.number
        if key in self.on_record:
            self.outcome.unchanged += 1
            return None
        return {
            "person": person,
            "unit": unit,
            "award_type": award_type,
            "issuer": issuer,
            "awarded_on": awarded_on,
            "reason": text.get("reason", ""),
            "document_number": document_number,
            "deeds": deeds,
        }

    def recipient(self, row, text: dict):
        """The person (by badge number, else by ID number) or, without either, the unit honoured collectively."""
        badge, id_text = text.get("badge_number", ""), text.get("id_number", "")
        name = COLLECTIVE_MARK.sub("", text.get("recipient", "")).strip()
        if not badge and not id_text:
            unit_text = text.get("unit") or name
            if not unit_text:
                return None, None
            column = "unit" if text.get("unit") else "recipient"
            try:
                unit = self.units.resolve(unit_text)
            except ValueError as error:
                self.error(row, column, str(error))
                return None, None
            if not self.may_record_for(unit):
                self.error(
                    row, column, _("%(unit)s is outside the units you record honours for.") % {"unit": unit_text}
                )
                return None, None
            return None, unit
        person = by_badge = self.by_badge.get(badge) if badge else None
        if badge and by_badge is None:
            self.error(row, "badge_number", _("No person with badge number %(badge)s.") % {"badge": badge})
            return None, None
        if id_text:
            by_id = self.by_index.get(self.index_of[id_text])
            if by_id is None:
                self.error(row, "id_number", _("No person with this ID number."))
                return None, None
            if by_badge is not None and by_id.pk != by_badge.pk:
                self.error(row, "id_number", _("The ID number belongs to someone else than the badge number."))
                return None, None
            person = by_id
        if not self.may_record_for(person.unit):
            column = "badge_number" if badge else "id_number"
            self.error(row, column, _("This person is outside the units you record honours for."))
            return None, None
        if name and name != person.name:
            self.error(
                row,
                "recipient",
                _("The person on file is %(name)s, not %(written)s.") % {"name": person.name, "written": name},
            )
            return None, None
        return person, None

    def deeds_of(self, row, text: str, *, person, unit) -> list[Deed]:
        titles = [title.strip() for title in DEED_SEPARATORS.split(text) if title.strip()]
        if not titles or not (person or unit):
            return []
        if person is not None:
            known = self.deeds.get(person.pk, {})
        else:
            known = defaultdict(list)
            for deed in Deed.objects.filter(within("unit__path", unit.path)):
                known[normal(deed.title)].append(deed)
        deeds = []
        # A title written n times names n deeds of that title (a collective honour citing each member's deed).
        for title, times in Counter(titles).items():
            found = known.get(normal(title), [])
            if len(found) == times or len(found) == 1:
                deeds.extend(found)
            elif found:
                self.error(row, "deeds", _("Several deeds are called %(title)s.") % {"title": title})
            else:
                close = closest_names(title, [deed.title for same in known.values() for deed in same])
                self.error(
                    row,
                    "deeds",
                    _("No deed %(title)s of this recipient. Closest known: %(close)s.")
                    % {"title": title, "close": close},
                )
        return deeds


HONOUR_IMPORTER = register_importer(HonourImporter())
