"""Reads of the year-end evaluation: rounds a user takes part in, the evaluations in their scope, progress per unit."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from qunying.core.policy import within
from qunying.org.models import Unit
from qunying.reserve.enums import EvaluationStatus
from qunying.reserve.models import DONE_STATUSES, AnnualEvaluation, EvaluationRound
from qunying.reserve.rules import policy

EVALUATION_PATH = "entry__person__unit__path"


def evaluations_visible_to(user) -> QuerySet[AnnualEvaluation]:
    return policy.filter(user, "view_evaluation", AnnualEvaluation.objects.all()).select_related(
        "entry__person__unit", "round", "recorded_by", "decided_by"
    )


def evaluations_awaiting(user) -> QuerySet[AnnualEvaluation]:
    """Recorded evaluations of open rounds this user may decide: those touching 典型 (an exemplar evaluated, or a focus
    person proposed for upgrade) for leaders, the rest for political officers — the tier-change rule."""
    return (
        policy.filter(user, "approve_evaluations", AnnualEvaluation.objects.all())
        .select_related("entry__person__unit", "round", "recorded_by")
        .prefetch_related("recorded_by__role_assignments__unit")  # shown as 姓名（单位）
        .order_by("recorded_at", "pk")
    )


def _count_of(evaluations: QuerySet[AnnualEvaluation]) -> Coalesce:
    """How many of `evaluations` belong to the outer round, as a subquery (0 when none)."""
    per_round = evaluations.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk"))
    return Coalesce(Subquery(per_round.values("n")[:1], output_field=IntegerField()), Value(0))


def rounds_visible_to(user) -> QuerySet[EvaluationRound]:
    """Rounds of the user's units, and rounds holding evaluations of their people (a station sees the bureau's round),
    with the done / due counts of the evaluations the user can see."""
    mine = AnnualEvaluation.objects.filter(policy.q(user, "view_evaluation", AnnualEvaluation))
    return (
        policy.filter(user, "view_rounds", EvaluationRound.objects.all())
        .select_related("unit", "opened_by")
        .annotate(
            due=_count_of(mine),
            done=_count_of(mine.filter(status__in=DONE_STATUSES)),
            awaiting=_count_of(mine.filter(status=EvaluationStatus.RECORDED)),
        )
    )


def units_for_rounds(user) -> QuerySet[Unit]:
    """Units whose round the user may open: the political department's units in their scope."""
    return policy.filter(user, "open_round", Unit.objects.all())


def filter_evaluations(
    evaluations: QuerySet[AnnualEvaluation], *, status="", outcome="", check_kind="", unit=None, q=""
) -> QuerySet[AnnualEvaluation]:
    if status:
        evaluations = evaluations.filter(status=status)
    if outcome:
        evaluations = evaluations.filter(outcome=outcome)
    if check_kind:
        evaluations = evaluations.filter(check_kind=check_kind)
    if unit is not None:
        evaluations = evaluations.filter(within(EVALUATION_PATH, unit.path))
    if q:
        evaluations = evaluations.filter(Q(entry__person__name__icontains=q) | Q(entry__person__badge_number=q))
    return evaluations.order_by(EVALUATION_PATH, "entry__person__name_pinyin", "pk")


def round_progress(evaluations: QuerySet[AnnualEvaluation]) -> list[dict]:
    """Done / due per unit of the people evaluated, in tree order: one GROUP BY query."""
    rows = (
        evaluations.order_by()
        .values("entry__person__unit_id", "entry__person__unit__name", EVALUATION_PATH)
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=Q(status__in=DONE_STATUSES)),
            awaiting=Count("pk", filter=Q(status=EvaluationStatus.RECORDED)),
        )
        .order_by(EVALUATION_PATH)
    )
    return [
        {
            "unit_id": row["entry__person__unit_id"],
            "unit": row["entry__person__unit__name"],
            "due": row["due"],
            "done": row["done"],
            "awaiting": row["awaiting"],
            "complete": row["done"] == row["due"],
        }
        for row in rows
    ]
