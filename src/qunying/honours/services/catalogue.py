"""Catalogue writes: award types, issuers and approval-authority rules (bureau-wide, kept by the political
department)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.honours.enums import AwardLadder
from qunying.honours.models import AuthorityRule, AwardType, Issuer
from qunying.honours.rules import policy

AWARD_TYPE_FIELDS = ("name", "ladder", "grade", "applies_to", "eligible_category", "active", "description")
ISSUER_FIELDS = ("name", "short_name", "level", "kind", "active")


def _changes(obj, fields: dict) -> dict:
    return {field: [getattr(obj, field), value] for field, value in fields.items() if getattr(obj, field) != value}


def _check_award_type(award_type: AwardType) -> None:
    errors: dict[str, list[str]] = {}
    award_type.name = award_type.name.strip()
    award_type.code = award_type.code.strip().lower()
    if not award_type.name:
        errors.setdefault("name", []).append(_("Please enter the award's name."))
    elif AwardType.objects.filter(name=award_type.name).exclude(pk=award_type.pk).exists():
        errors.setdefault("name", []).append(_("An award with this name already exists."))
    if not award_type.code:
        errors.setdefault("code", []).append(_("Please enter a code."))
    elif AwardType.objects.filter(code=award_type.code).exclude(pk=award_type.pk).exists():
        errors.setdefault("code", []).append(_("An award with this code already exists."))
    if award_type.ladder not in AwardLadder.values:
        errors.setdefault("ladder", []).append(_("Please choose a ladder."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_award_type(*, code: str, name: str, ladder: str, grade: int, by, **fields) -> AwardType:
    policy.require(by, "manage_catalogue")
    award_type = AwardType(code=code, name=name, ladder=ladder, grade=grade, **fields)
    _check_award_type(award_type)
    award_type.save()
    log_action(
        award_type,
        "honours.award_type.created",
        by=by,
        data={"code": award_type.code, "name": award_type.name, "ladder": ladder, "grade": grade},
    )
    return award_type


@transaction.atomic
def update_award_type(award_type: AwardType, *, by, **fields) -> AwardType:
    """The code never changes (other modules refer to it); the ladder only while no honour uses the award."""
    policy.require(by, "manage_catalogue")
    fields = {field: value for field, value in fields.items() if field in AWARD_TYPE_FIELDS}
    if "name" in fields:
        fields["name"] = fields["name"].strip()
    changes = _changes(award_type, fields)
    if not changes:
        return award_type
    if "ladder" in changes and award_type.honours.exists():
        raise ValidationError({"ladder": _("Honours already use this award: its ladder can no longer change.")})
    for field, value in fields.items():
        setattr(award_type, field, value)
    _check_award_type(award_type)
    award_type.save(update_fields=list(changes))
    log_action(award_type, "honours.award_type.updated", by=by, data=changes)
    return award_type


def _check_issuer(issuer: Issuer) -> None:
    issuer.name, issuer.short_name = issuer.name.strip(), issuer.short_name.strip()
    if not issuer.name:
        raise ValidationError({"name": _("Please enter the issuer's name.")})
    if Issuer.objects.filter(name=issuer.name).exclude(pk=issuer.pk).exists():
        raise ValidationError({"name": _("An issuer with this name already exists.")})


@transaction.atomic
def create_issuer(*, name: str, level: str, kind: str, short_name: str = "", active: bool = True, by) -> Issuer:
    policy.require(by, "manage_catalogue")
    issuer = Issuer(name=name, short_name=short_name, level=level, kind=kind, active=active)
    _check_issuer(issuer)
    issuer.save()
    log_action(issuer, "honours.issuer.created", by=by, data={"name": issuer.name, "level": level, "kind": kind})
    return issuer


@transaction.atomic
def update_issuer(issuer: Issuer, *, by, **fields) -> Issuer:
    policy.require(by, "manage_catalogue")
    fields = {field: value for field, value in fields.items() if field in ISSUER_FIELDS}
    for field in ("name", "short_name"):
        if field in fields:
            fields[field] = fields[field].strip()
    changes = _changes(issuer, fields)
    if not changes:
        return issuer
    for field, value in fields.items():
        setattr(issuer, field, value)
    _check_issuer(issuer)
    issuer.save(update_fields=list(changes))
    log_action(issuer, "honours.issuer.updated", by=by, data=changes)
    return issuer


def _check_rule(rule: AuthorityRule) -> None:
    clash = AuthorityRule.objects.filter(
        issuer_level=rule.issuer_level, issuer_kind=rule.issuer_kind, ladder=rule.ladder
    ).exclude(pk=rule.pk)
    if clash.exists():
        raise ValidationError(_("A rule for this level, kind and ladder already exists."))


@transaction.atomic
def create_authority_rule(*, issuer_level: str, issuer_kind: str, ladder: str, max_grade: int, by) -> AuthorityRule:
    policy.require(by, "manage_catalogue")
    rule = AuthorityRule(issuer_level=issuer_level, issuer_kind=issuer_kind, ladder=ladder, max_grade=max_grade)
    _check_rule(rule)
    rule.save()
    log_action(
        rule,
        "honours.authority_rule.created",
        by=by,
        data={"issuer_level": issuer_level, "issuer_kind": issuer_kind, "ladder": ladder, "max_grade": max_grade},
    )
    return rule


@transaction.atomic
def update_authority_rule(rule: AuthorityRule, *, by, **fields) -> AuthorityRule:
    policy.require(by, "manage_catalogue")
    fields = {f: v for f, v in fields.items() if f in ("issuer_level", "issuer_kind", "ladder", "max_grade")}
    changes = _changes(rule, fields)
    if not changes:
        return rule
    for field, value in fields.items():
        setattr(rule, field, value)
    _check_rule(rule)
    rule.save(update_fields=list(changes))
    log_action(rule, "honours.authority_rule.updated", by=by, data=changes)
    return rule


@transaction.atomic
def delete_authority_rule(rule: AuthorityRule, *, by) -> None:
    """Honours already recorded stay; the ladder closes to those issuers for new honours."""
    policy.require(by, "manage_catalogue")
    log_action(
        rule,
        "honours.authority_rule.deleted",
        by=by,
        data={
            "issuer_level": rule.issuer_level,
            "issuer_kind": rule.issuer_kind,
            "ladder": rule.ladder,
            "max_grade": rule.max_grade,
        },
    )
    rule.delete()
