"""The past selections sheet's columns and how its cells are read: a campaign type by name or code, the year and
month of the period, the winner (badge or ID number), an optional score, decision date and document number."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.campaigns.enums import Period
from qunying.core.imports import SheetColumn, closest_names
from qunying.core.sheets import SheetSpec, cell_text, normal

SHEET_NAME = "评选结果"
MAX_ROWS = 5_000
QUOTES = "“”\"'‘’"  # 辅警之星 is often written “辅警之星”
NUMBER = re.compile(r"^(\d{1,4})(?:\.0+)?\s*[年月]?$")

COLUMNS = (
    SheetColumn(
        "campaign_type",
        "评选类型",
        required=True,
        aliases=("评选", "评选名称", "评选项目", "称号"),
        width=14,
        hint=gettext_lazy("The campaign type's name (最美民警, 辅警之星, 辅警标兵 …)."),
    ),
    SheetColumn("year", "年份", required=True, aliases=("年度", "年"), width=8, hint=gettext_lazy("e.g. 2022.")),
    SheetColumn(
        "month",
        "月份",
        aliases=("月",),
        width=8,
        hint=gettext_lazy("1 to 12. For a quarterly selection any month of the quarter; blank for a yearly selection."),
    ),
    SheetColumn("recipient", "姓名", required=True, aliases=("获奖人", "当选人", "获奖对象"), width=12),
    SheetColumn(
        "badge_number",
        "警号",
        aliases=("警号/工号", "工号"),
        width=10,
        hint=gettext_lazy("The winner's badge number (or give the ID number instead)."),
    ),
    SheetColumn(
        "id_number",
        "身份证号",
        aliases=("身份证", "身份证号码", "公民身份号码"),
        width=21,
        hint=gettext_lazy("Instead of the badge number: the person is found by their ID number (never stored here)."),
    ),
    SheetColumn("unit", "单位", width=18, hint=gettext_lazy("Informative only.")),
    SheetColumn(
        "score",
        "得分",
        aliases=("分数", "综合得分", "最终得分"),
        width=8,
        hint=gettext_lazy("Optional: the final score."),
    ),
    SheetColumn(
        "decided_on",
        "决定日期",
        aliases=("评选日期", "批准日期", "发文日期"),
        width=12,
        kind="date",
        hint=gettext_lazy("Optional, YYYY-MM-DD: the day of the decision; blank means the last day of the period."),
    ),
    SheetColumn("document_number", "文号", aliases=("批准文号",), width=20, hint=gettext_lazy("Optional.")),
)
HEADER = {column.key: column.header for column in COLUMNS}

SPEC = SheetSpec(
    columns=COLUMNS,
    anchors=frozenset({"campaign_type", "recipient"}),
    no_header=gettext_lazy("No header row with 评选类型 and 姓名 in the first rows; please start from the template."),
    too_many_rows=gettext_lazy("A past selections file may have at most %(max)s rows; please split the file."),
    max_rows=MAX_ROWS,
    sheet_name=SHEET_NAME,
    duplicates_are_errors=True,
)


def whole_number(value, *, low: int, high: int) -> int:
    """A year or month cell: 2022, 2022.0, "2022年", "3月"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif match := NUMBER.match(cell_text(value)):
        number = int(match.group(1))
    else:
        number = None
    if number is None or not low <= number <= high:
        raise ValueError(_("Please write a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return number


def score_of(value) -> float | None:
    text = cell_text(value)
    if not text:
        return None
    try:
        score = float(value) if isinstance(value, int | float) else float(text)
    except ValueError:
        raise ValueError(_("%(value)s is not a number.") % {"value": text}) from None
    if not 0 <= score <= 1000:
        raise ValueError(_("The score must lie between 0 and 1000."))
    return score


def month_label(campaign) -> object:
    """The month column of an exported campaign: its first month, blank for a yearly one."""
    return "" if campaign.campaign_type.period == Period.YEARLY else campaign.period_start.month


class TypeCatalogue:
    """The campaign types, read once per file, found by name or code."""

    def __init__(self, types):
        self.types = list(types)
        self.by_name = {}
        for campaign_type in self.types:
            for name in (campaign_type.name, campaign_type.code, f"{campaign_type.name}评选"):
                self.by_name.setdefault(normal(name), campaign_type)

    def find(self, text: str):
        found = self.by_name.get(normal(text).strip(QUOTES))
        if found is not None:
            return found
        raise ValueError(
            _("Campaign type %(text)s is not known. Closest known: %(close)s.")
            % {"text": text, "close": closest_names(text, [t.name for t in self.types])}
        )
