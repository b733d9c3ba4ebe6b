"""Campaign type writes: creating and editing a type with its criteria (bureau political department only)."""

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from qunying.campaigns.enums import Period, Phase
from qunying.campaigns.models import MAX_VOTE_WEIGHT, CampaignType, Criterion, Score
from qunying.campaigns.rules import policy
from qunying.core.services import log_action
from qunying.core.text import pinyin_initials
from qunying.honours.services import check_authority

TYPE_FIELDS = (
    "name",
    "police_eligible",
    "auxiliary_eligible",
    "period",
    "quota_per_period",
    "quota_per_unit",
    "min_judges",
    "vote_weight",
    "notice_working_days",
    "award_type",
    "issuer",
    "notice_phone",
    "active",
)
CRITERION_FIELDS = ("name", "weight", "min_score", "max_score", "informational")
MAX_NOTICE_DAYS = 30
# A landline with its area code, a mobile, or a short hotline; dashes and spaces as people write them. Empty: none.
NOTICE_PHONE = re.compile(r"(?:[0-9][0-9 -]{3,18}[0-9])?")
# While a campaign of the type is being judged or decided, its criteria are what the judges score: they stay fixed.
LOCKING_PHASES = (Phase.JUDGING, Phase.VOTING, Phase.DECIDING, Phase.NOTICE)


def _type_problems(data: dict) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    if not (data.get("name") or "").strip():
        add("name", _("Please give the name."))
    if not (data.get("police_eligible") or data.get("auxiliary_eligible")):
        add("auxiliary_eligible", _("Choose at least one eligible category."))
    if data.get("period") not in Period.values:
        add("period", _("Choose a period."))
    for field, label in (
        ("quota_per_period", _("Winners per period")),
        ("quota_per_unit", _("Nominations per unit")),
        ("min_judges", _("Minimum judges per nomination")),
    ):
        value = data.get(field)
        if value is None or not 1 <= value <= 100:
            add(field, _("%(field)s must be between 1 and 100.") % {"field": label})
    weight = data.get("vote_weight")
    if weight is None or not Decimal("0") <= weight <= MAX_VOTE_WEIGHT:
        add("vote_weight", _("The public vote weighs at most 30%."))
    days = data.get("notice_working_days")
    if days is None or not 1 <= days <= MAX_NOTICE_DAYS:
        add("notice_working_days", _("The public notice runs 1 to %(days)s working days.") % {"days": MAX_NOTICE_DAYS})
    if data.get("award_type") is None:
        add("award_type", _("Choose the honour for winners."))
    if not NOTICE_PHONE.fullmatch(data.get("notice_phone") or ""):
        add("notice_phone", _("Give the phone as digits, e.g. 0551-82321110, or leave it empty."))
    return problems


def _criteria_problems(criteria: list[dict]) -> list[str]:
    problems = []
    names = [(c.get("name") or "").strip() for c in criteria]
    if any(not name for name in names):
        problems.append(_("Every criterion needs a name."))
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        problems.append(_("Criteria names repeat: %(names)s.") % {"names": "、".join(duplicates)})
    for criterion in criteria:
        low, high = criterion.get("min_score"), criterion.get("max_score")
        if low is None or high is None or low < 0 or high <= low or high > 1000:
            problems.append(
                _("%(name)s: the highest score must be above the lowest (0–1000).") % {"name": criterion.get("name")}
            )
        weight = criterion.get("weight")
        if not criterion.get("informational") and (weight is None or not 0 < weight < 100):
            problems.append(
                _("%(name)s: a counted criterion needs a weight above 0 and below 100.")
                % {"name": criterion.get("name")}
            )
    if not any(not c.get("informational") for c in criteria):
        problems.append(_("At least one criterion must count towards the score."))
    return problems


def _criteria_changed(existing: dict[int, Criterion], criteria: list[dict]) -> bool:
    if {c.get("id") for c in criteria if c.get("id")} != set(existing) or any(not c.get("id") for c in criteria):
        return True
    return any(any(getattr(existing[c["id"]], field) != c.get(field) for field in CRITERION_FIELDS) for c in criteria)


@dataclass
class CheckedType:
    """A campaign type's settings and criteria as `check_campaign_type` accepted them, ready to save."""

    data: dict
    criteria: list[dict]
    existing: dict[int, Criterion] = dataclasses.field(default_factory=dict)


def check_campaign_type(*, campaign_type: CampaignType | None, data: dict, criteria: list[dict]) -> CheckedType:
    """Every reason the type or its criteria cannot be saved, at once (field errors on the type's fields, the
    criteria's under `__all__`); returns the normalised values when there is none."""
    data = {name: data.get(name) for name in TYPE_FIELDS}
    data["name"] = (data["name"] or "").strip()
    data["notice_phone"] = (data["notice_phone"] or "").strip()
    criteria = [{**c, "name": (c.get("name") or "").strip()} for c in criteria]
    existing = {c.pk: c for c in campaign_type.criteria.all()} if campaign_type is not None else {}
    problems = _type_problems(data)
    for name, messages in _authority_and_name_problems(campaign_type, data).items():
        problems.setdefault(name, []).extend(messages)
    criteria_problems = _criteria_problems(criteria) + _criteria_change_problems(campaign_type, existing, criteria)
    if criteria_problems:
        problems.setdefault("__all__", []).extend(criteria_problems)
    if problems:
        raise ValidationError(problems)
    return CheckedType(data=data, criteria=criteria, existing=existing)


def _authority_and_name_problems(campaign_type: CampaignType | None, data: dict) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if data["issuer"] is not None and data["award_type"] is not None:
        try:
            check_authority(data["issuer"], data["award_type"])
        except ValidationError as error:
            problems["issuer"] = list(error.messages)
    duplicate = CampaignType.objects.filter(name=data["name"])
    if campaign_type is not None:
        duplicate = duplicate.exclude(pk=campaign_type.pk)
    if data["name"] and duplicate.exists():
        problems["name"] = [_("A campaign type of this name exists.")]
    return problems


def _criteria_change_problems(
    campaign_type: CampaignType | None, existing: dict[int, Criterion], criteria: list[dict]
) -> list[str]:
    """Criteria of another type, or changed while a campaign of this type is judged, or removed with scores."""
    problems = []
    if any(c.get("id") and c["id"] not in existing for c in criteria):
        problems.append(_("A criterion belongs to another campaign type."))
    if campaign_type is None or not _criteria_changed(existing, criteria):
        return problems
    if campaign_type.campaigns.filter(phase__in=LOCKING_PHASES).exists():
        problems.append(_("The criteria cannot change while a campaign of this type is judged or decided."))
    removed = set(existing) - {c.get("id") for c in criteria}
    if removed and Score.objects.filter(criterion__in=removed).exists():
        problems.append(_("A criterion with scores cannot be removed; mark it informational instead."))
    return problems


def do_save_campaign_type(*, campaign_type: CampaignType | None, checked: CheckedType, by) -> CampaignType:
    """Write what `check_campaign_type` accepted, with one audit entry."""
    data, criteria = checked.data, checked.criteria
    creating = campaign_type is None
    if creating:
        campaign_type = CampaignType(code=_new_code(data["name"]), **data)
        campaign_type.save()
        before = {}
    else:
        before = {name: str(getattr(campaign_type, name)) for name in TYPE_FIELDS}
        for name, value in data.items():
            setattr(campaign_type, name, value)
        campaign_type.save(update_fields=list(TYPE_FIELDS))
    _save_criteria(campaign_type, checked.existing, criteria)
    log_action(
        campaign_type,
        "campaigns.type.create" if creating else "campaigns.type.update",
        by=by,
        data={
            "before": before,
            "after": {name: str(getattr(campaign_type, name)) for name in TYPE_FIELDS},
            "criteria": [{name: str(c.get(name)) for name in CRITERION_FIELDS} for c in criteria],
        },
    )
    return campaign_type


@transaction.atomic
def save_campaign_type(*, campaign_type: CampaignType | None = None, data: dict, criteria: list[dict], by):
    """Create (`campaign_type` None) or edit a type and its criteria (dicts of CRITERION_FIELDS, with `id` for an
    existing one; one left out is removed). Refused, with every reason, when the type or criteria are invalid, the
    issuer lacks the authority for the award, or the criteria would change while a campaign is judged or decided, or
    a removed criterion already has scores (its scores stay part of past dossiers)."""
    policy.require(by, "manage_types")
    checked = check_campaign_type(campaign_type=campaign_type, data=data, criteria=criteria)
    return do_save_campaign_type(campaign_type=campaign_type, checked=checked, by=by)


def _save_criteria(campaign_type: CampaignType, existing: dict[int, Criterion], criteria: list[dict]) -> None:
    kept = {c["id"] for c in criteria if c.get("id")}
    Criterion.objects.filter(pk__in=set(existing) - kept).delete()
    # Names are unique per type: park the kept ones under temporary names first, so two criteria may swap names.
    for pk in kept:
        Criterion.objects.filter(pk=pk).update(name=f"~{pk}")
    for order, row in enumerate(criteria):
        values = {field: row.get(field) for field in CRITERION_FIELDS}
        if values["informational"] and not values["weight"]:
            values["weight"] = Decimal("0")
        if row.get("id"):
            Criterion.objects.filter(pk=row["id"]).update(order=order, **values)
        else:
            Criterion.objects.create(campaign_type=campaign_type, order=order, **values)


def _new_code(name: str) -> str:
    base = slugify(pinyin_initials(name)) or "type"
    code, n = base, 1
    while CampaignType.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def set_notice_phone(*, campaign_type: CampaignType, phone: str, by) -> CampaignType:
    """The phone printed on the type's public notices (empty: none), for citizens' questions and objections."""
    policy.require(by, "manage_types")
    phone = (phone or "").strip()
    if not NOTICE_PHONE.fullmatch(phone):
        raise ValidationError({"notice_phone": _("Give the phone as digits, e.g. 0551-82321110, or leave it empty.")})
    campaign_type.notice_phone = phone
    campaign_type.save(update_fields=["notice_phone"])
    log_action(campaign_type, "campaigns.type.notice_phone", by=by, data={"notice_phone": phone})
    return campaign_type
