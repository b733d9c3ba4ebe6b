"""Applying a care ledger: each row's person (badge or ID number) found, then a place used recorded through
care.services.ledger (quota, one live entitlement per rule, person and year) or a visit planned and done through the
visit services. Health details come in only from a care officer over the person's unit (else the row is refused,
naming the column), are never listed on the page, and the rows on record are matched without reading them. A row
already on record is left as it is, so the same file imported twice changes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.care.enums import EntitlementStatus, VisitStatus
from qunying.care.imports.columns import COLUMNS, HEADER, SPEC, VISIT, find_kind, find_reason, kind_labels
from qunying.care.models import Entitlement, EntitlementRule, WelfareVisit
from qunying.care.rules import policy
from qunying.care.services.ledger import PLACE_KINDS, record_past_use, record_past_visit
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.imports import Importer, ImportOutcome, closest_names, register_importer
from qunying.core.sheets import PROGRESS_EVERY, cell_text, normal
from qunying.honours.imports.columns import cell_date
from qunying.org.models import Person

FIELD_COLUMNS = {
    "rule": HEADER["rule"],
    "used_on": HEADER["on"],
    "visited_on": HEADER["on"],
    "due_on": HEADER["on"],
    "year": HEADER["year"],
    "reason": HEADER["reason"],
    "visitors": HEADER["visitors"],
    "details": HEADER["details"],
}


class CareLedgerImporter(Importer):
    kind = "care_ledger"
    title = gettext_lazy("Import the care ledger")
    permission = "care.import_care_ledger"
    audit_action = "care.ledger.imported"
    columns = COLUMNS
    spec = SPEC
    upload_url = "care:ledger_import"
    detail_url = "care:ledger_import_detail"
    commit_url = "care:ledger_import_commit"
    cancel_url = "care:ledger_import_cancel"
    template_url = "care:ledger_import_template"
    export_url = "care:ledger_import_export"
    listed_headers = ("姓名", "警号", "类型", "日期", "待遇规则", "慰问事由")

    def apply(self, sheet, *, by, options, on_progress=None) -> ImportOutcome:
        outcome = ImportOutcome()
        rows = _Rows(sheet, by=by, outcome=outcome)
        for done, row in enumerate(sheet.rows, 1):
            if not row.formulas:  # a formula cell is already reported by the reader
                rows.apply(row)
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)
        outcome.audit = {"entitlements": rows.new_entitlements, "visits": rows.new_visits}
        return outcome


class _Rows:
    """The rows applied one by one; the people, the rules and what is on record are read once for the file."""

    def __init__(self, sheet, *, by, outcome: ImportOutcome):
        self.by, self.outcome = by, outcome
        self.kind_labels = {value: label for label, value in kind_labels().items()}
        badges = {cell_text(row.values.get("badge_number")) for row in sheet.rows} - {""}
        found = Person.objects.filter(badge_number__in=badges).select_related("unit")
        self.by_badge = {person.badge_number: person for person in found}
        self.index_of = {}
        for row in sheet.rows:
            if text := cell_text(row.values.get("id_number")):
                self.index_of[text] = blind_index(text, normalise=normalise_upper)
        self.by_index = {
            person.id_number_index: person
            for person in Person.objects.filter(id_number_index__in=set(self.index_of.values())).select_related("unit")
        }
        people = {*self.by_badge.values(), *self.by_index.values()}
        self.rules = list(EntitlementRule.objects.filter(kind__in=PLACE_KINDS).order_by("name"))
        # Matched on their plain columns: the encrypted details are never read to compare.
        self.used = set(
            Entitlement.objects.filter(person__in=people, status=EntitlementStatus.USED).values_list(
                "person", "rule", "year", "used_on"
            )
        )
        self.visited = set(
            WelfareVisit.objects.filter(person__in=people, status=VisitStatus.DONE).values_list(
                "person", "reason", "visited_on"
            )
        )
        self.allowed: dict[tuple, bool] = {}
        self.seen: dict[tuple, int] = {}
        self.new_entitlements: list[int] = []
        self.new_visits: list[int] = []

    def error(self, row, key: str, message) -> None:
        self.outcome.add_error(row.number, HEADER.get(key, ""), message)

    def may(self, action: str, person) -> bool:
        key = (action, person.unit_id)
        if key not in self.allowed:
            self.allowed[key] = policy.allows(self.by, action, person)
        return self.allowed[key]

    def apply(self, row) -> None:
        text = {key: cell_text(value) for key, value in row.values.items()}
        errors_before = len(self.outcome.errors)
        for key in ("kind", "on"):
            if not text.get(key):
                self.error(row, key, _("This cell is required."))
        kind = on = None
        if text.get("kind"):
            try:
                kind = find_kind(text["kind"])
            except ValueError as error:
                self.error(row, "kind", str(error))
        if text.get("on"):
            try:
                on = cell_date(row.values["on"])
            except ValueError as error:
                self.error(row, "on", str(error))
        person = self.person(row, text)
        if person is not None and text.get("details") and not self.may("record_health_event", person):
            self.error(row, "details", _("Only a care officer over the person's unit records health details."))
        if kind == VISIT:
            record = self.visit(row, text, person, on)
        elif kind is not None:
            record = self.place(row, text, person, kind, on)
        if len(self.outcome.errors) > errors_before or person is None or kind is None or on is None:
            return
        key, write, shown = record
        if key in self.seen:
            self.error(row, "kind", _("The same as row %(row)s.") % {"row": self.seen[key]})
            return
        self.seen[key] = row.number
        if key[1:] in self.used or key[1:] in self.visited:
            self.outcome.unchanged += 1
            return
        try:
            written = write()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.outcome.add_error(row.number, FIELD_COLUMNS.get(field, ""), message)
            return
        except PermissionDenied as denied:
            self.error(row, "badge_number", str(denied))
            return
        (self.new_visits if kind == VISIT else self.new_entitlements).append(written.pk)
        self.outcome.created += 1
        self.outcome.people.add(person.pk)
        self.outcome.list_row(
            {
                "row": row.number,
                "person": person.pk,
                "cells": [person.name, person.badge_number, self.kind_labels[kind], f"{on:%Y-%m-%d}", *shown],
            }
        )

    def visit(self, row, text: dict, person, on):
        reason = None
        for key in ("reason", "visitors"):
            if not text.get(key):
                self.error(row, key, _("A visit needs this cell."))
        if text.get("reason"):
            try:
                reason = find_reason(text["reason"])
            except ValueError as error:
                self.error(row, "reason", str(error))
        for key in ("rule", "year"):
            if text.get(key):
                self.error(row, key, _("Only for a place used; leave it blank for a visit."))
        if reason is None or person is None or on is None:
            return None

        def write():
            return record_past_visit(
                person=person,
                reason=reason,
                visited_on=on,
                visitors=text["visitors"],
                details=text.get("details", ""),
                by=self.by,
            )

        return ("visit", person.pk, reason, on), write, ["", text["reason"]]

    def place(self, row, text: dict, person, kind: str, on):
        for key in ("reason", "visitors", "details"):
            if text.get(key):
                self.error(row, key, _("Only for a visit; leave it blank for a place used."))
        rule = self.rule(row, text.get("rule", ""), kind)
        year = on.year if on is not None else None
        if text.get("year"):
            try:
                year = int(text["year"])
            except ValueError:
                self.error(row, "year", _("Write the year as four digits, e.g. 2022."))
        if rule is None or person is None or on is None or year is None:
            return None

        def write():
            return record_past_use(person=person, rule=rule, year=year, used_on=on, by=self.by)

        return ("place", person.pk, rule.pk, year, on), write, [rule.name, ""]

    def rule(self, row, text: str, kind: str):
        of_kind = [rule for rule in self.rules if rule.kind == kind]
        if not text:
            if len(of_kind) == 1:
                return of_kind[0]
            names = "、".join(rule.name for rule in of_kind) or "—"
            self.error(row, "rule", _("Name the entitlement rule: %(names)s.") % {"names": names})
            return None
        found = [rule for rule in of_kind if normal(rule.name) == normal(text)]
        if found:
            return found[0]
        self.error(
            row,
            "rule",
            _("No rule %(text)s for this kind. Closest known: %(close)s.")
            % {"text": text, "close": closest_names(text, [rule.name for rule in of_kind])},
        )
        return None

    def person(self, row, text: dict):
        badge, id_text = text.get("badge_number", ""), text.get("id_number", "")
        if not badge and not id_text:
            self.error(row, "badge_number", _("Give the badge number or the ID number."))
            return None
        person = self.by_badge.get(badge) if badge else None
        if badge and person is None:
            self.error(row, "badge_number", _("No person with badge number %(badge)s.") % {"badge": badge})
            return None
        if id_text:
            by_id = self.by_index.get(self.index_of[id_text])
            if by_id is None:
                self.error(row, "id_number", _("No person with this ID number."))
                return None
            if person is not None and by_id.pk != person.pk:
                self.error(row, "id_number", _("The ID number belongs to someone else than the badge number."))
                return None
            person = by_id
        if not self.may("record_ledger", person):
            # Returned all the same, so the row's health column is refused too; the row is never written.
            self.error(row, "badge_number" if badge else "id_number", _("This person is outside your units."))
            return person
        name = text.get("name", "")
        if name and name != person.name:
            message = _("The person on file is %(name)s, not %(written)s.") % {"name": person.name, "written": name}
            self.error(row, "name", message)
            return None
        return person


CARE_LEDGER_IMPORTER = register_importer(CareLedgerImporter())
