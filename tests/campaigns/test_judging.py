"""Judging: assignment (manual, balanced), conflicts of interest, recusal, scoring, who sees which scores."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import JudgeAssignment
from qunying.campaigns.queries import campaign_results, nominations_visible_to
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import judge_all, move
from tests.factories import PersonFactory, RoleAssignmentFactory


@pytest.fixture
def nominations(campaign, aux, role_user):
    officer = role_user("political_officer")
    return {
        key: services.nominate(campaign=campaign, person=aux[key], statement="事迹", by=officer)
        for key in ("a", "squad", "b")
    }


def test_conflicts_are_detected_from_the_judges_unit_role_scope_and_nominating(nominations, tree, role_user):
    officer = role_user("political_officer")
    own_unit = role_user("judge")
    PersonFactory(unit=tree["station_a"], user=own_unit)
    assert services.conflict_of(own_unit, nominations["squad"])  # squad_a lies in station_a
    assert not services.conflict_of(own_unit, nominations["b"])
    manager = role_user("judge")
    RoleAssignmentFactory(user=manager, role="unit_manager", unit=tree["station_b"])
    assert services.conflict_of(manager, nominations["b"])
    assert not services.conflict_of(manager, nominations["a"])
    with pytest.raises(ValidationError, match="本单位"):
        services.assign_judge(nomination=nominations["a"], judge=own_unit, by=officer)
    nominator = role_user("judge")
    nominations["a"].nominated_by = nominator
    assert services.conflict_of(nominator, nominations["a"])


def test_judges_never_see_a_nomination_from_their_own_unit(nominations, tree, role_user):
    officer = role_user("political_officer")
    judges = [role_user("judge") for _ in range(3)]
    PersonFactory(unit=tree["station_a"], user=judges[0])
    services.balance_judges(campaign=nominations["a"].campaign, judges=judges, by=officer, seed=1)
    seen = {n.person.unit.name for n in nominations_visible_to(judges[0])}
    assert seen == {"乙派出所"}
    assert not JudgeAssignment.objects.filter(
        judge=judges[0], nomination__unit__path__startswith=tree["station_a"].path
    )


def test_balancing_gives_fewest_reviews_first_within_the_cap(campaign, nominations, role_user):
    officer = role_user("political_officer")
    judges = [role_user("judge") for _ in range(4)]
    campaign.judge_cap = 3
    campaign.save(update_fields=["judge_cap"])
    made = services.balance_judges(campaign=campaign, judges=judges, by=officer, seed=7)
    assert len(made) == 9  # 3 nominations × min_judges 3
    loads = sorted(JudgeAssignment.objects.filter(judge=j).count() for j in judges)
    assert loads == [2, 2, 2, 3]
    assert services.balance_judges(campaign=campaign, judges=judges, by=officer) == []


def test_a_declared_conflict_recuses_the_judge(campaign, nominations, role_user):
    judge = role_user("judge")
    assignment = services.assign_judge(nomination=nominations["b"], judge=judge, by=role_user("political_officer"))
    with pytest.raises(PermissionDenied):
        services.declare_conflict(assignment=assignment, conflict="亲属", by=role_user("judge"))
    services.declare_conflict(assignment=assignment, conflict="被提名人是我的表弟", by=judge)
    assignment.refresh_from_db()
    assert assignment.recused and assignment.conflict == "被提名人是我的表弟"
    assert list(nominations_visible_to(judge)) == []
    move(campaign, Phase.JUDGING)
    with pytest.raises(ValidationError):
        services.submit_scores(assignment=assignment, abstain=True, by=judge)


def test_scores_are_submitted_once_in_range_and_unlock_the_others(campaign, nominations, role_user):
    officer = role_user("political_officer")
    first, second = role_user("judge"), role_user("judge")
    a1 = services.assign_judge(nomination=nominations["b"], judge=first, by=officer)
    a2 = services.assign_judge(nomination=nominations["b"], judge=second, by=officer)
    criteria = list(campaign.campaign_type.criteria.all())
    with pytest.raises(ValidationError):  # still nominating
        services.submit_scores(assignment=a1, scores={c.pk: (8, "") for c in criteria}, by=first)
    move(campaign, Phase.JUDGING)
    with pytest.raises(ValidationError, match="应在0至10之间"):
        services.submit_scores(assignment=a1, scores={c.pk: (11, "") for c in criteria}, by=first)
    assert not first.has_perm("campaigns.see_other_scores", a1)
    services.submit_scores(assignment=a1, scores={c.pk: (8, "扎实") for c in criteria}, by=first)
    a1.refresh_from_db()
    assert first.has_perm("campaigns.see_other_scores", a1)
    assert not second.has_perm("campaigns.see_other_scores", a2) and not second.has_perm(
        "campaigns.see_other_scores", a1
    )
    assert officer.has_perm("campaigns.see_other_scores", a2)
    with pytest.raises(ValidationError):
        services.submit_scores(assignment=a1, scores={c.pk: (8, "") for c in criteria}, by=first)
    services.submit_scores(assignment=a2, abstain=True, by=second)
    a2.refresh_from_db()
    assert a2.abstained and a2.scores.count() == 0
    assert AuditEntry.objects.filter(action="campaigns.review.submit").count() == 2


def test_results_rank_by_normalised_score_with_a_lenient_and_a_harsh_judge(campaign, nominations, role_user):
    lenient, harsh, third = role_user("judge"), role_user("judge"), role_user("judge")
    a, squad, b = nominations["a"], nominations["squad"], nominations["b"]
    judge_all(campaign, [lenient, harsh], {lenient: {squad: 9, b: 8}, harsh: {a: 6, squad: 5}, third: {a: 7, b: 3}})
    rows = campaign_results(campaign)
    assert [row.nomination for row in rows] == [a, squad, b]
    assert rows[0].raw < rows[1].raw  # raw means would put the lenient judge's nominee first
    criterion = campaign.campaign_type.criteria.first()
    assert rows[1].criteria[criterion.pk].count == 2
    assert rows[1].criteria[criterion.pk].disagreement == pytest.approx(2.0)
