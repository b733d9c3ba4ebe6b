"""The ledger's declared policy (deeds.rules): role × unit × state → allowed, the same for a page, a list and a
service."""

import pytest
from django.core.exceptions import PermissionDenied

from qunying.core.roles import Role
from qunying.deeds import services
from qunying.deeds.enums import DeedStatus, NominationStatus
from qunying.deeds.models import Deed, DutyEvent, PublicNomination
from qunying.deeds.rules import policy
from tests.deeds.conftest import make_deed, make_event

PROPOSED, VERIFIED, REJECTED = DeedStatus.PROPOSED, DeedStatus.VERIFIED, DeedStatus.REJECTED


@pytest.mark.parametrize(
    ("role", "unit", "status", "allowed"),
    [
        (Role.UNIT_MANAGER, "station_a", PROPOSED, True),
        (Role.UNIT_MANAGER, "squad_a", PROPOSED, False),  # the deed is the station's, above the squad
        (Role.UNIT_MANAGER, "station_b", PROPOSED, False),
        (Role.POLITICAL_OFFICER, "bureau", PROPOSED, True),
        (Role.POLITICAL_OFFICER, "bureau", VERIFIED, False),
        (Role.POLITICAL_OFFICER, "bureau", REJECTED, False),
        (Role.LEADER, "bureau", PROPOSED, False),
        (Role.PUBLICITY_EDITOR, "bureau", PROPOSED, False),
        (Role.MEMBER, "station_a", PROPOSED, False),
    ],
)
def test_verify_deed_by_role_unit_and_state(people, role_user, role, unit, status, allowed):
    deed = make_deed(people["a"])
    Deed.objects.filter(pk=deed.pk).update(status=status)
    deed.refresh_from_db()
    user = role_user(role, unit)

    assert user.has_perm("deeds.verify_deed", deed) is allowed
    assert policy.filter(user, "verify_deed", Deed.objects.all()).filter(pk=deed.pk).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.verify_deed(deed, by=user)


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [
        (Role.UNIT_MANAGER, "station_a", True),
        (Role.UNIT_MANAGER, "squad_a", False),
        (Role.UNIT_MANAGER, "station_b", False),
        (Role.POLITICAL_OFFICER, "bureau", True),
        (Role.LEADER, "station_a", False),
        (Role.CARE_OFFICER, "bureau", False),
    ],
)
def test_change_event_and_evidence_by_role_and_unit(people, tree, role_user, role, unit, allowed):
    event, deed = make_event(tree["station_a"]), make_deed(people["a"])
    user = role_user(role, unit)

    assert user.has_perm("deeds.change_event", event) is allowed
    assert policy.filter(user, "change_event", DutyEvent.objects.all()).exists() is allowed
    assert user.has_perm("deeds.add_evidence", deed) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.update_duty_event(
                event,
                kind=event.kind,
                name="改名",
                starts_on=event.starts_on,
                ends_on=event.ends_on,
                units=[tree["station_a"]],
                by=user,
            )


NOMINATION_ACTIONS = ("mark_nomination_triaged", "link_nomination", "reject_nomination", "convert_nomination")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (NominationStatus.NEW, (True, True, True, False)),
        (NominationStatus.TRIAGED, (False, True, True, False)),
        (NominationStatus.LINKED, (False, False, False, True)),
        (NominationStatus.REJECTED, (False, False, False, False)),
    ],
)
def test_nomination_actions_follow_its_state(people, role_user, status, expected):
    linked = status == NominationStatus.LINKED
    nomination = PublicNomination.objects.create(
        officer_text="王警官",
        story="帮我找回了丢失的电动车，非常感谢。",
        status=status,
        person=people["a"] if linked else None,
        unit=people["a"].unit if linked else None,
    )
    officer = role_user(Role.POLITICAL_OFFICER)

    assert tuple(officer.has_perm(f"deeds.{action}", nomination) for action in NOMINATION_ACTIONS) == expected
    for action, allowed in zip(NOMINATION_ACTIONS, expected, strict=True):
        listed = policy.filter(officer, action, PublicNomination.objects.all()).exists()
        assert listed is allowed, action


@pytest.mark.parametrize(
    ("role", "unit", "placed", "allowed"),
    [
        (Role.POLITICAL_OFFICER, "bureau", False, True),  # not yet placed: the bureau's political department
        (Role.POLITICAL_OFFICER, "station_a", False, False),
        (Role.POLITICAL_OFFICER, "station_a", True, True),
        (Role.POLITICAL_OFFICER, "station_b", True, False),
        (Role.UNIT_MANAGER, "station_a", True, True),  # linked to an officer of their subtree
        (Role.UNIT_MANAGER, "station_a", False, False),
        (Role.LEADER, "bureau", True, False),
    ],
)
def test_who_handles_a_nomination(people, role_user, role, unit, placed, allowed):
    nomination = PublicNomination.objects.create(
        officer_text="王警官",
        story="帮我找回了丢失的电动车，非常感谢。",
        status=NominationStatus.LINKED if placed else NominationStatus.NEW,
        person=people["a"] if placed else None,
        unit=people["a"].unit if placed else None,
    )
    user = role_user(role, unit)

    assert user.has_perm("deeds.triage_nomination", nomination) is allowed
    assert policy.filter(user, "triage_nomination", PublicNomination.objects.all()).exists() is allowed
