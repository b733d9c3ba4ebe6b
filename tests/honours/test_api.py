"""GET /api/honours and /api/figures: the token owner's units only, with the year, unit and award filters."""

import datetime

import pytest

from qunying.accounts.enums import Role
from qunying.accounts.services import issue_api_token
from tests.factories import HonourFactory, PersonFactory


@pytest.fixture
def honours(tree):
    a = PersonFactory(unit=tree["squad_a"])
    b = PersonFactory(unit=tree["station_b"])
    return {
        "a2022": HonourFactory(person=a, awarded_on=datetime.date(2022, 5, 1)),
        "a2023": HonourFactory(person=a, awarded_on=datetime.date(2023, 5, 1)),
        "b2022": HonourFactory(person=b, awarded_on=datetime.date(2022, 6, 1)),
    }


def headers(role_user, owner):
    _, plaintext = issue_api_token(name="宣传系统", by=role_user(Role.SYS_ADMIN), owner=owner)
    return {"Authorization": f"Bearer {plaintext}"}


def test_honours_are_those_of_the_owners_units_filtered_by_year_and_award(client, role_user, honours):
    auth = headers(role_user, role_user(Role.UNIT_MANAGER, "station_a"))

    everything = client.get("/api/honours", headers=auth).json()
    in_2022 = client.get("/api/honours?year=2022&award=commendation", headers=auth).json()
    other_award = client.get("/api/honours?year=2022&award=merit_class_3", headers=auth).json()

    assert {h["id"] for h in everything["items"]} == {honours["a2022"].pk, honours["a2023"].pk}
    assert [h["id"] for h in in_2022["items"]] == [honours["a2022"].pk]
    assert other_award["items"] == []


def test_another_units_honours_do_not_leak_through_a_unit_filter(client, role_user, honours, tree):
    auth = headers(role_user, role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(f"/api/honours?unit={tree['station_b'].pk}", headers=auth)

    assert response.status_code == 404
    assert honours["b2022"].document_number not in response.content.decode()


def test_the_yearly_figures_count_the_owners_people(client, role_user, honours):
    bureau = client.get("/api/figures?year=2022", headers=headers(role_user, role_user(Role.LEADER))).json()
    station = client.get(
        "/api/figures?year=2022", headers=headers(role_user, role_user(Role.UNIT_MANAGER, "station_a"))
    ).json()

    assert [(row["award"], row["people"]) for row in bureau] == [("commendation", 1)] * len(bureau)
    assert sum(row["people"] for row in bureau) == 2
    assert sum(row["people"] for row in station) == 1


def test_without_a_token_401_and_without_an_owner_403(client, role_user, honours):
    assert client.get("/api/honours").status_code == 401
    assert client.get("/api/figures?year=2022", headers=headers(role_user, None)).status_code == 403
