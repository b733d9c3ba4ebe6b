"""Reading the dispatch system's export (CSV or .xlsx) and checking each interaction, row by row.

The same checks serve the API (`check_interaction` with one row). A file with any error imports nothing; the report
names every row and column at fault, in the sheet kit's shape (`core.sheets.RowError`).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_digits
from qunying.core.sheets import FORMULA, RowError, SheetError, SheetSpec, cell_text, normal, read_rows, read_workbook
from qunying.feedback.enums import InteractionKind
from qunying.feedback.models import ServiceInteraction
from qunying.feedback.rules import policy
from qunying.org.models import Person
from qunying.org.roster.columns import cell_bool

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the file format is Chinese whatever the UI language, like the roster's: headers are not translated
    aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS = (
    Column("incident_number", "接警编号", ("警情编号", "接警单号", "编号", "incident_number"), required=True),
    Column("kind", "类别", ("警情类别", "业务类别", "类型", "kind"), required=True),
    Column("occurred_at", "时间", ("接警时间", "办理时间", "发生时间", "occurred_at"), required=True),
    Column("officers", "民警警号", ("处警民警警号", "警号", "经办民警警号", "officers"), required=True),
    Column("phone", "群众电话", ("联系电话", "报警电话", "手机号", "phone")),
    Column("sensitive", "敏感", ("敏感案件", "是否敏感", "sensitive")),
)
HEADER = {column.key: column.header for column in COLUMNS}
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
SPEC = SheetSpec(
    columns=COLUMNS,
    anchors=frozenset(REQUIRED),
    no_header=gettext_lazy("No header row with %(headers)s in the first rows."),
    too_many_rows=gettext_lazy("A file may have at most %(max)s rows; please split it."),
    max_rows=20_000,
    max_columns=30,
    formulas_are_errors=False,  # the checker reports them, for the API's rows as for the file's
    unescape=False,
)
KIND_ALIASES = {
    "110": InteractionKind.ALARM_110,
    "110警情": InteractionKind.ALARM_110,
    "接处警": InteractionKind.ALARM_110,
    "户政": InteractionKind.HOUSEHOLD,
    "户籍": InteractionKind.HOUSEHOLD,
    "交通事故": InteractionKind.TRAFFIC,
    "出入境": InteractionKind.EXIT_ENTRY,
    "报案": InteractionKind.CASE_REPORT,
    "纠纷": InteractionKind.DISPUTE,
    "家暴": InteractionKind.DOMESTIC_VIOLENCE,
    "性侵": InteractionKind.SEXUAL_OFFENCE,
    "未成年人": InteractionKind.JUVENILE,
}
BADGE_SPLIT = re.compile(r"[\s,，、;；/]+")
DATETIME_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?$"
)
FUTURE_TOLERANCE = datetime.timedelta(hours=1)


@dataclass
class InteractionRow:
    """One checked interaction, ready to be written."""

    number: int  # the row as the spreadsheet shows it; 0 for the API
    incident_number: str
    kind: str
    occurred_at: datetime.datetime
    officers: list[Person]
    phone: str  # a mobile number (11 digits), or "" when there is none or it is a landline
    sensitive: bool

    @property
    def phone_index(self) -> str:
        return blind_index(self.phone, normalise=normalise_digits) if self.phone else ""


@dataclass
class CheckedFile:
    rows: list[InteractionRow]
    errors: list[RowError]
    existing: list[str]  # incident numbers already recorded: skipped, the import stays idempotent


def kind_lookup() -> dict[str, str]:
    with translation.override("zh-hans"):
        lookup = {normal(value): value for value in InteractionKind.values}
        lookup |= {normal(str(label)): value for value, label in InteractionKind.choices}
    return lookup | {normal(text): value for text, value in KIND_ALIASES.items()}


def parse_kind(value) -> str:
    kind = kind_lookup().get(normal(cell_text(value)))
    if kind is None:
        with translation.override("zh-hans"):
            labels = "、".join(str(label) for label in InteractionKind.labels)
        raise ValueError(_("Unknown kind; use one of: %(kinds)s.") % {"kinds": labels})
    return kind


def parse_time(value, *, now: datetime.datetime) -> datetime.datetime:
    """An Excel date-time, or text such as 2026-11-28 10:05[:00] or 2026年11月28日 10时05分; local time if naive."""
    moment = None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, str):
        text = value.strip()
        if match := DATETIME_TEXT.match(text):
            parts = [int(part) if part else 0 for part in match.groups()]
            try:
                moment = datetime.datetime(*parts)  # noqa: DTZ001 -- made aware just below
            except ValueError:
                moment = None
        else:
            try:
                moment = datetime.datetime.fromisoformat(text)
            except ValueError:
                moment = None
    if moment is None:
        raise ValueError(
            _("%(value)s is not a time; write it as YYYY-MM-DD HH:MM, e.g. 2026-11-28 10:05.") % {"value": value}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now + FUTURE_TOLERANCE:
        raise ValueError(_("This time lies in the future."))
    return moment


def parse_phone(value) -> str:
    """A mobile number as 11 digits (+86 and separators dropped); "" for none or a landline (no SMS reaches one)."""
    text = cell_text(value)
    if not text:
        return ""
    if re.search(r"[^\d\s+\-()（）]", text):
        raise ValueError(_("This is not a phone number."))
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if 7 <= len(digits) <= 12:
        return ""  # a landline: kept out, since no survey can reach it
    raise ValueError(_("This is not a phone number."))


class InteractionChecker:
    """Checks rows against the database (badge numbers, the importer's scope) with a constant number of queries."""

    def __init__(self, *, by, now: datetime.datetime | None = None):
        self.by = by
        self.now = now or timezone.now()

    def check(self, raw_rows: list[tuple[int, dict]]) -> CheckedFile:
        badges = {badge for _, values in raw_rows for badge in self._badges(values.get("officers"))}
        people = {p.badge_number: p for p in Person.objects.filter(badge_number__in=badges).select_related("unit")}
        numbers = [cell_text(values.get("incident_number")) for _, values in raw_rows]
        existing = set(
            ServiceInteraction.objects.filter(incident_number__in=numbers).values_list("incident_number", flat=True)
        )
        checked = CheckedFile([], [], [])
        seen: dict[str, int] = {}
        for number, values in raw_rows:
            row, errors = self._check_row(number, values, people, seen)
            checked.errors.extend(errors)
            if row is None:
                continue
            if row.incident_number in existing:
                checked.existing.append(row.incident_number)
            else:
                checked.rows.append(row)
        return checked

    @staticmethod
    def _badges(value) -> list[str]:
        return [badge.upper() for badge in BADGE_SPLIT.split(cell_text(value)) if badge]

    def _check_row(self, number: int, values: dict, people: dict[str, Person], seen: dict[str, int]):
        errors: list[RowError] = []

        def add(key: str, message: str) -> None:
            errors.append(RowError(number, HEADER[key], message))

        formulas = [key for key, value in values.items() if value is FORMULA]
        for key in formulas:
            add(key, _("Formulas are not accepted; please paste the value instead (Paste Special → Values)."))
        if formulas:
            return None, errors

        incident_number = cell_text(values.get("incident_number"))
        if not incident_number:
            add("incident_number", _("The incident number is missing."))
        elif len(incident_number) > 40:
            add("incident_number", _("The incident number is longer than 40 characters."))
        elif incident_number in seen:
            add(
                "incident_number",
                _("The same incident number is already in row %(row)s.") % {"row": seen[incident_number]},
            )
        else:
            seen[incident_number] = number
        parsed = {}
        for key, parse in (
            ("kind", parse_kind),
            ("occurred_at", lambda value: parse_time(value, now=self.now)),
            ("phone", parse_phone),
            ("sensitive", lambda value: cell_bool(cell_text(value)) if cell_text(value) else False),
        ):
            if key in REQUIRED and not cell_text(values.get(key)):
                add(key, _("This column is empty."))
                continue
            try:
                parsed[key] = parse(values.get(key))
            except ValueError as error:
                add(key, str(error))
        officers = []
        badges = self._badges(values.get("officers"))
        if not badges:
            add("officers", _("At least one officer's badge number is needed."))
        for badge in badges:
            person = people.get(badge)
            if person is None:
                add("officers", _("No officer has the badge number %(badge)s.") % {"badge": badge})
            elif not self._may_record_for(person):
                add("officers", _("%(person)s is outside the units you manage.") % {"person": person})
            elif person not in officers:
                officers.append(person)
        if errors:
            return None, errors
        row = InteractionRow(
            number=number,
            incident_number=incident_number,
            kind=parsed["kind"],
            occurred_at=parsed["occurred_at"],
            officers=officers,
            phone=parsed["phone"],
            sensitive=parsed["sensitive"],
        )
        return row, []

    def _may_record_for(self, person: Person) -> bool:
        # by=None: the dispatch system through the API records for the whole installation.
        return self.by is None or policy.allows(self.by, "record_interaction_of", person)


def read_interactions(upload) -> list[tuple[int, dict]]:
    """Rows of an uploaded CSV or .xlsx as (row number, {column key: raw value}); blank rows are left out and a
    formula cell reads as FORMULA, for the checker to report."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise SheetError(_("The file is larger than 5 MB; please split it."))
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head == ZIP_SIGNATURE:
        sheet = read_workbook(upload, SPEC, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    else:
        sheet = read_rows(_csv_rows(upload.read()), SPEC)
    return [(row.number, row.values | dict.fromkeys(row.formulas, FORMULA)) for row in sheet.rows]


def _csv_rows(data: bytes) -> list[list]:
    unreadable = _("The file could not be read: save it as CSV (UTF-8) or as an Excel workbook (.xlsx).")
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(unreadable)
    if "\x00" in text:
        raise SheetError(unreadable)
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise SheetError(unreadable) from None
