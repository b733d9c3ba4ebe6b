"""The rules a person record must satisfy: shared by the people services, the forms (through them) and the roster
import, which runs them row by row before anything is written."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from qunying.org.enums import Gender, PersonCategory
from qunying.org.idcard import parse_id_number
from qunying.org.models import Person


def check_person(person: Person, *, check_badge_in_db: bool = True) -> dict[str, list[str]]:
    """Every rule a person record must satisfy, as {field: [messages]}; normalises the ID number in place."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    person.name = (person.name or "").strip()
    person.badge_number = (person.badge_number or "").strip().upper()
    if not person.name:
        add("name", _("Please enter the name."))
    if not person.badge_number:
        add("badge_number", _("Please enter the badge number."))
    elif check_badge_in_db and Person.objects.filter(badge_number=person.badge_number).exclude(pk=person.pk).exists():
        message = _("Badge number %(badge)s already belongs to someone else.")
        add("badge_number", message % {"badge": person.badge_number})
    if person.category == PersonCategory.POLICE:
        if person.auxiliary_kind or person.aux_tier_id:
            add("category", _("A police officer has a police rank, not an auxiliary kind or tier."))
    elif person.category == PersonCategory.AUXILIARY:
        if person.police_rank:
            add("police_rank", _("Auxiliary police have a tier, not a police rank."))
        if not person.auxiliary_kind:
            add("auxiliary_kind", _("Please choose duty or civilian auxiliary."))
    if person.id_number:
        try:
            parsed = parse_id_number(person.id_number)
        except ValidationError as error:
            add("id_number", error.messages[0])
        else:
            person.id_number = parsed.value
            index = Person._meta.get_field("id_number_index").index_of(parsed.value)
            if check_badge_in_db and Person.objects.filter(id_number_index=index).exclude(pk=person.pk).exists():
                add("id_number", _("This ID number is already recorded for someone else."))
            if person.birth_date and person.birth_date != parsed.birth_date:
                add("birth_date", _("The birth date does not match the ID number."))
            if person.gender and (person.gender == Gender.MALE) != parsed.is_male:
                add("gender", _("The gender does not match the ID number."))
    if person.joined_police_on and person.joined_work_on and person.joined_police_on < person.joined_work_on:
        add("joined_police_on", _("Joining the police cannot be earlier than joining work."))
    if person.birth_date and person.joined_work_on and person.joined_work_on <= person.birth_date:
        add("joined_work_on", _("Joining work must come after the birth date."))
    return errors
