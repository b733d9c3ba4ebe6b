"""Read API for other systems: the people of the token owner's units, masked as for the owner's roles.

The bearer token is checked by accounts' authentication, set on this router where qunying.api mounts it (org lies
below accounts)."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from qunying.core.api import token_reader
from qunying.org.queries import people_visible_to, units_visible_to

router = Router(tags=["Read: people"])


class Denied(Schema):
    detail: str | list = Field(..., description="Why: a message, or the list of invalid parameters (422)")


class PersonOut(Schema):
    id: int
    badge_number: str
    name: str
    category: str
    unit_id: int
    unit: str
    post_type: str
    status: str
    id_number: str = Field(..., description="Masked (e.g. 3401**********7991) unless the owner's role reads it whole")
    phone: str = Field(..., description="Masked (138****6666) unless the owner's role reads it whole")


class PeopleFilter(Schema):
    unit: int | None = Field(None, ge=1, description="A unit's id: its whole subtree (within the owner's units)")


def person_out(person, owner) -> dict:
    return {
        "id": person.pk,
        "badge_number": person.badge_number,
        "name": person.name,
        "category": person.category,
        "unit_id": person.unit_id,
        "unit": person.unit.name,
        "post_type": person.post_type,
        "status": person.status,
        "id_number": person.id_number
        if owner.has_perm("org.view_person_id_number", person)
        else person.id_number_masked,
        "phone": person.phone if owner.has_perm("org.view_person_phone", person) else person.phone_masked,
    }


@router.get(
    "/people",
    response={200: list[PersonOut], 401: Denied, 403: Denied, 404: Denied, 422: Denied},
    summary="People of the token owner's units (ID numbers and phones masked as for the owner's role)",
)
@paginate(LimitOffsetPagination)
def list_people(request, filters: Query[PeopleFilter]):
    owner = token_reader(request)
    people = people_visible_to(owner).select_related("unit").order_by("unit__path", "badge_number")
    if filters.unit is not None:
        unit = get_object_or_404(units_visible_to(owner), pk=filters.unit)
        people = people.filter(unit__path__startswith=unit.path)
    return [person_out(person, owner) for person in people]
