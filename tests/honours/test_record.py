"""Recording honours: approval authority, the once-per-deed rule (with and without override), deeds, scope —
through the service and through the page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds import services as deed_services
from qunying.deeds.services import Participant
from qunying.honours import services
from qunying.honours.models import AuthorityRule, Honour
from qunying.org.enums import PersonCategory
from tests.factories import HonourFactory, PersonFactory
from tests.honours.conftest import verified_deed

JUNE = datetime.date(2022, 6, 10)


def record(person, award, issuer, *, by=None, awarded_on=JUNE, **kwargs):
    return services.record_honour(
        person=person, award_type=award, issuer=issuer, awarded_on=awarded_on, reason="表现突出", by=by, **kwargs
    )


# --- approval authority ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "award", "allowed"),
    [
        ("county_police", "commendation", True),
        ("county_police", "public_praise", True),
        ("county_police", "merit_class_3", False),
        ("city_police", "merit_class_3", True),
        ("city_police", "merit_class_2", False),
        ("province_police", "merit_class_2", True),
        ("province_police", "merit_class_1", False),
        ("county_party", "merit_class_3", True),
        ("county_party", "merit_class_2", False),
        ("county_civic", "commendation", False),
        ("county_civic", "chaohu_good_person", True),
        ("county_civic", "model_caring_for_people", False),
        ("county_police", "aux_merit", True),
        ("county_party", "aux_commendation", False),
    ],
)
def test_authority_rules_decide_what_each_issuer_may_grant(people, awards, issuers, issuer, award, allowed):
    # Each award goes to someone of its category, so only the authority decides.
    person = people["a"]
    if awards[award].eligible_category == PersonCategory.AUXILIARY:
        person = PersonFactory(unit=people["a"].unit, category=PersonCategory.AUXILIARY)
    if allowed:
        honour = record(person, awards[award], issuers[issuer])
        assert honour.pk is not None
    else:
        with pytest.raises(ValidationError):
            record(person, awards[award], issuers[issuer])
        assert not Honour.objects.exists()


def test_an_award_above_the_authority_is_refused_naming_the_limit(people, awards, issuers):
    with pytest.raises(ValidationError) as refusal:
        record(people["a"], awards["merit_class_2"], issuers["county_police"])

    message = refusal.value.message_dict["award_type"][0]
    assert (
        message == "测试市公安局（县级公安机关）在公安奖励中最高可批准「嘉奖」（等级 20），「二等功」超出其批准权限。"
    )
    assert not AuditEntry.objects.filter(action="honours.honour.recorded").exists()


def test_a_ladder_without_a_rule_is_closed_to_the_issuer(people, awards, issuers):
    with pytest.raises(ValidationError) as refusal:
        record(people["a"], awards["commendation"], issuers["county_civic"])

    assert "测试市文明办（县级群团和社会组织）无权批准公安奖励" in refusal.value.message_dict["award_type"][0]


def test_a_rule_for_the_issuers_kind_wins_over_the_any_kind_rule(people, awards, issuers):
    services.create_authority_rule(issuer_level="county", issuer_kind="civic", ladder="title", max_grade=12, by=None)

    with pytest.raises(ValidationError):
        record(people["a"], awards["chaohu_good_person"], issuers["county_civic"])
    record(people["a"], awards["most_beautiful_police"], issuers["county_civic"])


def test_changing_a_rule_in_the_app_changes_what_is_allowed(client, people, awards, issuers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    assert services.authority_limit(issuers["county_police"], "police") == 20
    county = AuthorityRule.objects.get(issuer_level="county", issuer_kind="police", ladder="police")

    client.post(
        reverse("honours:authority_rule_update", args=[county.pk]),
        {"issuer_level": "county", "issuer_kind": "police", "ladder": "police", "max_grade": 30},
    )

    assert record(people["a"], awards["merit_class_3"], issuers["county_police"]).pk


def test_the_page_refuses_an_award_above_the_authority_and_writes_nothing(client, people, awards, issuers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(
        f"{reverse('honours:honour_create')}?person={people['a'].pk}",
        {
            "award_type": awards["merit_class_1"].pk,
            "issuer": issuers["city_police"].pk,
            "awarded_on": "2022-06-10",
            "reason": "抢险救灾表现突出",
        },
    )

    assert response.status_code == 200
    assert "上级市公安局（市级公安机关）在公安奖励中最高可批准「三等功」（等级 30），「一等功」超出其批准权限。" in (
        response.content.decode()
    )
    assert not Honour.objects.exists()


# --- once per deed ---------------------------------------------------------------------------------------------------


def test_the_same_deed_rewarded_again_at_the_same_grade_within_a_year_is_refused(people, awards, issuers):
    deed = verified_deed(people["a"])
    first = record(people["a"], awards["commendation"], issuers["city_police"], deeds=[deed], document_number="合1号")

    with pytest.raises(ValidationError) as refusal:
        record(
            people["a"], awards["commendation"], issuers["county_police"], deeds=[deed], awarded_on=JUNE.replace(day=28)
        )

    message = refusal.value.message_dict["override_reason"][0]
    assert "2022-06-10 上级市公安局嘉奖（合1号）" in message and "一年内" in message
    assert list(Honour.objects.all()) == [first]


def test_a_lower_grade_for_the_same_deed_within_a_year_is_refused_too(people, awards, issuers):
    deed = verified_deed(people["a"])
    record(people["a"], awards["commendation"], issuers["county_police"], deeds=[deed])

    with pytest.raises(ValidationError):
        record(
            people["a"],
            awards["public_praise"],
            issuers["county_police"],
            deeds=[deed],
            awarded_on=JUNE.replace(day=20),
        )


@pytest.mark.parametrize(
    ("award", "awarded_on", "person"),
    [
        ("merit_class_3", datetime.date(2022, 9, 1), "a"),  # a higher award for the same deed
        ("commendation", datetime.date(2023, 6, 10), "a"),  # a year later
        ("most_beautiful_police", datetime.date(2022, 9, 1), "a"),  # another ladder (a named title)
        ("commendation", datetime.date(2022, 9, 1), "squad"),  # another person who shared the deed
    ],
)
def test_rewarding_the_deed_again_is_allowed_when_it_is_not_the_same_reward(
    people, awards, issuers, award, awarded_on, person
):
    deed = verified_deed(people["a"], others=[people["squad"]])
    record(people["a"], awards["commendation"], issuers["county_police"], deeds=[deed])

    honour = record(people[person], awards[award], issuers["city_police"], deeds=[deed], awarded_on=awarded_on)

    assert honour.override_reason == ""


def test_a_revoked_honour_does_not_block_rewarding_the_deed(people, awards, issuers, role_user):
    deed = verified_deed(people["a"])
    first = services.approve_honour(
        record(people["a"], awards["commendation"], issuers["county_police"], deeds=[deed]), by=None
    )
    leader = role_user(Role.LEADER)
    services.revoke_honour(
        first, ground="文号有误", approved_by=leader, revoked_on=JUNE, document_number="巢公政〔2022〕99号", by=leader
    )

    assert record(people["a"], awards["commendation"], issuers["city_police"], deeds=[deed]).pk


def test_a_political_officer_overrides_with_a_reason_stored_and_audited(people, awards, issuers, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    deed = verified_deed(people["a"])
    first = record(people["a"], awards["commendation"], issuers["city_police"], deeds=[deed], by=officer)

    second = record(
        people["a"],
        awards["commendation"],
        issuers["county_party"],
        deeds=[deed],
        override_reason="市委组织部另行表彰，经局党委研究同意",
        by=officer,
    )

    assert second.override_reason == "市委组织部另行表彰，经局党委研究同意"
    entry = AuditEntry.objects.get(action="honours.honour.recorded", object_id=str(second.pk))
    assert entry.actor == officer
    assert entry.data["override_reason"] == "市委组织部另行表彰，经局党委研究同意"
    assert entry.data["overrides"] == [first.pk]


def test_an_override_reason_without_a_conflict_is_not_kept(people, awards, issuers):
    honour = record(people["a"], awards["commendation"], issuers["county_police"], override_reason="无需")

    assert honour.override_reason == ""


def test_only_political_officers_record_and_override(people, awards, issuers, role_user):
    deed = verified_deed(people["a"])
    record(people["a"], awards["commendation"], issuers["county_police"], deeds=[deed])

    for role in (Role.LEADER, Role.UNIT_MANAGER):
        with pytest.raises(PermissionDenied):
            record(
                people["a"],
                awards["commendation"],
                issuers["city_police"],
                deeds=[deed],
                override_reason="再次奖励",
                by=role_user(role),
            )
    assert Honour.objects.count() == 1


def test_the_page_refuses_a_second_reward_then_records_it_with_a_reason(client, people, awards, issuers, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    deed = verified_deed(people["a"])
    record(people["a"], awards["commendation"], issuers["city_police"], deeds=[deed])
    url = f"{reverse('honours:honour_create')}?person={people['a'].pk}"
    form = {
        "award_type": awards["commendation"].pk,
        "issuer": issuers["county_police"].pk,
        "awarded_on": "2022-07-01",
        "document_number": "巢公政〔2022〕31号",
        "reason": "疫情防控表现突出",
        "deeds": [deed.pk],
    }

    refused = client.post(url, form)
    accepted = client.post(url, {**form, "override_reason": "局党委会议研究决定再次嘉奖"})

    assert refused.status_code == 200
    assert "同一事迹一年内" in refused.content.decode()
    honour = Honour.objects.get(document_number="巢公政〔2022〕31号")
    assert accepted.url == reverse("honours:honour_detail", args=[honour.pk])
    assert honour.override_reason == "局党委会议研究决定再次嘉奖"
    assert list(honour.deeds.all()) == [deed]
    assert honour.recorded_by == officer


# --- deeds, recipients, input ----------------------------------------------------------------------------------------


def test_only_the_persons_verified_deeds_can_be_cited(people, awards, issuers):
    proposed = deed_services.create_deed(
        title="待核实事迹", participants=[Participant(person=people["a"])], date=JUNE, narrative="待核实", by=None
    )
    someone_elses = verified_deed(people["squad"], title="周敏的事迹")

    with pytest.raises(ValidationError) as refusal:
        record(people["a"], awards["commendation"], issuers["county_police"], deeds=[proposed, someone_elses])

    messages = refusal.value.message_dict["deeds"]
    assert "「待核实事迹」未经核实，只有核实的事迹才能奖励。" in messages
    assert "杨磊成不在「周敏的事迹」的参与人员之中。" in messages


def test_a_unit_honour_is_recorded_and_the_constraint_holds(tree, awards, issuers, people):
    deed = verified_deed(people["squad"])

    honour = services.record_honour(
        unit=tree["station_a"],
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=JUNE,
        reason="集体嘉奖",
        deeds=[deed],
        by=None,
    )

    assert (honour.person, honour.unit, honour.subject_unit) == (None, tree["station_a"], tree["station_a"])
    with pytest.raises(ValidationError):
        services.record_honour(
            person=people["a"],
            unit=tree["station_a"],
            award_type=awards["commendation"],
            issuer=issuers["county_police"],
            awarded_on=JUNE,
            reason="x",
            by=None,
        )


def test_the_database_refuses_an_honour_for_both_a_person_and_a_unit(tree, awards, issuers, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        Honour.objects.create(
            person=people["a"],
            unit=tree["station_a"],
            award_type=awards["commendation"],
            issuer=issuers["county_police"],
            awarded_on=JUNE,
            reason="x",
        )


def test_titles_for_people_are_not_given_to_units(tree, awards, issuers):
    with pytest.raises(ValidationError) as refusal:
        services.record_honour(
            unit=tree["station_a"],
            award_type=awards["aux_star"],
            issuer=issuers["county_police"],
            awarded_on=JUNE,
            reason="x",
            by=None,
        )

    assert "辅警之星只授予个人，不授予集体。" in refusal.value.message_dict["award_type"]


def test_future_dates_missing_reasons_and_duplicates_are_refused(people, awards, issuers):
    HonourFactory(
        person=people["a"],
        award_type="commendation",
        issuer=issuers["county_police"],
        awarded_on=JUNE,
        document_number="巢公政〔2022〕1号",
    )

    with pytest.raises(ValidationError) as refusal:
        services.record_honour(
            person=people["a"],
            award_type=awards["commendation"],
            issuer=issuers["county_police"],
            awarded_on=datetime.date(2999, 1, 1),
            reason="  ",
            by=None,
        )
    with pytest.raises(ValidationError) as duplicate:
        record(people["a"], awards["commendation"], issuers["county_police"], document_number="巢公政〔2022〕1号")

    assert set(refusal.value.message_dict) == {"awarded_on", "reason"}
    assert "这项奖励已经登记过了。" in duplicate.value.messages


# --- the recording page ----------------------------------------------------------------------------------------------


def test_the_page_asks_for_the_recipient_first_by_badge_number(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    first = client.get(reverse("honours:honour_create"))
    found = client.get(reverse("honours:honour_create"), {"badge_number": "340102", "unit": ""})
    other = client.get(reverse("honours:honour_create"), {"badge_number": "340201", "unit": ""})

    assert "获奖对象是谁" in first.content.decode()
    assert found.url == f"{reverse('honours:honour_create')}?person={people['squad'].pk}"
    assert other.status_code == 200 and "您的范围内没有这个警号" in other.content.decode()


def test_the_page_lists_the_persons_verified_deeds_and_records(client, people, awards, issuers, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    deed = verified_deed(people["a"])
    verified_deed(people["b"], title="乙所的事迹")
    url = f"{reverse('honours:honour_create')}?person={people['a'].pk}"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "award_type": awards["commendation"].pk,
            "issuer": issuers["county_police"].pk,
            "awarded_on": "2022-06-28",
            "document_number": "巢公政〔2022〕18号",
            "reason": "疫情防控表现突出",
            "deeds": [deed.pk],
        },
    )

    assert "坚守疫情防控卡点" in page and "乙所的事迹" not in page
    honour = Honour.objects.get()
    assert response.url == reverse("honours:honour_detail", args=[honour.pk])
    assert AuditEntry.objects.filter(action="honours.honour.recorded", actor=officer).count() == 1


def test_a_political_officer_of_another_station_cannot_record_there(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    assert client.get(reverse("honours:honour_create"), {"person": people["b"].pk}).status_code == 404
    assert client.post(f"{reverse('honours:honour_create')}?person={people['b'].pk}", {}).status_code == 404
    assert client.get(reverse("honours:honour_create"), {"person": "abc"}).status_code == 404


@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_MANAGER, Role.MEMBER, Role.SYS_ADMIN])
def test_only_political_officers_open_the_recording_page(client, people, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("honours:honour_create"), {"person": people["a"].pk}).status_code in {403, 404}
