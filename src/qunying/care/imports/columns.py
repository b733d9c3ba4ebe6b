"""The care ledger sheet's columns (关爱台账): one row per place used (功模休养, training) or visit made, and how its
cells name the kind of record, the entitlement rule and the visit's reason."""

from django.utils.translation import gettext_lazy

from qunying.care.enums import EntitlementKind, VisitReason
from qunying.care.services.ledger import PLACE_KINDS
from qunying.core.imports import SheetColumn
from qunying.core.sheets import SheetSpec, normal
from qunying.reserve.imports.columns import choice_finder, choice_labels, not_one_of

SHEET_NAME = "关爱台账"
MAX_ROWS = 5_000
VISIT = "visit"
VISIT_LABEL = "慰问"
# What a ledger writes for each kind of record, besides the labels themselves.
KIND_WORDS = {
    "休养": EntitlementKind.RECUPERATION,
    "疗养": EntitlementKind.RECUPERATION,
    "功模疗养": EntitlementKind.RECUPERATION,
    "培训": EntitlementKind.TRAINING,
    "培训名额": EntitlementKind.TRAINING,
    "走访慰问": VISIT,
    "看望慰问": VISIT,
}

COLUMNS = (
    SheetColumn("name", "姓名", width=12, hint=gettext_lazy("Checked against the person on file.")),
    SheetColumn("badge_number", "警号", aliases=("警号/工号", "工号"), width=10),
    SheetColumn(
        "id_number",
        "身份证号",
        aliases=("身份证", "身份证号码", "公民身份号码"),
        width=21,
        hint=gettext_lazy("Instead of the badge number: the person is found by their ID number (never stored here)."),
    ),
    SheetColumn("unit", "单位", width=18, hint=gettext_lazy("The person's unit: informative only.")),
    SheetColumn(
        "kind",
        "类型",
        required=True,
        aliases=("记录类型",),
        width=14,
        hint=gettext_lazy("功模休养 or 教育培训名额 for a place used, 慰问 for a visit made."),
    ),
    SheetColumn(
        "on",
        "日期",
        required=True,
        aliases=("使用日期", "慰问日期"),
        width=12,
        kind="date",
        hint=gettext_lazy("The day the place was used or the visit made, as YYYY-MM-DD."),
    ),
    SheetColumn(
        "rule",
        "待遇规则",
        aliases=("规则",),
        width=20,
        hint=gettext_lazy("For a place: the entitlement rule's name; blank when only one rule gives this kind."),
    ),
    SheetColumn(
        "year", "年度", width=6, hint=gettext_lazy("For a place: the year it belongs to; blank means the date's.")
    ),
    SheetColumn("reason", "慰问事由", aliases=("事由",), width=12, hint=gettext_lazy("For a visit: its reason.")),
    SheetColumn("visitors", "慰问人", width=16, hint=gettext_lazy("For a visit: who visited.")),
    SheetColumn(
        "details",
        "健康和家庭情况",
        aliases=("健康情况", "家庭情况"),
        width=40,
        hint=gettext_lazy(
            "For a visit, optional: health and family details, kept encrypted. Only a care officer over the person's "
            "unit may import them: a row with them from anyone else is refused. Reading them for the export is "
            "recorded in the audit log."
        ),
    ),
)
INFORMATIVE = (SheetColumn("status", "状态"),)
HEADER = {column.key: column.header for column in COLUMNS}

SPEC = SheetSpec(
    columns=COLUMNS + INFORMATIVE,
    anchors=frozenset({"kind", "on"}),
    no_header=gettext_lazy("No header row with 类型 and 日期 in the first rows; please start from the template."),
    too_many_rows=gettext_lazy("A care ledger may have at most %(max)s rows; please split the file."),
    max_rows=MAX_ROWS,
    sheet_name=SHEET_NAME,
    duplicates_are_errors=True,
)


def kind_labels() -> dict[str, str]:
    """Label → kind, as the template's drop-down writes them: the two places, then 慰问."""
    places = {label: value for label, value in choice_labels(EntitlementKind.choices).items() if value in PLACE_KINDS}
    return places | {VISIT_LABEL: VISIT}


def find_kind(text: str) -> str:
    known = {normal(label): value for label, value in (kind_labels() | KIND_WORDS).items()}
    if normal(text) in known:
        return known[normal(text)]
    labels = list(kind_labels())
    raise ValueError(not_one_of(text, labels))


def find_reason(text: str) -> str:
    return choice_finder(VisitReason.choices)(text)
