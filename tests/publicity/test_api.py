"""GET /api/board: the published honour board as JSON, within the token owner's units only."""

import datetime

from qunying.accounts.enums import Role
from qunying.accounts.services import issue_api_token
from tests.factories import HonourFactory, PersonFactory
from tests.publicity.test_honour_board import published_story


def test_the_board_lists_published_consenting_people_of_the_owners_units_only(client, role_user, tree):
    ours = PersonFactory(name="陈志远", unit=tree["station_a"])
    theirs = PersonFactory(name="李卫国", unit=tree["station_b"])
    unpublished = PersonFactory(name="王海", unit=tree["station_a"])
    for person in (ours, theirs):
        HonourFactory(person=person, award_type="commendation", awarded_on=datetime.date(2023, 5, 1))
    published_story([ours], tree["station_a"])
    published_story([theirs], tree["station_b"], title="乙所卫士")
    published_story([unpublished], tree["station_a"], consent=False, title="未发布")
    _, plaintext = issue_api_token(
        name="门户网站", by=role_user(Role.SYS_ADMIN), owner=role_user(Role.UNIT_MANAGER, "station_a")
    )

    response = client.get("/api/board?year=2023", headers={"Authorization": f"Bearer {plaintext}"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [person["name"] for person in items] == ["陈志远"]
    assert items[0]["honours"][0]["award"] == "commendation" and items[0]["stories"][0]["title"] == "城关卫士"
    assert "李卫国" not in response.content.decode() and ours.badge_number not in response.content.decode()
