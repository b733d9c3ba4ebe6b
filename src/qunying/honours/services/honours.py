"""Honour writes: record an honour (authority, once-per-deed rule, scope), approve one entered by hand (four eyes) and
revoke one (with its hook)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import DeedPerson
from qunying.honours.enums import SET_ASIDE, ApprovalBasis, AwardLadder, HonourStatus
from qunying.honours.models import HONOUR_TRANSITIONS, AuthorityRule, AwardType, Honour, Issuer
from qunying.honours.rules import policy
from qunying.honours.services.batch import RecordingBatch, current_batch
from qunying.org.enums import PersonCategory
from qunying.org.models import Person, Unit

# --- the revocation hook --------------------------------------------------------------------------------------------

RevocationCallback = Callable[[Honour], None]
_revocation_callbacks: list[RevocationCallback] = []


def on_honour_revoked(callback: RevocationCallback) -> RevocationCallback:
    """Register `callback(honour)`, called inside the revoking transaction once an honour is revoked, so whatever a
    module derived from it (entitlements, discovery signals …) is flagged together with it or not at all. Register
    from your AppConfig.ready(); a callback must be idempotent. Registering the same callback twice has no effect."""
    if callback not in _revocation_callbacks:
        _revocation_callbacks.append(callback)
    return callback


# --- checks shared by the pages and the services ---------------------------------------------------------------------


def authority_limit(issuer: Issuer, ladder: str) -> int | None:
    """The highest grade of `ladder` the issuer may grant: its own kind's rule first, else the any-kind rule."""
    batch = current_batch()
    memo = (issuer.pk, issuer.level, issuer.kind, ladder)
    if batch is not None and memo in batch.limits:
        return batch.limits[memo]
    limits = dict(
        AuthorityRule.objects.filter(
            issuer_level=issuer.level, ladder=ladder, issuer_kind__in=[issuer.kind, ""]
        ).values_list("issuer_kind", "max_grade")
    )
    limit = limits.get(issuer.kind, limits.get(""))
    if batch is not None:
        batch.limits[memo] = limit
    return limit


def check_authority(issuer: Issuer, award_type: AwardType) -> None:
    """Refuse an award above what the issuer's level (and kind) may grant, naming the limit."""
    limit = authority_limit(issuer, award_type.ladder)
    names = {
        "issuer": issuer.name,
        "level": issuer.get_level_display(),
        "kind": issuer.get_kind_display(),
        "ladder": AwardLadder(award_type.ladder).label,
        "award": award_type.name,
    }
    if limit is None:
        message = _("%(issuer)s (%(level)s %(kind)s) has no authority to grant %(ladder)s such as %(award)s.")
        raise ValidationError({"award_type": message % names})
    if award_type.grade > limit:
        highest = (
            AwardType.objects.filter(ladder=award_type.ladder, grade__lte=limit).order_by("-grade", "name").first()
        )
        names |= {"limit": highest.name if highest else "—", "grade": limit}
        message = _(
            "%(issuer)s (%(level)s %(kind)s) may grant at most %(limit)s (grade %(grade)s) among %(ladder)s; "
            "%(award)s is above its authority."
        )
        raise ValidationError({"award_type": message % names})


def shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def reward_conflicts(*, person=None, unit=None, award_type: AwardType, awarded_on: datetime.date, deeds, exclude=None):
    """Honours in force or awaiting approval for the same recipient that cite one of `deeds` on the same ladder at the
    same or a higher grade, less than a year before or after `awarded_on`: rewarding the deed again at this grade
    would reward it twice. A higher award for the same deed (嘉奖, then 记三等功) is not a conflict."""
    deeds = list(deeds)
    if not deeds:
        return Honour.objects.none()
    recipient = {"person": person} if person is not None else {"unit": unit}
    conflicts = Honour.objects.exclude(status__in=SET_ASIDE).filter(
        **recipient,
        deeds__in=deeds,
        award_type__ladder=award_type.ladder,
        award_type__grade__gte=award_type.grade,
        awarded_on__gt=shift_years(awarded_on, -1),
        awarded_on__lt=shift_years(awarded_on, 1),
    )
    if exclude is not None:
        conflicts = conflicts.exclude(pk=exclude.pk)
    return conflicts.select_related("award_type", "issuer").distinct().order_by("awarded_on", "pk")


def earlier_awards(*, person, award_type: AwardType, awarded_on: datetime.date):
    """Honours in force or awaiting approval of `person` on the ladder of `award_type` at the same or a higher grade
    in the year before `awarded_on`, whatever the deed: the 条令 frowns on a same-or-lower award within a year, so
    the recorder is warned on the form before recording."""
    if person is None:
        return Honour.objects.none()
    return (
        Honour.objects.exclude(status__in=SET_ASIDE)
        .filter(
            person=person,
            award_type__ladder=award_type.ladder,
            award_type__grade__gte=award_type.grade,
            awarded_on__gt=shift_years(awarded_on, -1),
            awarded_on__lte=awarded_on,
        )
        .select_related("award_type", "issuer")
        .order_by("awarded_on", "pk")
    )


def earlier_awards_within_a_year(honour: Honour):
    """`earlier_awards` for an honour already recorded (itself left out)."""
    if honour.person_id is None:
        return Honour.objects.none()
    found = earlier_awards(person=honour.person_id, award_type=honour.award_type, awarded_on=honour.awarded_on)
    return found.exclude(pk=honour.pk)


def _check_deeds(deeds: list, *, person, unit, awarded_on: datetime.date) -> list[str]:
    errors = []
    for deed in deeds:
        if deed.status != DeedStatus.VERIFIED:
            errors.append(_("%(deed)s is not verified: only verified deeds can be rewarded.") % {"deed": deed.title})
        elif deed.date > awarded_on:
            errors.append(_("%(deed)s is dated after the honour.") % {"deed": deed.title})
    if person is not None and deeds:
        own = set(DeedPerson.objects.filter(deed__in=deeds, person=person).values_list("deed", flat=True))
        errors += [
            _("%(person)s is not among the people of %(deed)s.") % {"person": person.name, "deed": deed.title}
            for deed in deeds
            if deed.pk not in own
        ]
    elif unit is not None:
        errors += [
            _("%(deed)s was not done in %(unit)s.") % {"deed": deed.title, "unit": unit.name}
            for deed in deeds
            if not deed.unit.path.startswith(unit.path)
        ]
    return errors


def _conflict_message(conflicts) -> str:
    lines = [
        _("%(date)s %(award)s from %(issuer)s%(number)s")
        % {
            "date": f"{conflict.awarded_on:%Y-%m-%d}",
            "award": conflict.award_type.name,
            "issuer": conflict.issuer.name,
            "number": f"（{conflict.document_number}）" if conflict.document_number else "",
        }
        for conflict in conflicts
    ]
    return _(
        "This deed was already rewarded: %(previous)s. The same or a lower award for the same deed within a year "
        "is refused; the political department may record it anyway with a reason."
    ) % {"previous": "；".join(lines)}


def _category_message(person: Person, award_type: AwardType) -> str:
    return _("%(award)s is for %(eligible)s only; %(person)s is %(category)s.") % {
        "award": award_type.name,
        "eligible": _eligible_label(award_type),
        "person": person.name,
        "category": person.get_category_display(),
    }


def _eligible_label(award_type: AwardType) -> str:
    return PersonCategory(award_type.eligible_category).label


# --- recording -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HonourDraft:
    """What a recorder asks for, cleaned: the input of the checks and of the write."""

    person: Person | None
    unit: Unit | None
    award_type: AwardType
    issuer: Issuer
    awarded_on: datetime.date
    reason: str
    document_number: str
    deeds: list
    override_reason: str

    @property
    def subject_unit(self) -> Unit:
        return self.person.unit if self.person is not None else self.unit


def check_honour(draft: HonourDraft) -> None:
    """Every problem with the draft at once, field by field: the catalogue, the recipient, the date, the reason, the
    cited deeds, the issuer's authority and an identical honour already on record."""
    errors: dict[str | None, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    award_type, issuer = draft.award_type, draft.issuer
    if not award_type.active:
        add("award_type", _("%(award)s is no longer in use.") % {"award": award_type.name})
    if not issuer.active:
        add("issuer", _("%(issuer)s is no longer in use.") % {"issuer": issuer.name})
    if draft.person is not None and not award_type.applies_to_people():
        add("award_type", _("%(award)s is awarded to units, not to people.") % {"award": award_type.name})
    if draft.person is not None and not award_type.eligible_for(draft.person.category):
        add("award_type", _category_message(draft.person, award_type))
    if draft.unit is not None and not award_type.applies_to_units():
        add("award_type", _("%(award)s is awarded to people, not to units.") % {"award": award_type.name})
    if draft.awarded_on > timezone.localdate():
        add("awarded_on", _("The date cannot be in the future."))
    if not draft.reason:
        add("reason", _("Please enter the reason for the honour."))
    for message in _check_deeds(draft.deeds, person=draft.person, unit=draft.unit, awarded_on=draft.awarded_on):
        add("deeds", message)
    if "award_type" not in errors:
        try:
            check_authority(issuer, award_type)
        except ValidationError as error:
            for message in error.message_dict["award_type"]:
                add("award_type", message)
    if _already_recorded(draft):
        add(None, _("This honour is already recorded."))
    if errors:
        raise ValidationError(errors)


def _draft_key(draft: HonourDraft) -> tuple:
    return RecordingBatch.key(
        person=draft.person,
        unit=draft.unit,
        award_type=draft.award_type,
        issuer=draft.issuer,
        awarded_on=draft.awarded_on,
        document_number=draft.document_number,
    )


def _already_recorded(draft: HonourDraft) -> bool:
    """The same honour (recipient, award, issuer, date, document) not revoked: from the batch when it knows the
    recipient, else one query."""
    batch = current_batch()
    if batch is not None and batch.covers(person=draft.person, unit=draft.unit):
        return _draft_key(draft) in batch.on_record
    same = Honour.objects.filter(
        person=draft.person,
        unit=draft.unit,
        award_type=draft.award_type,
        issuer=draft.issuer,
        awarded_on=draft.awarded_on,
    ).exclude(status__in=SET_ASIDE)
    return same.filter(document_number=draft.document_number).exists()


def check_once_per_deed(draft: HonourDraft, *, by) -> list[Honour]:
    """The honours this one would reward a deed again with (within a year, same or higher grade): refused unless the
    political department gives a reason. Returns them, to be recorded as overridden."""
    conflicts = list(
        reward_conflicts(
            person=draft.person,
            unit=draft.unit,
            award_type=draft.award_type,
            awarded_on=draft.awarded_on,
            deeds=draft.deeds,
        )
    )
    if conflicts and not draft.override_reason:
        raise ValidationError({"override_reason": _conflict_message(conflicts)})
    if conflicts and by is not None and not policy.allows(by, "override_once_per_deed", draft.subject_unit):
        raise ValidationError({"override_reason": _("Only the political department may reward a deed again.")})
    return conflicts


def check_approver(approved_by, *, person) -> None:
    """An honour is never approved by its own recipient, whatever approved it."""
    if approved_by is not None and person is not None and person.user_id == approved_by.pk:
        raise ValidationError(_("%(person)s cannot approve their own honour.") % {"person": person.name})


def do_record_honour(
    draft: HonourDraft, *, overrides: list[Honour], by, approval: str = ApprovalBasis.REVIEW, approved_by=None
) -> Honour:
    """Write a checked honour, its deeds and the audit entry (the override reason only when something was
    overridden): pending when it waits for a second officer (REVIEW), else in force on its basis."""
    override_reason = draft.override_reason if overrides else ""
    pending = approval == ApprovalBasis.REVIEW
    honour = Honour.objects.create(
        person=draft.person,
        unit=draft.unit,
        award_type=draft.award_type,
        issuer=draft.issuer,
        awarded_on=draft.awarded_on,
        document_number=draft.document_number,
        reason=draft.reason,
        override_reason=override_reason,
        recorded_by=by,
        status=HonourStatus.PENDING if pending else HonourStatus.ACTIVE,
        approval_basis=approval,
        approved_by=None if pending else approved_by,
        approved_at=None if pending else timezone.now(),
    )
    if draft.deeds:  # a new honour has none yet: nothing to read or remove
        honour.deeds.set(draft.deeds)
    data = {
        "person": draft.person and draft.person.pk,
        "unit": draft.unit and draft.unit.pk,
        "award_type": draft.award_type.code,
        "issuer": draft.issuer.pk,
        "awarded_on": draft.awarded_on,
        "document_number": draft.document_number,
        "deeds": [deed.pk for deed in draft.deeds],
        "approval": approval,
    }
    if not pending:
        data["approved_by"] = approved_by and approved_by.pk
    if override_reason:
        data |= {"override_reason": override_reason, "overrides": [conflict.pk for conflict in overrides]}
    log_action(honour, "honours.honour.recorded", by=by, data=data)
    if (batch := current_batch()) is not None and batch.covers(person=draft.person, unit=draft.unit):
        batch.on_record.add(_draft_key(draft))
    return honour


@transaction.atomic
def record_honour(
    *,
    person=None,
    unit=None,
    award_type: AwardType,
    issuer: Issuer,
    awarded_on: datetime.date,
    reason: str,
    document_number: str = "",
    deeds: Iterable = (),
    override_reason: str = "",
    by,
    approval: str = ApprovalBasis.REVIEW,
    approved_by=None,
) -> Honour:
    """Record an honour for one person or one unit. Refused with a message when the issuer lacks the authority,
    when a cited deed was already rewarded at this grade within a year (unless a political officer overrides with a
    reason), or when the input is incomplete; refused with PermissionDenied outside the recorder's scope.

    Entered by hand (`approval` REVIEW, the default) it waits, pending, for a second officer's `approve_honour`
    and counts nowhere until then. A campaign's decision (DECISION) or an approved register's import (REGISTER)
    is the approval itself: the honour is in force at once, approved by `approved_by` (default: `by`, who
    committed it), never its recipient."""
    if (person is None) == (unit is None):
        raise ValidationError(_("An honour goes to one person or to one unit."))
    if approval not in (ApprovalBasis.REVIEW, ApprovalBasis.DECISION, ApprovalBasis.REGISTER):
        raise ValueError(f"An honour is recorded for review, from a decision or from a register, not {approval!r}.")
    if approval == ApprovalBasis.REVIEW and approved_by is not None:
        raise ValueError("An honour entered by hand is approved afterwards, through approve_honour.")
    approved_by = approved_by if approved_by is not None else by
    draft = HonourDraft(
        person=person,
        unit=unit,
        award_type=award_type,
        issuer=issuer,
        awarded_on=awarded_on,
        reason=(reason or "").strip(),
        document_number=(document_number or "").strip(),
        deeds=list(deeds),
        override_reason=(override_reason or "").strip(),
    )
    policy.require(by, "record_for", draft.subject_unit)
    check_honour(draft)
    if approval != ApprovalBasis.REVIEW:
        check_approver(approved_by, person=person)
    overrides = check_once_per_deed(draft, by=by)
    return do_record_honour(draft, overrides=overrides, by=by, approval=approval, approved_by=approved_by)


# --- revocation -----------------------------------------------------------------------------------------------------


def is_revocation_approver(user, honour: Honour) -> bool:
    """The approver named on a revocation holds the revoking roles over the honour (asked of a third person, so it
    is not the actor's check)."""
    return user is not None and policy.allows(user, "revoke_honour", honour)


def check_revocation(honour: Honour, *, ground: str, approved_by, revoked_on: datetime.date, document_number: str):
    """Every problem with a revocation at once, field by field (the page asks for confirmation only without any)."""
    errors: dict[str, list[str]] = {}
    if not (ground or "").strip():
        errors["ground"] = [_("Please enter the ground for revocation.")]
    if not (document_number or "").strip():
        errors["document_number"] = [_("Please enter the revocation's document number.")]
    if revoked_on > timezone.localdate():
        errors["revoked_on"] = [_("The date cannot be in the future.")]
    elif revoked_on < honour.awarded_on:
        errors["revoked_on"] = [_("An honour cannot be revoked before it was awarded.")]
    if not is_revocation_approver(approved_by, honour):
        errors["approved_by"] = [_("The approver must be a bureau leader or political officer over this honour.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def revoke_honour(
    honour: Honour, *, ground: str, approved_by, revoked_on: datetime.date, document_number: str, by
) -> Honour:
    """撤销: the honour stays in history marked revoked; every registered callback flags what was derived from it,
    in the same transaction. A refused revocation changes nothing and calls no callback."""
    honour = Honour.objects.select_for_update(of=("self",)).select_related("person__unit", "unit").get(pk=honour.pk)
    policy.require(by, "revoke_honour", honour)
    ground, document_number = (ground or "").strip(), (document_number or "").strip()
    check_revocation(
        honour, ground=ground, approved_by=approved_by, revoked_on=revoked_on, document_number=document_number
    )
    transition(honour, HonourStatus.REVOKED, HONOUR_TRANSITIONS, message=_("This honour is already revoked."))
    honour.revoked_on = revoked_on
    honour.revocation_ground = ground
    honour.revocation_document_number = document_number
    honour.revocation_approved_by = approved_by
    honour.save(
        update_fields=[
            "status",
            "revoked_on",
            "revocation_ground",
            "revocation_document_number",
            "revocation_approved_by",
        ]
    )
    log_action(
        honour,
        "honours.honour.revoked",
        by=by,
        data={
            "ground": ground,
            "approved_by": approved_by.pk,
            "revoked_on": revoked_on,
            "document_number": document_number,
        },
    )
    for callback in list(_revocation_callbacks):
        callback(honour)
    return honour
