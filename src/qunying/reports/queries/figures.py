"""Yearly figures in the form the bureau publishes them, built on honours.queries.honour_figures:
"获合肥市局嘉奖4人，获巢湖市委组织部、疫情防控办公室嘉奖8人，获巢湖市局本级嘉奖8人；评选出'辅警之星'8人、'辅警标兵'16人"."""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qunying.campaigns.models import CampaignType
from qunying.honours.enums import ISSUER_LEVEL_RANK, AwardLadder, HonourStatus
from qunying.honours.models import Honour
from qunying.honours.queries import FigureRow, honour_figures
from qunying.org.models import Unit

# 嘉奖's grade in the seeded catalogue: below it come 表扬 (通报表扬), which the 条令 does not count as 奖励, so the
# published figures list them after the awards and the selections.
LOWEST_AWARD_GRADE = 20
# "嘉奖（辅警）" is published as 嘉奖: the ladder shows in the catalogue, not in the sentence.
LADDER_SUFFIX = re.compile(r"（[^（）]*）$")


@dataclass
class Clause:
    """One number of the figures: people of the scope who received `award` from `issuer` (or won a selection)."""

    kind: str  # award, selection, title, praise
    award: str  # as published
    people: int
    issuer: object | None = None  # honours.Issuer; None for a selection (it is the bureau's own)
    issuer_cited: str = ""
    award_type_ids: list[int] = field(default_factory=list)
    grade: int = 0

    def list_params(self) -> dict:
        """Honours-list filters that show the records behind the number."""
        params = {"status": HonourStatus.ACTIVE}
        if len(self.award_type_ids) == 1:
            params["award_type"] = self.award_type_ids[0]
        if self.issuer is not None:
            params["issuer"] = self.issuer.pk
        return params


@dataclass
class YearlyFigures:
    year: int
    awards: list[Clause]
    selections: list[Clause]
    titles: list[Clause]
    praise: list[Clause]

    @property
    def clauses(self) -> list[Clause]:
        return [*self.awards, *self.selections, *self.titles, *self.praise]

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def sentence(self) -> str:
        """The figures in one sentence; parts are separated by "；" and the clauses of a part by "，" or "、"."""
        parts = []
        if self.awards:
            parts.append(pgettext("figures", ", ").join(_received(clause) for clause in self.awards))
        if self.selections:
            items = pgettext("figures enumeration", ", ").join(
                _("'%(award)s': %(people)s") % {"award": clause.award, "people": clause.people}
                for clause in self.selections
            )
            parts.append(_("selected %(items)s") % {"items": items})
        if self.titles:
            parts.append(
                pgettext("figures", ", ").join(
                    _("received the title '%(award)s' from %(issuer)s: %(people)s")
                    % {"award": clause.award, "issuer": clause.issuer_cited, "people": clause.people}
                    for clause in self.titles
                )
            )
        if self.praise:
            parts.append(pgettext("figures", ", ").join(_received(clause) for clause in self.praise))
        return pgettext("figures", "; ").join(parts) + (pgettext("figures", ".") if parts else "")


def _received(clause: Clause) -> str:
    return _("received %(award)s from %(issuer)s: %(people)s") % {
        "award": clause.award,
        "issuer": clause.issuer_cited,
        "people": clause.people,
    }


def published_award_name(name: str) -> str:
    return LADDER_SUFFIX.sub("", name)


def campaign_award_type_ids() -> set[int]:
    """Awards that the bureau's selection campaigns confer (辅警之星, 辅警标兵, 最美民警 …)."""
    return set(CampaignType.objects.values_list("award_type_id", flat=True))


def own_issuer_names() -> set[str]:
    """An issuer named like a top-level unit is the bureau itself: it is cited as 本级 (巢湖市局本级)."""
    return set(Unit.objects.filter(parent=None).values_list("name", flat=True))


def cited_issuer(issuer, own: set[str]) -> str:
    if issuer.name in own:
        return _("%(issuer)s (own level)") % {"issuer": issuer.cited_name}
    return issuer.cited_name


def yearly_figures(units, year: int) -> YearlyFigures:
    """The year's figures for people of `units` (honours in force only; collective honours are not people).
    Six queries whatever the size: honour_figures' three, the campaigns' awards, the bureau's name, the selections."""
    rows: list[FigureRow] = honour_figures(units, year)
    selection_awards = campaign_award_type_ids()
    own = own_issuer_names()
    awards: dict[tuple, Clause] = {}
    titles, praise = [], []
    for row in rows:
        award = row.award_type
        if award.pk in selection_awards:
            continue
        clause = Clause(
            kind="award",
            award=published_award_name(award.name),
            people=row.people,
            issuer=row.issuer,
            issuer_cited=cited_issuer(row.issuer, own),
            award_type_ids=[award.pk],
            grade=award.grade,
        )
        if award.ladder == AwardLadder.TITLE:
            clause.kind = "title"
            titles.append(clause)
        elif award.grade < LOWEST_AWARD_GRADE:
            clause.kind = "praise"
            praise.append(clause)
        else:
            # The police and auxiliary ladders merge: "嘉奖" and "嘉奖（辅警）" from one issuer are one number.
            key = (row.issuer.pk, clause.award)
            if key in awards:
                awards[key].people += row.people
                awards[key].award_type_ids.append(award.pk)
            else:
                awards[key] = clause
    ordered = sorted(
        awards.values(),
        key=lambda c: (-c.grade, -ISSUER_LEVEL_RANK[c.issuer.level], c.issuer.name),
    )
    return YearlyFigures(
        year=year, awards=ordered, selections=_selections(units, year, selection_awards), titles=titles, praise=praise
    )


def _selections(units, year: int, selection_awards: set[int]) -> list[Clause]:
    """Distinct winners per selection in the year, in the order the selections began (then the higher award)."""
    if not selection_awards:
        return []
    rows = (
        Honour.objects.filter(
            person__unit__in=units,
            awarded_on__year=year,
            status=HonourStatus.ACTIVE,
            award_type__in=selection_awards,
        )
        .values("award_type", "award_type__name", "award_type__grade")
        .annotate(people=Count("person", distinct=True), first=Min("awarded_on"))
        .order_by()
    )
    rows = sorted(rows, key=lambda r: (r["first"], -r["award_type__grade"], r["award_type__name"]))
    return [
        Clause(
            kind="selection",
            award=published_award_name(r["award_type__name"]),
            people=r["people"],
            award_type_ids=[r["award_type"]],
        )
        for r in rows
    ]
