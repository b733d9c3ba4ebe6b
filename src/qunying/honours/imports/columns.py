"""The honours sheet's columns, and how its cells find the catalogue: awards and issuers by name, short name and the
abbreviations a 奖励登记表 uses (市局, 县局, 省厅 …); an unknown one is named with the closest known names."""

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.imports import SheetColumn, closest_names
from qunying.core.sheets import SheetSpec, normal
from qunying.honours.enums import AwardEligibility, HonourStatus, IssuerKind, IssuerLevel
from qunying.honours.models import AwardType, Issuer

SHEET_NAME = "奖励"
MAX_ROWS = 20_000
COLLECTIVE_MARK = re.compile(r"[（(]集体[)）]$")
DEED_SEPARATORS = re.compile(r"[；;\n]")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
REVOKED_WORDS = {"已撤销", "撤销", "revoked"}
ACTIVE_WORDS = {"", "在用", "有效", "active"}

COLUMNS = (
    SheetColumn(
        "recipient",
        "获奖对象",
        required=True,
        aliases=("姓名", "获奖人", "获奖单位"),
        width=16,
        hint=gettext_lazy("A person's name, or for a collective honour the unit's name (may end with （集体）)."),
    ),
    SheetColumn(
        "badge_number",
        "警号",
        aliases=("警号/工号", "工号"),
        width=10,
        hint=gettext_lazy("The person's badge number; blank for a collective honour."),
    ),
    SheetColumn(
        "id_number",
        "身份证号",
        aliases=("身份证", "身份证号码", "公民身份号码"),
        width=21,
        hint=gettext_lazy("Instead of the badge number: the person is found by their ID number (never stored here)."),
    ),
    SheetColumn(
        "unit",
        "单位",
        width=18,
        hint=gettext_lazy(
            "For a collective honour, the unit honoured (交警大队/城区中队 when names repeat); "
            "for a person, informative only."
        ),
    ),
    SheetColumn(
        "award_type",
        "奖励",
        required=True,
        aliases=("奖励类别", "奖励名称", "奖项"),
        width=16,
        hint=gettext_lazy("The award's name in the catalogue (嘉奖, 三等功, 嘉奖（辅警）, 辅警之星 …)."),
    ),
    SheetColumn(
        "issuer",
        "颁授机关",
        required=True,
        aliases=("批准机关", "授奖机关", "发文机关"),
        width=28,
        hint=gettext_lazy("The issuer's name or short name; 市局, 县局 and 省厅 name the only such police issuer."),
    ),
    SheetColumn(
        "awarded_on",
        "日期",
        required=True,
        aliases=("奖励日期", "批准日期", "发文日期"),
        width=12,
        kind="date",
        hint=gettext_lazy("A date as YYYY-MM-DD."),
    ),
    SheetColumn(
        "document_number", "文号", aliases=("批准文号",), width=20, hint=gettext_lazy("e.g. 巢公政〔2022〕31号.")
    ),
    SheetColumn("reason", "事由", required=True, aliases=("奖励事由", "主要事迹"), width=50),
    SheetColumn(
        "deeds",
        "关联事迹",
        aliases=("事迹",),
        width=30,
        hint=gettext_lazy("Titles of the person's verified deeds this honour rewards, separated by ；."),
    ),
    SheetColumn(
        "status",
        "状态",
        width=8,
        hint=gettext_lazy(
            "Blank or 在用; a row marked 已撤销 is skipped (a revocation is recorded on the honour's page)."
        ),
    ),
)
# Columns of the honours list's own export: known, so they are not reported as unknown, and not read.
INFORMATIVE = (
    SheetColumn("ladder", "序列"),
    SheetColumn("issuer_level", "机关层级"),
    SheetColumn("revoked_on", "撤销日期"),
    SheetColumn("revocation_document_number", "撤销文号"),
    SheetColumn("revocation_ground", "撤销理由"),
)
HEADER = {column.key: column.header for column in COLUMNS}

SPEC = SheetSpec(
    columns=COLUMNS + INFORMATIVE,
    anchors=frozenset({"recipient", "award_type"}),
    no_header=gettext_lazy("No header row with 获奖对象 and 奖励 in the first rows; please start from the template."),
    too_many_rows=gettext_lazy("An honours file may have at most %(max)s rows; please split the file."),
    max_rows=MAX_ROWS,
    sheet_name=SHEET_NAME,
    duplicates_are_errors=True,
)

# 市局 / 县局 / 省厅 / 公安部: the only police issuer of that level.
LEVEL_ABBREVIATIONS = {
    "市局": IssuerLevel.CITY,
    "市公安局": IssuerLevel.CITY,
    "县局": IssuerLevel.COUNTY,
    "县公安局": IssuerLevel.COUNTY,
    "分局": IssuerLevel.COUNTY,
    "省厅": IssuerLevel.PROVINCE,
    "公安厅": IssuerLevel.PROVINCE,
    "省公安厅": IssuerLevel.PROVINCE,
}


def cell_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and (match := DATE_TEXT.match(value.strip())):
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(_("%(value)s is not a date; write it as YYYY-MM-DD, e.g. 2022-06-20.") % {"value": value})


def is_revoked(text: str) -> bool:
    return normal(text) in REVOKED_WORDS


def status_problem(text: str) -> str | None:
    if normal(text) in REVOKED_WORDS | ACTIVE_WORDS:
        return None
    return _("Please write 在用 or 已撤销, or leave it blank.")


def status_label(status: str) -> str:
    labels = {HonourStatus.REVOKED: "已撤销", HonourStatus.PENDING: "待审批", HonourStatus.DECLINED: "未获批准"}
    return labels.get(status, "在用")


class Catalogue:
    """The award types and issuers, read once per file, found by what a spreadsheet writes for them."""

    def __init__(self):
        self.award_types = list(AwardType.objects.all())
        self.issuers = list(Issuer.objects.all())
        self.awards_by_name: dict[str, list[AwardType]] = {}
        for award in self.award_types:
            names = {award.name, award.code, award.description if award.description.startswith("记") else ""}
            base = re.sub(r"[（(][^)）]*[)）]$", "", award.name)  # 嘉奖（辅警） is also written 嘉奖
            names |= {base, f"记{base}" if base.endswith("功") else ""}
            for name in filter(None, names):
                self.awards_by_name.setdefault(normal(name), []).append(award)
        self.exact_awards = {normal(award.name): award for award in self.award_types}
        self.issuers_by_name: dict[str, list[Issuer]] = {}
        for issuer in self.issuers:
            names = {issuer.name, issuer.short_name}
            names |= {issuer.name.replace("公安局", "局"), issuer.name.replace("公安厅", "厅")}
            names.add(issuer.name.removeprefix("中共"))
            for name in filter(None, names):
                self.issuers_by_name.setdefault(normal(name), []).append(issuer)
        for text, level in LEVEL_ABBREVIATIONS.items():
            police = [i for i in self.issuers if i.level == level and i.kind == IssuerKind.POLICE and i.active]
            if police and normal(text) not in self.issuers_by_name:
                self.issuers_by_name[normal(text)] = police

    def award(self, text: str, *, category: str | None) -> AwardType:
        """The award a cell names: its exact name first; else by short forms, among the awards the recipient's
        category may receive (记功 written for an auxiliary is 记功（辅警））."""
        key = normal(text)
        if key in self.exact_awards:
            return self.exact_awards[key]
        found = list(dict.fromkeys(self.awards_by_name.get(key, [])))
        if category is not None and len(found) > 1:
            found = [a for a in found if a.eligible_category in {AwardEligibility.ANYONE, category}] or found
        if len(found) == 1:
            return found[0]
        if found:
            names = "、".join(award.name for award in found)
            raise ValueError(
                _("%(text)s may be any of %(names)s; please write the award's full name.")
                % {
                    "text": text,
                    "names": names,
                }
            )
        known = [award.name for award in self.award_types]
        raise ValueError(
            _("Award %(text)s is not in the catalogue. Closest known: %(close)s.")
            % {"text": text, "close": closest_names(text, known)}
        )

    def issuer(self, text: str) -> Issuer:
        found = list(dict.fromkeys(self.issuers_by_name.get(normal(text), [])))
        if len(found) == 1:
            return found[0]
        if found:
            names = "、".join(issuer.name for issuer in found)
            raise ValueError(
                _("%(text)s may be any of %(names)s; please write the issuer's name.")
                % {
                    "text": text,
                    "names": names,
                }
            )
        known = [name for issuer in self.issuers for name in (issuer.name, issuer.short_name) if name]
        raise ValueError(
            _("Issuer %(text)s is not known. Closest known: %(close)s.")
            % {"text": text, "close": closest_names(text, known)}
        )
