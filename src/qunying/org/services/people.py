"""People writes: one check shared by the forms and the roster import, create and update with audited changes."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from qunying.core.images import clean_image
from qunying.core.services import log_action
from qunying.org.checks import check_person
from qunying.org.enums import Gender
from qunying.org.idcard import parse_id_number
from qunying.org.models import AuxiliaryTier, Person
from qunying.org.rules import policy

# Values never written into the audit log: a change is recorded as "changed" only.
SENSITIVE_FIELDS = {"id_number", "phone"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024


def _fill_from_id_number(person: Person) -> None:
    """Birth date and gender follow from a valid ID number when they were left empty."""
    if person.id_number:
        parsed = parse_id_number(person.id_number)
        person.birth_date = person.birth_date or parsed.birth_date
        person.gender = person.gender or (Gender.MALE if parsed.is_male else Gender.FEMALE)


def _audit_value(field: str, value):
    """What the audit log keeps of a value: never a sensitive one, related objects by key, files by name."""
    if field in SENSITIVE_FIELDS:
        return "***" if value else ""
    if field == "photo":
        return value.name if value else ""
    return getattr(value, "pk", value)


def _cleaned_photo(fields: dict) -> dict:
    """A new photo passes the core image service (real format, limits, no metadata) whichever door it came in by."""
    photo = fields.get("photo")
    if isinstance(photo, File) and not isinstance(photo, FieldFile):
        try:
            fields = {**fields, "photo": clean_image(photo, max_bytes=PHOTO_MAX_BYTES)}
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
    return fields


@transaction.atomic
def create_person(*, by, **fields) -> Person:
    person = Person(**_cleaned_photo(fields))
    policy.require(by, "add_person", person.unit)
    if person.user_id:
        policy.require(by, "link_person_account", person)
    if errors := check_person(person):
        raise ValidationError(errors)
    _fill_from_id_number(person)
    person.save()
    log_action(
        person,
        "org.person.created",
        by=by,
        data={field: _audit_value(field, getattr(person, field)) for field in ("badge_number", "name", "unit")},
    )
    return person


@transaction.atomic
def update_person(person: Person, *, by, **fields) -> Person:
    """Apply the changed fields; a change of unit is a transfer and is recorded as one."""
    policy.require(by, "change_person", person)
    if "user" in fields and fields["user"] != person.user:
        policy.require(by, "link_person_account", person)
    fields = _cleaned_photo(fields)
    before = {field: getattr(person, field) for field in fields}
    for field, value in fields.items():
        setattr(person, field, value)
    if "unit" in fields and person.unit != before["unit"]:
        policy.require(by, "add_person", person.unit)  # a transfer: the new unit must be the user's too
    if errors := check_person(person):
        raise ValidationError(errors)
    _fill_from_id_number(person)
    changed = [field for field in fields if getattr(person, field) != before[field]]
    if not changed:
        return person
    person.save(update_fields=[*{*changed, "birth_date", "gender"}])
    data = {
        field: [_audit_value(field, before[field]), _audit_value(field, getattr(person, field))] for field in changed
    }
    log_action(person, "org.person.updated", by=by, data=data)
    if "unit" in changed:
        log_action(person, "org.person.transferred", by=by, data={"from": before["unit"].pk, "to": person.unit.pk})
    if "photo" in changed and before["photo"]:
        # The replaced photo is personal data too: it leaves the disk once the change is committed.
        old_photo = before["photo"]
        transaction.on_commit(lambda: old_photo.storage.delete(old_photo.name))
    return person


@transaction.atomic
def create_aux_tier(*, name: str, level: int, description: str = "", by) -> AuxiliaryTier:
    policy.require(by, "manage_aux_tiers")
    if AuxiliaryTier.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": _("A tier with this name already exists.")})
    tier = AuxiliaryTier.objects.create(name=name.strip(), level=level, description=description)
    log_action(tier, "org.aux_tier.created", by=by, data={"name": tier.name, "level": level})
    return tier


@transaction.atomic
def update_aux_tier(tier: AuxiliaryTier, *, name: str, level: int, description: str, by) -> AuxiliaryTier:
    policy.require(by, "manage_aux_tiers")
    if AuxiliaryTier.objects.filter(name=name.strip()).exclude(pk=tier.pk).exists():
        raise ValidationError({"name": _("A tier with this name already exists.")})
    tier.name, tier.level, tier.description = name.strip(), level, description
    tier.save(update_fields=["name", "level", "description"])
    log_action(tier, "org.aux_tier.updated", by=by, data={"name": tier.name, "level": level})
    return tier
