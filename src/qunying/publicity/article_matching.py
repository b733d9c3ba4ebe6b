"""Matching the people an imported article names to people on record, safely (reads only).

A match needs more than the name: the unit (when the article names one), the category (民警/辅警), and when known
the year they started and the nickname. Each candidate is shown side by side with the article, field by field, and
is chosen for the reviewer only when it is the one person of that name and nothing disagrees. People with the same
name (homonyms) are listed, never chosen. An article from another bureau (neither one of our units nor a police
organ above us in the issuer catalogue) proposes no one unless the reviewer asks to compare."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import within
from qunying.honours.enums import IssuerKind, IssuerLevel
from qunying.honours.models import Issuer
from qunying.org.models import Person, Unit
from qunying.org.queries import people_visible_to
from qunying.publicity.enums import ArticleImportStatus
from qunying.publicity.models import ArticleImport, ArticleImportLink

OURS, ABOVE, OTHER, UNKNOWN = "ours", "above", "other", "unknown"
AGREES, DISAGREES, NOT_KNOWN = "agrees", "disagrees", "unknown"
CATEGORY_LABELS = {"police": _("Police officer"), "auxiliary": _("Auxiliary police")}


@dataclass
class Comparison:
    key: str  # category, unit, start_year, nickname
    label: str
    article: str
    record: str
    verdict: str

    @property
    def agrees(self) -> bool:
        return self.verdict == AGREES

    @property
    def disagrees(self) -> bool:
        return self.verdict == DISAGREES


@dataclass
class Candidate:
    person: Person
    comparisons: list[Comparison]

    @property
    def disagrees(self) -> bool:
        return any(c.disagrees for c in self.comparisons)

    @property
    def agrees(self) -> bool:
        return any(c.agrees for c in self.comparisons) and not self.disagrees


@dataclass
class Proposal:
    index: int
    found: dict  # what the article says of the person (the extraction)
    candidates: list[Candidate] = field(default_factory=list)
    chosen: Person | None = None
    note: str = ""
    withheld: bool = False  # candidates exist but are not shown (another bureau): the reviewer may ask to compare
    honours: list = field(default_factory=list)  # the page fills them in: what the catalogue makes of each honour

    @property
    def name(self) -> str:
        return self.found["name"]


def bureau_relation(article: ArticleImport) -> tuple[str, str]:
    """How the article's bureau stands to ours: one of our units, a police organ above us (in the issuer
    catalogue: city, province or national police), another bureau, or unknown; and its name."""
    if article.bureau_id:
        return OURS, article.bureau.name
    name = article.bureau_name
    if not name:
        return UNKNOWN, ""
    if Unit.objects.filter(name=name).exists():
        return OURS, name
    above = Issuer.objects.filter(
        Q(name=name) | Q(short_name=name),
        kind=IssuerKind.POLICE,
        level__in=[IssuerLevel.CITY, IssuerLevel.PROVINCE, IssuerLevel.NATIONAL],
    )
    return (ABOVE if above.exists() else OTHER), name


def _unit_names(people: list[Person]) -> dict[int, list[str]]:
    """Each unit's names from the top down (交警大队, 城区中队), one query for all the candidates."""
    ids = {int(part) for p in people for part in p.unit.path.strip("/").split("/") if part}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {p.unit_id: [names.get(int(i), "") for i in p.unit.path.strip("/").split("/") if i] for p in people}


def _nicknames(people: list[Person]) -> dict[int, set[str]]:
    """Nicknames earlier confirmed articles gave these people."""
    found: dict[int, set[str]] = {}
    links = ArticleImportLink.objects.filter(person__in=people, article__status=ArticleImportStatus.CONFIRMED)
    for link in links.select_related("article", "person"):
        for proposed in link.article.extraction.get("people", []):
            if proposed.get("name") == link.person.name and proposed.get("nickname"):
                found.setdefault(link.person_id, set()).add(proposed["nickname"])
    return found


def _unit_verdict(written: str | None, chain: list[str]) -> str:
    if not written:
        return NOT_KNOWN
    below_bureau = "".join(chain[1:]) if len(chain) > 1 else "".join(chain)
    own = chain[-1] if chain else ""
    if own and (written == own or written.endswith(own) or own.endswith(written) or written in below_bureau):
        return AGREES
    return DISAGREES


def compare(found: dict, person: Person, chain: list[str], nicknames: set[str]) -> list[Comparison]:
    """What the article says and what the record says, field by field."""
    rows = []
    category = found.get("category")
    rows.append(
        Comparison(
            "category",
            _("Category"),
            str(CATEGORY_LABELS.get(category, "—")),
            str(CATEGORY_LABELS.get(person.category, person.category)),
            NOT_KNOWN if not category else (AGREES if category == person.category else DISAGREES),
        )
    )
    unit = found.get("unit")
    rows.append(Comparison("unit", _("Unit"), unit or "—", " · ".join(chain[1:] or chain), _unit_verdict(unit, chain)))
    years = {d.year for d in (person.joined_police_on, person.joined_work_on) if d}
    since = found.get("work_since")
    verdict = NOT_KNOWN if not since or not years else (AGREES if since in years else DISAGREES)
    record_years = "、".join(str(y) for y in sorted(years)) or "—"
    rows.append(Comparison("start_year", _("Started work"), str(since) if since else "—", record_years, verdict))
    nickname = found.get("nickname")
    verdict = NOT_KNOWN if not nickname or not nicknames else (AGREES if nickname in nicknames else DISAGREES)
    rows.append(Comparison("nickname", _("Nickname"), nickname or "—", "、".join(sorted(nicknames)) or "—", verdict))
    return rows


def _candidates(user, article: ArticleImport, names: list[str]) -> QuerySet[Person]:
    people = people_visible_to(user).filter(name__in=names)
    if article.bureau_id:
        people = people.filter(within("unit__path", article.bureau.path))  # homonyms within the article's bureau
    return people.select_related("unit").order_by("name", "pk")


def proposals_for(user, article: ArticleImport, *, compare_anyway: bool = False) -> list[Proposal]:
    """Per person the article names: the candidates side by side and the one chosen by default, if any."""
    found_people = article.extraction.get("people", [])
    relation, bureau = bureau_relation(article)
    people = list(_candidates(user, article, [p["name"] for p in found_people]))
    chains, nicknames = _unit_names(people), _nicknames(people)
    proposals = []
    for index, found in enumerate(found_people):
        proposal = Proposal(index=index, found=found)
        same_name = [p for p in people if p.name == found["name"]]
        if relation == OTHER and not compare_anyway:
            proposal.withheld = bool(same_name)
            proposal.note = _(
                "The article is from %(bureau)s, not from this bureau: no one on record is proposed. Compare with "
                "people of the same name only if you know the article is about them."
            ) % {"bureau": bureau}
            proposals.append(proposal)
            continue
        proposal.candidates = [
            Candidate(p, compare(found, p, chains.get(p.unit_id, []), nicknames.get(p.pk, set()))) for p in same_name
        ]
        proposal.chosen, proposal.note = _choice(proposal.candidates, relation)
        proposals.append(proposal)
    return proposals


def _choice(candidates: list[Candidate], relation: str) -> tuple[Person | None, str]:
    if not candidates:
        return None, _("No one of this name in your units: create them, or leave them out.")
    if relation == OTHER:
        return None, _("The article is from another bureau: choose only if you know it is about this person.")
    if len(candidates) > 1:
        return None, _("%(count)s people have this name: compare them and choose; none is chosen for you.") % {
            "count": len(candidates)
        }
    candidate = candidates[0]
    if candidate.disagrees:
        return None, _("The record disagrees with the article: not chosen.")
    if not candidate.agrees:
        return None, _("Nothing but the name can be compared: not chosen.")
    return candidate.person, ""
