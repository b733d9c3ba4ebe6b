"""The reserve sheet's columns (典型储备库), and how its cells name tiers, levels and categories: by their Chinese
labels (储备, 县级, 实战 …) or their codes."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.imports import SheetColumn, closest_names
from qunying.core.sheets import SheetSpec, normal
from qunying.reserve.enums import CultivationLevel, ReserveCategory, Tier

SHEET_NAME = "典型储备"
MAX_ROWS = 5_000
DEFAULT_REASON = "历史台账导入"

COLUMNS = (
    SheetColumn("name", "姓名", aliases=("人员",), width=12, hint=gettext_lazy("Checked against the person on file.")),
    SheetColumn(
        "badge_number", "警号", aliases=("警号/工号", "工号"), width=10, hint=gettext_lazy("The person's badge number.")
    ),
    SheetColumn(
        "id_number",
        "身份证号",
        aliases=("身份证", "身份证号码", "公民身份号码"),
        width=21,
        hint=gettext_lazy("Instead of the badge number: the person is found by their ID number (never stored here)."),
    ),
    SheetColumn("unit", "单位", width=18, hint=gettext_lazy("The person's unit: informative only.")),
    SheetColumn("tier", "层级", required=True, aliases=("储备层级",), width=8),
    SheetColumn("level", "培养层级", required=True, width=10),
    SheetColumn("category", "类别", required=True, aliases=("典型类别",), width=8),
    SheetColumn(
        "since",
        "起始日期",
        required=True,
        aliases=("入库日期", "批准日期"),
        width=12,
        kind="date",
        hint=gettext_lazy("The day the tier was approved, as YYYY-MM-DD: the entry and its history are dated from it."),
    ),
    SheetColumn(
        "reason",
        "入库理由",
        aliases=("理由",),
        width=30,
        hint=gettext_lazy("Kept with the entry's history; blank means 历史台账导入."),
    ),
    SheetColumn(
        "owner_unit",
        "培养责任单位",
        aliases=("责任单位",),
        width=18,
        hint=gettext_lazy(
            "Optional: the unit owning the cultivation plan (the person's unit for a unit-level plan, the political "
            "department for a higher one). Several plans of one person take one row each."
        ),
    ),
    SheetColumn(
        "plan_level", "计划层级", width=10, hint=gettext_lazy("The plan's level; blank means the cultivation level.")
    ),
    SheetColumn(
        "mentor",
        "结对导师警号",
        aliases=("导师警号",),
        width=12,
        hint=gettext_lazy("Optional: the mentor's badge number."),
    ),
    SheetColumn("goals", "培养目标", width=40, hint=gettext_lazy("Required when the owner unit is given.")),
)
# Columns of the reserve list's own export: known, so they are not reported as unknown, and not read.
INFORMATIVE = (SheetColumn("post_type", "岗位"), SheetColumn("status", "状态"))
HEADER = {column.key: column.header for column in COLUMNS}

SPEC = SheetSpec(
    columns=COLUMNS + INFORMATIVE,
    anchors=frozenset({"tier", "since"}),
    no_header=gettext_lazy("No header row with 层级 and 起始日期 in the first rows; please start from the template."),
    too_many_rows=gettext_lazy("A reserve file may have at most %(max)s rows; please split the file."),
    max_rows=MAX_ROWS,
    sheet_name=SHEET_NAME,
    duplicates_are_errors=True,
)


def not_one_of(text: str, labels: list[str]) -> str:
    """The message for a cell naming none of `labels`: the allowed ones, and the closest when one is near."""
    close = closest_names(text, labels)
    if close == "—":
        return _("%(text)s is not one of %(allowed)s.") % {"text": text, "allowed": "、".join(labels)}
    return _("%(text)s is not one of %(allowed)s. Closest: %(close)s.") % {
        "text": text,
        "allowed": "、".join(labels),
        "close": close,
    }


def choice_labels(choices) -> dict[str, str]:
    """Chinese label → value, as the template's drop-downs write them."""
    with translation.override("zh-hans"):
        return {str(label): value for value, label in choices}


def choice_finder(choices):
    """A cell → the choice's value: by its Chinese label or its code; else a ValueError naming the allowed labels."""
    by_label = choice_labels(choices)
    found = {normal(label): value for label, value in by_label.items()} | {
        normal(value): value for value, _l in choices
    }

    def find(text: str) -> str:
        if normal(text) in found:
            return found[normal(text)]
        raise ValueError(not_one_of(text, list(by_label)))

    return find


def labels_of(choices) -> list[str]:
    return list(choice_labels(choices))


TIERS, LEVELS, CATEGORIES = Tier.choices, CultivationLevel.choices, ReserveCategory.choices
