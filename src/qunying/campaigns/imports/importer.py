"""Applying a past selections sheet: each row's campaign type, period and winner found, then, period by period,
a closed campaign recorded with its winners through the campaigns' history services (record_past_campaign,
record_past_winner), whose honours go through honours.record_honour: the type's eligible categories, its winners
per period, the issuer's authority, the recorder's scope. A period already on record with the same winner is left as
it is, so the same file imported twice changes nothing."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.campaigns.enums import NominationStatus, Period, Phase
from qunying.campaigns.imports.columns import COLUMNS, HEADER, SPEC, TypeCatalogue, score_of, whole_number
from qunying.campaigns.models import Campaign, CampaignType, Nomination
from qunying.campaigns.services.history import period_label, record_past_campaign, record_past_winner
from qunying.campaigns.services.phases import period_of
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.imports import Importer, ImportOutcome, ImportScope, register_importer
from qunying.core.sheets import PROGRESS_EVERY, cell_text
from qunying.honours.imports.columns import cell_date
from qunying.honours.imports.importer import FILE_REASON_HINT, HonourFindings
from qunying.org.models import Person

# Which column a service error's field belongs to (honours.record_honour's fields, through record_past_winner).
FIELD_COLUMNS = {
    "person": HEADER["recipient"],
    "awarded_on": HEADER["decided_on"],
    "document_number": HEADER["document_number"],
    "override_reason": HEADER["decided_on"],
}


@dataclass
class Winner:
    row: int
    campaign_type: CampaignType
    start: object  # the period's first day
    person: Person
    score: float | None
    decided_on: object  # the decision's day
    document_number: str


class SelectionImporter(Importer):
    kind = "selections"
    title = gettext_lazy("Import past selections")
    permission = "campaigns.import_selections"
    audit_action = "campaigns.selections.imported"
    columns = COLUMNS
    spec = SPEC
    upload_url = "campaigns:selection_import"
    detail_url = "campaigns:selection_import_detail"
    commit_url = "campaigns:selection_import_commit"
    cancel_url = "campaigns:selection_import_cancel"
    template_url = "campaigns:selection_import_template"
    export_url = "campaigns:selection_import_export"
    asks_override_reason = True
    scope_permission = "campaigns.record_past_winner"
    person_column = HEADER["badge_number"]
    listed_headers = ("姓名", "警号", "评选类型", "期次", "得分", "决定日期")

    def apply(self, sheet, *, by, options, on_progress=None) -> ImportOutcome:
        outcome = ImportOutcome()
        file_reason = options.get("override_reason", "")
        winners = _Resolver(sheet, by=by, outcome=outcome).winners(on_progress=on_progress)
        periods: dict[tuple, list[Winner]] = defaultdict(list)
        for winner in winners:
            periods[(winner.campaign_type.pk, winner.start)].append(winner)
        awarded = Prefetch("nominations", Nomination.objects.filter(status=NominationStatus.AWARDED), to_attr="winners")
        existing = {
            (campaign.campaign_type_id, campaign.period_start): campaign
            for campaign in Campaign.objects.filter(
                campaign_type__in={key[0] for key in periods}, period_start__in={key[1] for key in periods}
            ).prefetch_related(awarded)
        }
        recorded: list[tuple[int, Nomination]] = []
        for key in sorted(periods, key=lambda key: (key[1], periods[key][0].campaign_type.name)):
            rows = periods[key]
            if key in existing:
                self._on_record(existing[key], rows, outcome)
                continue
            recorded += self._record_period(rows, outcome, by=by, file_reason=file_reason)
        self._note(recorded, outcome, file_reason)
        return outcome

    def _on_record(self, campaign: Campaign, rows: list[Winner], outcome: ImportOutcome) -> None:
        """A period that already has its campaign: its winners are left as they are, anyone else is an error."""
        winners = {nomination.person_id for nomination in campaign.winners}
        for winner in rows:
            if campaign.phase != Phase.CLOSED:
                message = _("%(campaign)s is under way on the campaigns pages.") % {"campaign": campaign.title}
                outcome.add_error(winner.row, HEADER["campaign_type"], message)
            elif winner.person.pk in winners:
                outcome.unchanged += 1
            else:
                message = _(
                    "%(campaign)s is already on record and %(name)s is not among its winners; "
                    "please check it on the campaign's page."
                ) % {"campaign": campaign.title, "name": winner.person.name}
                outcome.add_error(winner.row, HEADER["recipient"], message)

    def _record_period(self, rows: list[Winner], outcome: ImportOutcome, *, by, file_reason: str) -> list:
        """One new period: its closed campaign, then its winners ranked by score (the file's order without one)."""
        first = rows[0]
        try:
            campaign = record_past_campaign(
                campaign_type=first.campaign_type,
                day=first.start,
                decided_on=min(winner.decided_on for winner in rows),
                by=by,
            )
        except (ValidationError, PermissionDenied) as error:
            # A period not over yet is the month's (or the year's) fault, anything else the type's.
            period = HEADER["year" if first.campaign_type.period == Period.YEARLY else "month"]
            column = period if getattr(error, "code", None) == "period" else HEADER["campaign_type"]
            for winner in rows:
                for message in _messages(error):
                    outcome.add_error(winner.row, column, message)
            return []
        recorded = []
        ranked = sorted(rows, key=lambda w: (w.score is None, -(w.score or 0), w.row))
        for rank, winner in enumerate(ranked, 1):
            try:
                nomination = record_past_winner(
                    campaign=campaign,
                    person=winner.person,
                    awarded_on=winner.decided_on,
                    score=winner.score,
                    rank=rank,
                    document_number=winner.document_number,
                    override_reason=file_reason,
                    by=by,
                )
            except PermissionDenied as denied:
                outcome.add_error(winner.row, HEADER["badge_number"], str(denied))
                continue
            except ValidationError as error:
                fields = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
                for field, messages in fields.items():
                    for message in messages:
                        if field == "override_reason":
                            message = f"{message} {FILE_REASON_HINT}"
                        outcome.add_error(winner.row, FIELD_COLUMNS.get(field, HEADER["campaign_type"]), message)
                continue
            recorded.append((winner.row, nomination))
        return recorded

    def _note(self, recorded, outcome: ImportOutcome, file_reason: str) -> None:
        """What came in, and what a records check would point out: the year rule (the same or a higher award within
        a year, read in one query for all the file's people) and the honours' record checks."""
        findings = HonourFindings([nomination.honour for _row, nomination in recorded], file_reason)
        for row, nomination in sorted(recorded, key=lambda pair: pair[0]):
            honour, campaign = nomination.honour, nomination.campaign
            outcome.created += 1
            outcome.add_person(row, nomination.person)
            outcome.list_row(
                {
                    "row": row,
                    "person": nomination.person_id,
                    "cells": [
                        nomination.person.name,
                        nomination.person.badge_number,
                        campaign.campaign_type.name,
                        period_label(campaign.campaign_type, campaign.period_start),
                        "" if nomination.final_score is None else f"{nomination.final_score:g}",
                        f"{honour.awarded_on:%Y-%m-%d}",
                    ],
                }
            )
            findings.note(outcome, row, honour)
        rows_by_honour = {nomination.honour_id: row for row, nomination in recorded}
        findings.note_record_checks(outcome, rows_by_honour)
        outcome.audit = {
            "campaigns": sorted({nomination.campaign_id for _row, nomination in recorded}),
            "nominations": sorted(nomination.pk for _row, nomination in recorded),
            "honours": sorted(rows_by_honour),
        }


def _messages(error) -> list[str]:
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not import this kind of file.")]
    return error.messages


class _Resolver:
    """A file's rows turned into winners, with every problem of every row named by column. The types and the
    people are read once for the whole file."""

    def __init__(self, sheet, *, by, outcome: ImportOutcome):
        self.sheet, self.outcome = sheet, outcome
        self.types = TypeCatalogue(CampaignType.objects.select_related("award_type", "issuer"))
        rows = sheet.rows
        badges = {cell_text(row.values.get("badge_number")) for row in rows} - {""}
        self.by_badge = {
            person.badge_number: person
            for person in Person.objects.filter(badge_number__in=badges).select_related("unit")
        }
        self.index_of = {
            text: blind_index(text, normalise=normalise_upper)
            for row in rows
            if (text := cell_text(row.values.get("id_number")))
        }
        self.by_index = {
            person.id_number_index: person
            for person in Person.objects.filter(id_number_index__in=set(self.index_of.values())).select_related("unit")
        }
        self.scope = ImportScope(by, SelectionImporter.scope_permission)
        self.seen: dict[tuple, int] = {}

    def error(self, row, key: str, message) -> None:
        self.outcome.add_error(row.number, HEADER[key], message)

    def winners(self, *, on_progress=None) -> list[Winner]:
        winners = []
        for done, row in enumerate(self.sheet.rows, 1):
            if not row.formulas:  # a formula cell is already reported by the reader
                winner = self.winner(row)
                if winner is not None:
                    winners.append(winner)
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)
        return winners

    def winner(self, row) -> Winner | None:
        text = {key: cell_text(value) for key, value in row.values.items()}
        errors_before = len(self.outcome.errors)
        for key in ("campaign_type", "year", "recipient"):
            if not text.get(key):
                self.error(row, key, _("This cell is required."))
        campaign_type = start = None
        if text.get("campaign_type"):
            try:
                campaign_type = self.types.find(text["campaign_type"])
            except ValueError as error:
                self.error(row, "campaign_type", str(error))
        start = self.period(row, text, campaign_type)
        person = self.person(row, text)
        score = decided_on = None
        try:
            score = score_of(row.values.get("score"))
        except ValueError as error:
            self.error(row, "score", str(error))
        if text.get("decided_on"):
            try:
                decided_on = cell_date(row.values["decided_on"])
            except ValueError as error:
                self.error(row, "decided_on", str(error))
        if len(self.outcome.errors) > errors_before or None in (campaign_type, start, person):
            return None
        key = (campaign_type.pk, start, person.pk)
        if key in self.seen:
            self.error(row, "recipient", _("The same winner as row %(row)s.") % {"row": self.seen[key]})
            return None
        self.seen[key] = row.number
        return Winner(
            row=row.number,
            campaign_type=campaign_type,
            start=start,
            person=person,
            score=score,
            decided_on=decided_on or period_of(campaign_type.period, start)[1],
            document_number=text.get("document_number", ""),
        )

    def period(self, row, text: dict, campaign_type):
        """The first day of the period the row's year and month name (a yearly type needs no month)."""
        year = month = None
        if text.get("year"):
            try:
                year = whole_number(row.values["year"], low=1949, high=2100)
            except ValueError as error:
                self.error(row, "year", str(error))
        if text.get("month"):
            try:
                month = whole_number(row.values["month"], low=1, high=12)
            except ValueError as error:
                self.error(row, "month", str(error))
        elif campaign_type is not None and campaign_type.period != Period.YEARLY:
            self.error(
                row,
                "month",
                _("%(type)s is chosen by month or quarter: please give the month.") % {"type": campaign_type.name},
            )
        if campaign_type is None or year is None or (month is None and campaign_type.period != Period.YEARLY):
            return None
        return period_of(campaign_type.period, datetime.date(year, month or 1, 1))[0]

    def person(self, row, text: dict):
        """The winner by badge number, else by ID number; the name must be theirs, the unit in the user's scope."""
        badge, id_text, name = text.get("badge_number", ""), text.get("id_number", ""), text.get("recipient", "")
        if not badge and not id_text:
            self.error(row, "badge_number", _("Please give the winner's badge number or ID number."))
            return None
        person = by_badge = self.by_badge.get(badge) if badge else None
        if badge and by_badge is None:
            self.error(row, "badge_number", _("No person with badge number %(badge)s.") % {"badge": badge})
            return None
        if id_text:
            by_id = self.by_index.get(self.index_of[id_text])
            if by_id is None:
                self.error(row, "id_number", _("No person with this ID number."))
                return None
            if by_badge is not None and by_id.pk != by_badge.pk:
                self.error(row, "id_number", _("The ID number belongs to someone else than the badge number."))
                return None
            person = by_id
        if problem := self.scope.person_problem(person):
            self.error(row, "badge_number" if badge else "id_number", problem)
            return None
        if name and name != person.name:
            self.error(
                row,
                "recipient",
                _("The person on file is %(name)s, not %(written)s.") % {"name": person.name, "written": name},
            )
            return None
        return person


SELECTION_IMPORTER = register_importer(SelectionImporter())
