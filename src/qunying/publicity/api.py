"""Read API for other systems: the published honour board (公安群英榜) as JSON, within the token owner's units."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from qunying.accounts.api import api_token_auth, token_reader
from qunying.org.queries import units_visible_to
from qunying.publicity.board import board_people

router = Router(tags=["Read: honour board"])


class Denied(Schema):
    detail: str | list = Field(..., description="Why: a message, or the list of invalid parameters (422)")


class BoardHonour(Schema):
    award: str
    award_name: str
    issuer: str
    awarded_on: datetime.date


class BoardStory(Schema):
    id: int
    title: str


class BoardPerson(Schema):
    id: int
    name: str
    category: str
    unit: str
    honours: list[BoardHonour]
    stories: list[BoardStory]


class BoardFilter(Schema):
    year: int | None = Field(None, ge=1949, le=2100)
    unit: int | None = Field(None, ge=1, description="A unit's id: its subtree (within the owner's units)")
    award: str | None = Field(None, min_length=1, max_length=50, description="Award code")


@router.get(
    "/board",
    auth=api_token_auth,
    response={200: list[BoardPerson], 401: Denied, 403: Denied, 404: Denied, 422: Denied},
    summary="The published honour board: consenting, unclassified people in published stories, of the owner's units",
)
@paginate(LimitOffsetPagination)
def honour_board(request, filters: Query[BoardFilter]):
    owner = token_reader(request)
    units = units_visible_to(owner)
    unit = get_object_or_404(units, pk=filters.unit) if filters.unit else None
    people = board_people(year=filters.year, unit=unit, award_code=filters.award or "").filter(unit__in=units)
    return [
        {
            "id": person.pk,
            "name": person.name,
            "category": person.category,
            "unit": person.unit.name,
            "honours": [
                {
                    "award": honour.award_type.code,
                    "award_name": honour.award_type.name,
                    "issuer": honour.issuer.name,
                    "awarded_on": honour.awarded_on,
                }
                for honour in person.board_honours
            ],
            "stories": [{"id": featured.story_id, "title": featured.story.title} for featured in person.board_stories],
        }
        for person in people
    ]
