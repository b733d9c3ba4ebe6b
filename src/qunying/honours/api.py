"""Read API for other systems: honours of the token owner's units (by year, unit, award) and the yearly figures."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from qunying.accounts.api import api_token_auth, token_reader
from qunying.honours.models import AwardType
from qunying.honours.queries import filter_honours, honour_figures, honours_visible_to, units_for_honour_lists

router = Router(tags=["Read: honours"])


class Denied(Schema):
    detail: str | list = Field(..., description="Why: a message, or the list of invalid parameters (422)")


class HonourOut(Schema):
    id: int
    person_id: int | None
    person: str = Field(..., description="The person's name; empty for a collective honour")
    badge_number: str
    unit_id: int = Field(..., description="The collective's unit, or the person's")
    unit: str
    award: str = Field(..., description="Award code")
    award_name: str
    issuer: str
    awarded_on: datetime.date
    document_number: str
    status: str


class HonourFilter(Schema):
    year: int | None = Field(None, ge=1949, le=2100)
    unit: int | None = Field(None, ge=1, description="A unit's id: honours of its subtree")
    award: str | None = Field(None, min_length=1, max_length=50, description="Award code, e.g. third_class_merit")


class FigureOut(Schema):
    issuer: str
    issuer_level: str
    award: str
    award_name: str
    people: int


class FigureFilter(Schema):
    year: int = Field(..., ge=1949, le=2100)
    unit: int | None = Field(None, ge=1, description="A unit's id: people of its subtree")


@router.get(
    "/honours",
    auth=api_token_auth,
    response={200: list[HonourOut], 401: Denied, 403: Denied, 404: Denied, 422: Denied},
    summary="Honours of the token owner's units, by year, unit and award",
)
@paginate(LimitOffsetPagination)
def list_honours(request, filters: Query[HonourFilter]):
    owner = token_reader(request)
    unit = get_object_or_404(units_for_honour_lists(owner), pk=filters.unit) if filters.unit else None
    award = get_object_or_404(AwardType, code=filters.award) if filters.award else None
    honours = filter_honours(honours_visible_to(owner), unit=unit, year=filters.year, award_type=award)
    return [
        {
            "id": honour.pk,
            "person_id": honour.person_id,
            "person": honour.person.name if honour.person else "",
            "badge_number": honour.person.badge_number if honour.person else "",
            "unit_id": honour.unit_id or honour.person.unit_id,
            "unit": (honour.unit or honour.person.unit).name,
            "award": honour.award_type.code,
            "award_name": honour.award_type.name,
            "issuer": honour.issuer.name,
            "awarded_on": honour.awarded_on,
            "document_number": honour.document_number,
            "status": honour.status,
        }
        for honour in honours
    ]


@router.get(
    "/figures",
    auth=api_token_auth,
    response={200: list[FigureOut], 401: Denied, 403: Denied, 404: Denied, 422: Denied},
    summary="The year's figures: people of the owner's units honoured, per award and issuer (honours in force)",
)
def yearly_figures(request, filters: Query[FigureFilter]):
    owner = token_reader(request)
    units = units_for_honour_lists(owner)
    if filters.unit:
        unit = get_object_or_404(units, pk=filters.unit)
        units = units.filter(path__startswith=unit.path)
    return [
        {
            "issuer": row.issuer.name,
            "issuer_level": row.issuer.level,
            "award": row.award_type.code,
            "award_name": row.award_type.name,
            "people": row.people,
        }
        for row in honour_figures(units, filters.year)
    ]
