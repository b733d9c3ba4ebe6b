"""The roster's columns, the values each accepts, and how a cell's content becomes a field's value and back."""

import datetime
import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from qunying.core.exports import FORMULA_PREFIXES, neutralise  # noqa: F401  (re-exported for the roster)
from qunying.core.sheets import (  # noqa: F401  (the roster's cell helpers are the sheet kit's; re-exported)
    PROGRESS_EVERY,
    RowError,
    SheetError,
    cell_text,
    clean_header,
    normal,
    unescape,
)
from qunying.org.enums import AuxiliaryKind, Gender, PersonCategory, PersonStatus, PoliceRank, PostType

SHEET_NAME = "花名册"
# A text cell starting with one of these is a formula to Excel and LibreOffice once edited (formula injection).


@dataclass(frozen=True)
class Column:
    key: str  # the Person field
    header: str  # the file format is Chinese whatever the UI language, so headers are not translated
    kind: str = "text"  # text | choice | date | bool | unit | tier
    required: bool = False
    aliases: tuple[str, ...] = ()  # headers other rosters commonly use for the same column
    width: int = 12


COLUMNS = (
    Column("name", "姓名", required=True, width=10),
    Column("badge_number", "警号", required=True, aliases=("警号/工号", "工号"), width=10),
    Column("category", "类别", "choice", required=True, aliases=("人员类别",), width=8),
    Column("auxiliary_kind", "辅警类型", "choice", aliases=("辅警类别",), width=10),
    Column("gender", "性别", "choice", width=6),
    Column("birth_date", "出生日期", "date"),
    Column("id_number", "身份证号", aliases=("身份证", "身份证号码", "公民身份号码"), width=21),
    Column("phone", "手机号", aliases=("手机", "手机号码", "联系电话"), width=14),
    Column("unit", "单位", "unit", required=True, aliases=("所在单位", "单位名称"), width=24),
    Column("post_type", "警种岗位", "choice", required=True, aliases=("警种", "岗位", "警种/岗位"), width=14),
    Column("police_rank", "警衔", "choice", width=14),
    Column("aux_tier", "辅警层级", "tier", aliases=("层级",), width=10),
    Column("joined_work_on", "参加工作时间", "date", aliases=("参加工作日期",), width=13),
    Column("joined_police_on", "入警时间", "date", aliases=("入警日期", "参加公安工作时间"), width=12),
    Column("party_member", "党员", "bool", aliases=("政治面貌", "是否党员"), width=8),
    Column("status", "状态", "choice", aliases=("人员状态",), width=8),
    Column("classified", "涉密", "bool", aliases=("涉密岗位", "是否涉密"), width=8),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
TEXT_COLUMNS = ("badge_number", "id_number", "phone")  # formatted as text so Excel never rounds them

ENUMS = {
    "category": PersonCategory,
    "auxiliary_kind": AuxiliaryKind,
    "gender": Gender,
    "post_type": PostType,
    "police_rank": PoliceRank,
    "status": PersonStatus,
}
# The short forms the column headers announce (类别 民警/辅警, 辅警类型 勤务/文职): accepted besides labels and codes.
SHORT_FORMS = {
    "category": {"民警": PersonCategory.POLICE, "辅警": PersonCategory.AUXILIARY},
    "auxiliary_kind": {"勤务": AuxiliaryKind.DUTY, "文职": AuxiliaryKind.CIVILIAN},
    "gender": {"男": Gender.MALE, "女": Gender.FEMALE},
}
# 党员 and 涉密 are 是/否; a 政治面貌 column's usual entries are understood as well.
YES = {"是", "y", "yes", "true", "1", "√", "✓", "党员", "中共党员", "中共预备党员", "预备党员"}
NO = {"否", "n", "no", "false", "0", "×", "群众", "共青团员", "团员", "非党员", "民主党派", "无党派人士", "无"}
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


# The roster's name for an upload that cannot be read at all (core.sheets.SheetError).
RosterFileError = SheetError

HEADER_LOOKUP = {clean_header(name): column.key for column in COLUMNS for name in (column.header, *column.aliases)}


def choice_lookup() -> dict[str, dict[str, str]]:
    """Per choice column: its zh-Hans labels, its codes and the short forms, each to the code."""
    lookup: dict[str, dict[str, str]] = {}
    with translation.override("zh-hans"):
        for key, enum in ENUMS.items():
            values = {normal(value): value for value in enum.values}
            values |= {normal(str(label)): value for value, label in enum.choices}
            values |= {normal(text): value for text, value in SHORT_FORMS.get(key, {}).items()}
            lookup[key] = values
    return lookup


def choice_labels(key: str) -> dict[str, str]:
    """Code → zh-Hans label, as exports write them (and imports read them back)."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in ENUMS[key].choices}


def cell_date(value) -> datetime.date:
    """A real Excel date, or text as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年MM月DD日."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and (match := DATE_TEXT.match(value.strip())):
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("%(value)s is not a date; write it as YYYY-MM-DD, e.g. 2015-07-01.") % {"value": value})


def cell_bool(text: str) -> bool:
    if normal(text) not in YES | NO:
        raise ValueError(_("Please write 是 or 否."))
    return normal(text) in YES


def normalise_phone(text: str) -> str:
    phone = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    if not 7 <= len(phone.lstrip("+")) <= 15:
        raise ValueError(_("Please enter a valid phone number."))
    return phone
