"""Party branch reads: branches, rounds and ratings in the user's scope (mirroring branches.rules), without N+1."""

from collections import defaultdict

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from qunying.branches.enums import CriterionArea, CriterionKind, RatingStatus
from qunying.branches.models import BranchRating, CriterionScore, PartyBranch, RatingRound, SchemeCriterion, StarScheme
from qunying.branches.rules import policy
from qunying.core.policy import within
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit


def branches_visible_to(user) -> QuerySet[PartyBranch]:
    """Branches of the user's units, and the branch whose secretary the user is, whatever roles they hold."""
    return policy.filter(user, "view_branch", PartyBranch.objects.all()).select_related("unit", "secretary")


def branches_editable_by(user) -> QuerySet[PartyBranch]:
    return policy.filter(user, "change_branch", PartyBranch.objects.all()).select_related("unit", "secretary")


def units_for_branch_lists(user) -> QuerySet[Unit]:
    """Units the user reads branches of: the filter's choices."""
    return policy.filter(user, "view_unit_branches", Unit.objects.all())


def units_for_branches(user) -> QuerySet[Unit]:
    """Units the user may create branches in (and the units those branches may cover)."""
    return policy.filter(user, "add_branch", Unit.objects.all())


def party_members_for_branches(user) -> QuerySet[Person]:
    """Serving party members the user manages: the candidates for a branch's secretary and members."""
    return (
        policy.filter(user, "enrol_member", Person.objects.all())
        .filter(party_member=True, status=PersonStatus.ACTIVE)
        .select_related("unit")
    )


def latest_published(outer: str = "pk"):
    """Subqueries for the latest published stars and year of a branch (`outer` names the branch id outside)."""
    latest = BranchRating.objects.filter(branch=OuterRef(outer), status=RatingStatus.PUBLISHED).order_by(
        "-round__scheme__year", "-published_at"
    )
    return (
        Subquery(latest.values("stars")[:1], output_field=IntegerField()),
        Subquery(latest.values("round__scheme__year")[:1], output_field=IntegerField()),
    )


def annotate_branch_summary(branches: QuerySet[PartyBranch]) -> QuerySet[PartyBranch]:
    """Member and unit counts and the latest published stars, in the list's one query."""
    stars, year = latest_published()
    members = PartyBranch.members.through.objects.filter(partybranch=OuterRef("pk")).values("partybranch")
    units = PartyBranch.units.through.objects.filter(partybranch=OuterRef("pk")).values("partybranch")
    return branches.annotate(
        member_count=Subquery(members.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        unit_count=Subquery(units.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        latest_stars=stars,
        latest_year=year,
    )


def filter_branches(branches: QuerySet[PartyBranch], *, unit=None, q: str = "") -> QuerySet[PartyBranch]:
    if unit is not None:
        branches = branches.filter(within("unit__path", unit.path))
    if q.strip():
        branches = branches.filter(name__icontains=q.strip())
    return branches.order_by("unit__path", "name")


def branch_members(branch: PartyBranch) -> QuerySet[Person]:
    return branch.members.select_related("unit", "aux_tier").order_by("unit__path", "name_pinyin")


def star_history(branch: PartyBranch, *, user) -> QuerySet[BranchRating]:
    """The branch's ratings, newest year first; the user's scope decides, as everywhere."""
    return (
        ratings_visible_to(user)
        .filter(branch=branch)
        .select_related("round__scheme", "round__unit")
        .order_by("-round__scheme__year", "-round__pk")
    )


def schemes_visible_to(user) -> QuerySet[StarScheme]:
    """Schemes are bureau-wide configuration, not unit data: every branch reader reads them all."""
    return policy.filter(user, "view_schemes", StarScheme.objects.all()).annotate(
        criterion_count=Count("criteria", distinct=True),
        max_total=Sum("criteria__max_points"),
    )


def criteria_visible_to(user) -> QuerySet[SchemeCriterion]:
    return policy.filter(user, "view_schemes", SchemeCriterion.objects.all()).select_related("scheme")


def scheme_criteria(scheme: StarScheme) -> QuerySet[SchemeCriterion]:
    return scheme.criteria.order_by("sort_order", "id")


def criteria_by_area(criteria) -> list[tuple[str, list]]:
    """(area label, items) in the areas' fixed order; `criteria` are criteria or scores (with `.criterion`)."""
    grouped = defaultdict(list)
    for item in criteria:
        criterion = getattr(item, "criterion", item)
        grouped[criterion.area].append(item)
    return [(area.label, grouped[area.value]) for area in CriterionArea if grouped[area.value]]


def rounds_visible_to(user) -> QuerySet[RatingRound]:
    """Rounds of the user's subtree, and rounds above it that rate the branches in it."""
    return policy.filter(user, "view_rounds", RatingRound.objects.all()).select_related("scheme", "unit")


def _count_of(ratings: QuerySet[BranchRating]) -> Coalesce:
    """How many of `ratings` belong to the outer round, as a subquery (0 when none)."""
    per_round = ratings.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk"))
    return Coalesce(Subquery(per_round.values("n")[:1], output_field=IntegerField()), Value(0))


def annotate_round_progress(rounds: QuerySet[RatingRound], *, user) -> QuerySet[RatingRound]:
    """How many ratings of each round the user sees, and how many of those are published."""
    visible = BranchRating.objects.filter(policy.q(user, "view_rating", BranchRating))
    return rounds.annotate(
        rating_count=_count_of(visible),
        published_count=_count_of(visible.filter(status=RatingStatus.PUBLISHED)),
    )


def ratings_visible_to(user) -> QuerySet[BranchRating]:
    """Ratings of branches of the user's units, and of the branch whose secretary the user is."""
    return policy.filter(user, "view_rating", BranchRating.objects.all()).select_related(
        "round__scheme", "round__unit", "branch__unit", "branch__secretary"
    )


def filter_ratings(ratings: QuerySet[BranchRating], *, status: str = "") -> QuerySet[BranchRating]:
    if status:
        ratings = ratings.filter(status=status)
    return ratings.order_by("branch__unit__path", "branch__name")


def annotate_exemplar_points(ratings: QuerySet[BranchRating]) -> QuerySet[BranchRating]:
    """The points a rating's computed exemplar-work criteria earned (the comparison table's sort key)."""
    computed = Q(scores__criterion__kind=CriterionKind.COMPUTED, scores__criterion__area=CriterionArea.EXEMPLAR_WORK)
    return ratings.annotate(exemplar_points=Sum("scores__points", filter=computed))


def rating_scores(rating: BranchRating) -> list[CriterionScore]:
    return list(rating.scores.select_related("criterion").order_by("criterion__sort_order", "criterion_id"))


def exemplar_scores_by_rating(ratings) -> tuple[list[SchemeCriterion], dict[int, dict[int, CriterionScore]]]:
    """The computed exemplar-work criteria of the ratings' scheme and each rating's scores for them (two queries)."""
    ratings = list(ratings)
    if not ratings:
        return [], {}
    scheme = ratings[0].round.scheme
    criteria = list(
        scheme.criteria.filter(kind=CriterionKind.COMPUTED, area=CriterionArea.EXEMPLAR_WORK).order_by(
            "sort_order", "id"
        )
    )
    scores = CriterionScore.objects.filter(rating__in=[r.pk for r in ratings], criterion__in=[c.pk for c in criteria])
    table: dict[int, dict[int, CriterionScore]] = defaultdict(dict)
    for score in scores:
        table[score.rating_id][score.criterion_id] = score
    return criteria, table


def latest_stars_of_unit(unit: Unit) -> list[BranchRating]:
    """The latest published rating of each branch covering the unit (one query)."""
    ratings = (
        BranchRating.objects.filter(status=RatingStatus.PUBLISHED, branch__units=unit)
        .select_related("branch", "round__scheme")
        .order_by("branch__name", "branch_id", "-round__scheme__year", "-published_at")
    )
    latest: dict[int, BranchRating] = {}
    for rating in ratings:
        latest.setdefault(rating.branch_id, rating)
    return list(latest.values())
