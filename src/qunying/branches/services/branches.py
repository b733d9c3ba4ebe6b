"""Party branch writes: create and edit a branch with its covered units, secretary and members."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.branches.models import PartyBranch
from qunying.branches.rules import policy
from qunying.core.services import log_action
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit

MAX_NAMES_IN_MESSAGE = 5


def _names(people) -> str:
    names = [person.name for person in people]
    shown = "、".join(names[:MAX_NAMES_IN_MESSAGE])
    return shown + ("…" if len(names) > MAX_NAMES_IN_MESSAGE else "")


def check_branch(
    *,
    name: str,
    unit: Unit,
    units: list[Unit],
    secretary: Person | None,
    members: list[Person],
    founded_on: datetime.date | None,
    branch: PartyBranch | None = None,
) -> dict[str, list[str]]:
    """Every rule a branch must satisfy, as {field: [messages]}."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    others = PartyBranch.objects.exclude(pk=branch.pk) if branch is not None else PartyBranch.objects.all()
    if not name:
        add("name", _("Please enter the branch's name."))
    elif others.filter(unit=unit, name=name).exists():
        add("name", _("This unit already has a party branch with this name."))
    if not units:
        add("units", _("Please choose the units the branch covers."))
    if outside := [u for u in units if not u.is_within(unit)]:
        add("units", _("A branch covers only units within its own unit: %(units)s.") % {"units": _names(outside)})
    covered = PartyBranch.units.through.objects.filter(unit__in=units)
    membership = PartyBranch.members.through.objects.filter(person__in=[*members, *([secretary] if secretary else [])])
    if branch is not None:
        covered, membership = covered.exclude(partybranch=branch), membership.exclude(partybranch=branch)
    for other_name, unit_name in covered.values_list("partybranch__name", "unit__name"):
        message = _("%(unit)s is already covered by %(branch)s.")
        add("units", message % {"unit": unit_name, "branch": other_name})
    if founded_on and founded_on > timezone.localdate():
        add("founded_on", _("The founding date cannot be in the future."))
    if secretary is not None:
        if not secretary.party_member:
            add("secretary", _("The secretary must be a CPC member."))
        if secretary.status != PersonStatus.ACTIVE:
            add("secretary", _("The secretary must be serving."))
        if not secretary.unit.is_within(unit):
            add("secretary", _("The secretary must serve in the branch's unit."))
    else:
        add("secretary", _("Please choose the secretary."))
    if not_members := [person for person in members if not person.party_member]:
        add("members", _("Only CPC members can join a party branch: %(people)s.") % {"people": _names(not_members)})
    if not_serving := [person for person in members if person.status != PersonStatus.ACTIVE]:
        add("members", _("Only serving officers can be members: %(people)s.") % {"people": _names(not_serving)})
    if outside_people := [person for person in members if not person.unit.is_within(unit)]:
        message = _("Members must serve in the branch's unit: %(people)s.")
        add("members", message % {"people": _names(outside_people)})
    for person_name, other_name in membership.values_list("person__name", "partybranch__name"):
        message = _("%(person)s already belongs to %(branch)s.")
        add("members", message % {"person": person_name, "branch": other_name})
    return errors


def _with_secretary(members: list[Person], secretary: Person) -> list[Person]:
    """The secretary is always a member of their own branch."""
    return members if secretary in members else [*members, secretary]


@transaction.atomic
def create_branch(
    *, name: str, unit: Unit, units, secretary: Person, members, founded_on: datetime.date, by
) -> PartyBranch:
    policy.require(by, "add_branch", unit)
    name, units, members = name.strip(), list(units), list(members)
    if errors := check_branch(
        name=name, unit=unit, units=units, secretary=secretary, members=members, founded_on=founded_on
    ):
        raise ValidationError(errors)
    members = _with_secretary(members, secretary)
    branch = PartyBranch.objects.create(name=name, unit=unit, secretary=secretary, founded_on=founded_on)
    branch.units.set(units)
    branch.members.set(members)
    log_action(
        branch,
        "branches.branch.created",
        by=by,
        data={
            "name": name,
            "unit": unit.pk,
            "units": sorted(u.pk for u in units),
            "secretary": secretary.pk,
            "members": sorted(p.pk for p in members),
            "founded_on": founded_on,
        },
    )
    return branch


@transaction.atomic
def update_branch(
    branch: PartyBranch, *, name: str, units, secretary: Person, members, founded_on: datetime.date, by
) -> PartyBranch:
    """The unit a branch belongs to stays (it decides who sees the branch and its ratings)."""
    policy.require(by, "change_branch", branch)
    name, units, members = name.strip(), list(units), list(members)
    if errors := check_branch(
        name=name,
        unit=branch.unit,
        units=units,
        secretary=secretary,
        members=members,
        founded_on=founded_on,
        branch=branch,
    ):
        raise ValidationError(errors)
    members = _with_secretary(members, secretary)
    before_units = set(branch.units.values_list("pk", flat=True))
    before_members = set(branch.members.values_list("pk", flat=True))
    changes = {
        field: [getattr(getattr(branch, field), "pk", getattr(branch, field)), getattr(value, "pk", value)]
        for field, value in {"name": name, "secretary": secretary, "founded_on": founded_on}.items()
        if getattr(branch, field) != value
    }
    if {u.pk for u in units} != before_units:
        changes["units"] = [sorted(before_units), sorted(u.pk for u in units)]
    if {p.pk for p in members} != before_members:
        changes["members"] = {
            "added": sorted({p.pk for p in members} - before_members),
            "removed": sorted(before_members - {p.pk for p in members}),
        }
    if not changes:
        return branch
    branch.name, branch.secretary, branch.founded_on = name, secretary, founded_on
    branch.save(update_fields=["name", "secretary", "founded_on"])
    branch.units.set(units)
    branch.members.set(members)
    log_action(branch, "branches.branch.updated", by=by, data=changes)
    return branch
