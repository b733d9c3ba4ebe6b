"""Demo party branches and their 2022 star rating: a branch for every 派出所 and every 大队 (covering its squads and
offices), the default scheme for 2022, and a 2022 round published in December 2022 for every branch but
半汤派出所党支部, which the political department is still reviewing. Loaded after the deeds, honours and ratings
demos, so the computed criteria count their 2022 records. Seeded and ordered: running it again creates nothing."""

import datetime
import random
from decimal import Decimal

from qunying.branches import services
from qunying.branches.enums import RatingStatus, RoundStatus
from qunying.branches.models import BranchRating, PartyBranch, RatingRound, StarScheme
from qunying.branches.services.schemes import DEFAULT_SCHEME_NAME
from qunying.demo import history
from qunying.demo.org import BUREAU
from qunying.org.enums import PersonCategory, PersonStatus, UnitKind
from qunying.org.models import Person, Unit

DEMO_YEAR = 2022
ROUND_DAYS = {
    "opened_on": datetime.date(DEMO_YEAR, 11, 15),
    "submitted_on": datetime.date(DEMO_YEAR, 12, 5),
    "reviewed_on": datetime.date(DEMO_YEAR, 12, 15),
    "published_on": datetime.date(DEMO_YEAR, 12, 28),
}
BRANCH_UNIT_KINDS = (UnitKind.POLICE_STATION, UnitKind.BRIGADE)
UNDER_REVIEW = "半汤派出所党支部"  # still being reviewed: the demo political officer has something to do
ADJUSTMENT_REASON = "佐证材料不完整，酌情扣分"


def branch_name(unit: Unit) -> str:
    return f"{unit.name}党支部"


def _secretary(unit: Unit, members: list[Person]) -> Person | None:
    """A serving police officer of the unit itself who is a party member; one with a login first (the demo station
    head of 半汤派出所 then acts as its secretary)."""
    candidates = [p for p in members if p.unit_id == unit.pk and p.category == PersonCategory.POLICE]
    candidates.sort(key=lambda person: (person.user_id is None, person.badge_number))
    return candidates[0] if candidates else None


def load_branches(bureau: Unit, rng: random.Random) -> int:
    created = 0
    units = Unit.objects.filter(path__startswith=bureau.path, kind__in=BRANCH_UNIT_KINDS).order_by("path")
    for unit in units:
        if PartyBranch.objects.filter(unit=unit, name=branch_name(unit)).exists():
            continue
        covered = list(Unit.objects.filter(path__startswith=unit.path).order_by("path"))
        members = list(
            Person.objects.filter(unit__in=covered, party_member=True, status=PersonStatus.ACTIVE)
            .select_related("unit")
            .order_by("badge_number")
        )
        secretary = _secretary(unit, members)
        if secretary is None:
            continue
        founded = datetime.date(rng.randint(1996, 2015), rng.randint(1, 12), 1)
        services.create_branch(
            name=branch_name(unit),
            unit=unit,
            units=covered,
            secretary=secretary,
            members=members,
            founded_on=founded,
            by=None,
        )
        created += 1
    return created


def load_round(bureau: Unit) -> RatingRound:
    scheme = StarScheme.objects.filter(year=DEMO_YEAR, name=DEFAULT_SCHEME_NAME).first()
    if scheme is None:
        scheme = services.create_default_scheme(year=DEMO_YEAR, by=None)
    rating_round = RatingRound.objects.filter(scheme=scheme, unit=bureau).select_related("scheme", "unit").first()
    if rating_round is None:
        rating_round = services.create_round(scheme=scheme, unit=bureau, by=None)
    if rating_round.status == RoundStatus.DRAFT:
        services.open_round(rating_round, by=None)
    return rating_round


def _claim(criterion, rng: random.Random) -> Decimal:
    """Most branches claim most of the points; half-point steps, as the paper forms have them."""
    share = Decimal(rng.choice([100, 100, 100, 95, 90, 90, 85, 80])) / 100
    return (criterion.max_points * share * 2).to_integral_value() / 2


def rate_branches(rating_round: RatingRound, rng: random.Random) -> int:
    """Carry every rating still in self-assessment through the workflow (the one under review stops there)."""
    ratings = list(
        rating_round.ratings.filter(status=RatingStatus.SELF_ASSESSMENT)
        .select_related("round__scheme", "branch__unit", "branch__secretary")
        .order_by("branch__unit__path")
    )
    for rating in ratings:
        scores = [score for score in rating.scores.select_related("criterion") if not score.criterion.is_computed]
        entries = {
            score.criterion_id: (_claim(score.criterion, rng), f"{score.criterion.guidance}（{DEMO_YEAR}年度，已归档）")
            for score in scores
        }
        services.save_self_assessment(rating, entries=entries, by=None)
        services.submit_rating(rating, by=None)
        if rating.branch.name == UNDER_REVIEW:
            continue
        adjustments = {criterion_id: (points, "") for criterion_id, (points, _evidence) in entries.items()}
        if scores and rng.random() < 0.4:
            cut = rng.choice(scores).criterion_id
            points = adjustments[cut][0]
            adjustments[cut] = (max(Decimal(0), points - 1), ADJUSTMENT_REASON)
        services.review_rating(rating, adjustments=adjustments, comment="经政治处审核，材料基本齐全。", by=None)
        services.approve_rating(rating, by=None)
        services.publish_rating(rating, by=None)
    return len(ratings)


def load(stdout) -> None:
    bureau = Unit.objects.get(name=BUREAU, parent=None)
    rng = random.Random(2022)
    created = load_branches(bureau, rng)
    rating_round = load_round(bureau)
    rated = rate_branches(rating_round, rng)
    if rated:  # the 2022 rating was done in December 2022: the 2022 summary counts it as published then
        history.date_star_round(rating_round, **ROUND_DAYS)
    published = BranchRating.objects.filter(round=rating_round, status=RatingStatus.PUBLISHED).count()
    branches = PartyBranch.objects.filter(unit__path__startswith=bureau.path).count()
    stdout.write(
        f"\n党支部：{branches} 个（本次新增 {created} 个）；"
        f"{DEMO_YEAR} 年星级评定已发布 {published} 个（本次评定 {rated} 个）"
    )
