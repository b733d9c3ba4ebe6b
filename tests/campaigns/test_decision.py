"""Decision and 公示: ranked proposal with recorded deviations, leader approval, objections, closing with honours."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunying.campaigns import services
from qunying.campaigns.enums import NominationStatus, ObjectionStatus, Phase
from qunying.core.models import AuditEntry
from qunying.honours.models import Honour
from tests.campaigns.conftest import judge_all, move

TODAY = datetime.date(2024, 9, 30)


@pytest.fixture
def decided(campaign, aux, role_user):
    """辅警标兵 (2 winners): judged so that a > squad > b."""
    officer = role_user("political_officer")
    noms = {k: services.nominate(campaign=campaign, person=aux[k], statement="事迹", by=officer) for k in aux}
    j1, j2, j3 = role_user("judge"), role_user("judge"), role_user("judge")
    table = {noms["a"]: 9, noms["squad"]: 8, noms["b"]: 6, noms["b2"]: 4}
    judge_all(campaign, [j1, j2, j3], {j: table for j in (j1, j2, j3)})
    services.advance_phase(campaign=campaign, to=Phase.DECIDING, by=officer)
    campaign.refresh_from_db()
    return campaign, noms, officer


def test_deviating_from_the_ranking_needs_a_reason(decided, role_user):
    campaign, noms, officer = decided
    with pytest.raises(ValidationError, match="须记录理由"):
        services.propose_winners(campaign=campaign, winners=[noms["a"], noms["b"]], by=officer)
    with pytest.raises(ValidationError):
        services.propose_winners(campaign=campaign, winners=list(noms.values()), by=officer)  # over quota
    services.propose_winners(
        campaign=campaign, winners=[noms["a"], noms["b"]], reasons={noms["b"].pk: "抗洪一线表现突出"}, by=officer
    )
    noms["b"].refresh_from_db()
    noms["squad"].refresh_from_db()
    assert noms["b"].status == NominationStatus.PROPOSED and noms["b"].deviation_reason == "抗洪一线表现突出"
    assert noms["squad"].status == NominationStatus.NOMINATED and noms["squad"].rank == 2
    with pytest.raises(PermissionDenied):
        services.approve_winners(campaign=campaign, by=officer)


def test_approval_starts_a_notice_of_working_days_and_objections_block_closing(decided, role_user):
    campaign, noms, officer = decided
    leader = role_user("leader")
    services.propose_winners(campaign=campaign, winners=[noms["a"], noms["squad"]], by=officer)
    campaign = services.approve_winners(campaign=campaign, by=leader, today=TODAY)
    assert campaign.phase == Phase.NOTICE
    assert (campaign.notice_starts, campaign.notice_ends) == (TODAY, datetime.date(2024, 10, 14))  # across 国庆
    with pytest.raises(ValidationError, match="公示期至2024-10-14"):
        services.close_campaign(campaign=campaign, by=officer, today=datetime.date(2024, 10, 14))
    with pytest.raises(ValidationError, match="真实姓名"):
        services.raise_objection(nomination=noms["a"], name="", contact="13800000000", text="事迹不实")
    objection = services.raise_objection(nomination=noms["a"], name="王某", contact="13800000000", text="事迹不实")
    assert objection.contact == "13800000000"
    with pytest.raises(ValidationError, match="尚有异议未处理"):
        services.close_campaign(campaign=campaign, by=officer, today=datetime.date(2024, 10, 15))
    services.resolve_objection(objection=objection, upheld=True, finding="经核实，部分事迹不实", by=officer)
    objection.refresh_from_db()
    noms["a"].refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD and noms["a"].status == NominationStatus.REMOVED

    honours = services.close_campaign(campaign=campaign, by=officer, today=datetime.date(2024, 10, 15))
    campaign.refresh_from_db()
    assert campaign.phase == Phase.CLOSED
    assert [h.person for h in honours] == [noms["squad"].person]
    honour = Honour.objects.get()
    assert honour.award_type.name == "辅警标兵" and honour.issuer == campaign.campaign_type.issuer
    # The decision is the approval (four eyes): whoever approved the winners, not the officer who closed.
    assert (honour.status, honour.approval_basis, honour.approved_by, honour.recorded_by) == (
        "active",
        "decision",
        leader,
        officer,
    )
    statuses = dict(campaign.nominations.values_list("person__name", "status"))
    assert statuses == {"辅警甲": "removed", "辅警乙": "awarded", "辅警丙": "not_selected", "辅警丁": "not_selected"}
    assert AuditEntry.objects.filter(action="campaigns.campaign.close", object_id=str(campaign.pk)).count() == 1


def test_closing_needs_the_notice_phase(decided):
    campaign, noms, officer = decided
    with pytest.raises(PermissionDenied, match="公示阶段"):
        services.close_campaign(campaign=campaign, by=officer, today=TODAY)
    move(campaign, Phase.NOTICE)
    with pytest.raises(ValidationError, match="异议须针对公示的当选人"):
        services.raise_objection(nomination=noms["b2"], name="王某", contact="x", text="y")


def test_classified_people_are_redacted_on_public_pages(decided):
    _campaign, noms, _officer = decided
    person = noms["a"].person
    person.classified = True
    person.save(update_fields=["classified"])
    noms["a"].refresh_from_db()
    assert noms["a"].public_name() == "某单位辅警"
    assert noms["b"].public_name() == "辅警丙"


def test_nominations_and_wins_appear_on_the_persons_timeline(decided, role_user):
    from qunying.org.timeline import timeline_for

    campaign, noms, officer = decided
    services.propose_winners(campaign=campaign, winners=[noms["a"]], by=officer)
    campaign = services.approve_winners(campaign=campaign, by=role_user("leader"), today=TODAY)
    services.close_campaign(campaign=campaign, by=officer, today=datetime.date(2024, 10, 15))
    won = [event.title for event in timeline_for(noms["a"].person)]
    lost = [event.title for event in timeline_for(noms["b"].person)]
    assert "当选2024年9月“辅警标兵”评选" in won
    assert "获2024年9月“辅警标兵”评选提名" in lost
