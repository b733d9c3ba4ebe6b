"""GET /api/people: the token reads as its owner — the owner's units only, ID numbers and phones masked unless the
owner's role reads them whole; a token without an owner reads nothing."""

import pytest

from qunying.accounts.enums import Role
from qunying.accounts.services import issue_api_token
from tests.factories import PersonFactory, valid_id_number


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(unit=tree["squad_a"], id_number=valid_id_number(sequence=101), phone="13855556666"),
        "b": PersonFactory(unit=tree["station_b"], id_number=valid_id_number(sequence=202), phone="13977778888"),
    }


def token_for(role_user, owner):
    _, plaintext = issue_api_token(name="人事系统", by=role_user(Role.SYS_ADMIN), owner=owner)
    return {"Authorization": f"Bearer {plaintext}"}


def test_people_are_those_of_the_owners_units_masked_as_for_the_owners_role(client, role_user, people):
    manager = role_user(Role.UNIT_MANAGER, "station_a")

    response = client.get("/api/people", headers=token_for(role_user, manager))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and [p["badge_number"] for p in body["items"]] == [people["a"].badge_number]
    row = body["items"][0]
    assert row["id_number"] == people["a"].id_number_masked != people["a"].id_number  # a manager sees it masked
    assert row["phone"] == "13855556666"  # and edits people, so reads their phone


def test_the_political_department_reads_id_numbers_whole_across_the_bureau(client, role_user, people):
    officer = role_user(Role.POLITICAL_OFFICER)

    body = client.get("/api/people", headers=token_for(role_user, officer)).json()

    assert {p["id_number"] for p in body["items"]} == {people["a"].id_number, people["b"].id_number}


def test_a_unit_outside_the_owners_units_is_404_and_leaks_nothing(client, role_user, people, tree):
    manager = role_user(Role.UNIT_MANAGER, "station_a")

    response = client.get(f"/api/people?unit={tree['station_b'].pk}", headers=token_for(role_user, manager))

    assert response.status_code == 404
    assert people["b"].badge_number not in response.content.decode()


def test_a_token_without_an_owner_reads_nothing(client, role_user, people):
    response = client.get("/api/people", headers=token_for(role_user, None))

    assert response.status_code == 403
    assert people["a"].badge_number not in response.content.decode()
