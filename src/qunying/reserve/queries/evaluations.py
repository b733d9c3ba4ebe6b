"""Reads of the year-end evaluation: rounds a user takes part in, the evaluations in their scope, progress per unit."""

from django.db.models import Count, Q, QuerySet

from qunying.accounts.enums import Role
from qunying.accounts.queries import scope_filter, scope_paths
from qunying.org.models import Unit
from qunying.reserve.enums import EvaluationOutcome, EvaluationStatus, RoundStatus, Tier
from qunying.reserve.models import DONE_STATUSES, AnnualEvaluation, EvaluationRound
from qunying.reserve.rules import RESERVE_READERS

EVALUATION_PATH = "entry__person__unit__path"


def evaluations_visible_to(user) -> QuerySet[AnnualEvaluation]:
    return AnnualEvaluation.objects.filter(
        scope_filter(user, RESERVE_READERS, path_field=EVALUATION_PATH)
    ).select_related("entry__person__unit", "round", "recorded_by", "decided_by")


def evaluations_awaiting(user) -> QuerySet[AnnualEvaluation]:
    """Recorded evaluations of open rounds this user may decide: those touching 典型 (an exemplar evaluated, or a focus
    person proposed for upgrade) for leaders, the rest for political officers — the tier-change rule."""
    touches_exemplar = Q(entry__tier=Tier.EXEMPLAR) | Q(entry__tier=Tier.FOCUS, outcome=EvaluationOutcome.UPGRADE)
    condition = Q(pk__in=[])
    if scope_paths(user, [Role.LEADER]):
        condition |= touches_exemplar & scope_filter(user, [Role.LEADER], path_field=EVALUATION_PATH)
    if scope_paths(user, [Role.POLITICAL_OFFICER]):
        condition |= ~touches_exemplar & scope_filter(user, [Role.POLITICAL_OFFICER], path_field=EVALUATION_PATH)
    return (
        AnnualEvaluation.objects.filter(condition, status=EvaluationStatus.RECORDED, round__status=RoundStatus.OPEN)
        .select_related("entry__person__unit", "round", "recorded_by")
        .order_by("recorded_at", "pk")
    )


def rounds_visible_to(user) -> QuerySet[EvaluationRound]:
    """Rounds of the user's units, and rounds holding evaluations of their people (a station sees the bureau's round),
    with the done / due counts of the evaluations the user can see."""
    mine = scope_filter(user, RESERVE_READERS, path_field=f"evaluations__{EVALUATION_PATH}")
    rounds = EvaluationRound.objects.filter(
        scope_filter(user, RESERVE_READERS, path_field="unit__path")
        | Q(pk__in=evaluations_visible_to(user).values("round"))
    )
    return rounds.select_related("unit", "opened_by").annotate(
        due=Count("evaluations", filter=mine),
        done=Count("evaluations", filter=mine & Q(evaluations__status__in=DONE_STATUSES)),
        awaiting=Count("evaluations", filter=mine & Q(evaluations__status=EvaluationStatus.RECORDED)),
    )


def units_for_rounds(user) -> QuerySet[Unit]:
    """Units whose round the user may open: the political department's units in their scope."""
    return Unit.objects.filter(scope_filter(user, [Role.POLITICAL_OFFICER], path_field="path"))


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
        evaluations = evaluations.filter(entry__person__unit__path__startswith=unit.path)
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
