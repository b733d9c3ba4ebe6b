"""People: scope by URL, list and search; protected personal data; create, edit, transfer; photos."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.org.models import Person
from qunying.org.rules import PEOPLE_READERS
from tests.factories import PersonFactory, UserFactory, valid_id_number

ID_NUMBER = valid_id_number("19880512", 135)
PHONE = "13855556666"


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(
            name="杨磊成", badge_number="340101", unit=tree["station_a"], id_number=ID_NUMBER, phone=PHONE
        ),
        "squad": PersonFactory(name="周敏", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="吴乙所", badge_number="340201", unit=tree["station_b"]),
    }


def person_form(unit, **overrides):
    data = {
        "name": "陈新",
        "badge_number": "350001",
        "category": "police",
        "auxiliary_kind": "",
        "gender": "",
        "birth_date": "",
        "id_number": valid_id_number("19950101", 247),
        "phone": "139 0000 1111",
        "unit": unit.pk,
        "post_type": "community",
        "police_rank": "constable_1",
        "aux_tier": "",
        "joined_work_on": "2018-07-01",
        "joined_police_on": "2018-07-01",
        "status": "active",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_people_outside_the_scope_are_404_everywhere(client, people, role_user, role):
    client.force_login(role_user(role, "station_a"))
    other = people["b"]

    assert client.get(reverse("org:person_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("org:person_update", args=[other.pk])).status_code in {403, 404}
    assert client.get(reverse("org:person_photo", args=[other.pk])).status_code == 404
    listing = client.get(reverse("org:person_list")).content.decode()
    searched = client.get(reverse("org:person_list"), {"q": "吴乙所"}).content.decode()
    assert "杨磊成" in listing and "周敏" in listing
    assert "吴乙所" not in listing and "吴乙所</a>" not in searched


def test_a_member_sees_only_their_own_record(client, people, tree):
    member = UserFactory()
    people["a"].user = member
    people["a"].save(update_fields=["user"])
    client.force_login(member)

    assert client.get(reverse("org:person_detail", args=[people["a"].pk])).status_code == 200
    assert client.get(reverse("org:person_detail", args=[people["squad"].pk])).status_code == 404
    assert client.get(reverse("org:my_profile")).url == reverse("org:person_detail", args=[people["a"].pk])


@pytest.mark.parametrize(
    ("query", "expected"), [("ylc", "杨磊成"), ("YL", "杨磊成"), ("3401", "杨磊成"), ("周", "周敏")]
)
def test_search_by_pinyin_initials_badge_or_name(client, people, role_user, query, expected):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:person_list"), {"q": query})

    assert expected in [person.name for person in response.context["page"].object_list]


def test_search_by_full_id_number_uses_the_blind_index(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:person_list"), {"q": ID_NUMBER.lower()})

    assert [person.name for person in response.context["page"].object_list] == ["杨磊成"]


def test_list_filters_by_unit_subtree_and_sorts(client, people, role_user, tree):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:person_list"), {"unit": tree["station_a"].pk, "sort": "-badge"})

    assert [p.badge_number for p in response.context["page"].object_list] == ["340102", "340101"]


def test_list_survives_bad_filter_values(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:person_list"), {"unit": "abc", "category": "nope", "sort": "evil", "page": "x"})

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 3


@pytest.mark.parametrize("count", [1, 3])
def test_people_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    PersonFactory.create_batch(count, unit=tree["squad_a"], category="auxiliary", auxiliary_kind="duty", police_rank="")

    with django_assert_num_queries(11):
        response = client.get(reverse("org:person_list"))

    assert len(response.context["page"].object_list) == count


def test_unit_manager_sees_masked_id_number_and_full_phone(client, people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("org:person_detail", args=[people["a"].pk])).content.decode()

    assert "3401**********" + ID_NUMBER[-4:] in page
    assert ID_NUMBER not in page
    assert PHONE in page


@pytest.mark.parametrize("role", [Role.LEADER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER])
def test_other_readers_see_both_masked(client, people, role_user, role):
    client.force_login(role_user(role))

    page = client.get(reverse("org:person_detail", args=[people["a"].pk])).content.decode()

    assert ID_NUMBER not in page and PHONE not in page
    assert "138****6666" in page


def test_political_officer_sees_the_full_id_number(client, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("org:person_detail", args=[people["a"].pk])).content.decode()

    assert ID_NUMBER in page


def test_create_person_fills_birth_date_and_gender_and_keeps_secrets_out_of_the_audit_log(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)

    response = client.post(reverse("org:person_create"), person_form(tree["station_a"]))

    person = Person.objects.get(badge_number="350001")
    assert response.url == reverse("org:person_detail", args=[person.pk])
    assert (str(person.birth_date), person.gender, person.phone) == ("1995-01-01", "male", "13900001111")
    assert person.name_initials == "cx"
    entry = AuditEntry.objects.get(action="org.person.created", object_id=str(person.pk))
    assert entry.actor == officer
    assert person.id_number not in str(entry.data) and "13900001111" not in str(entry.data)


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"id_number": "340181199501012471"}, "校验码"),
        ({"badge_number": "340101"}, "340101"),
        ({"category": "auxiliary", "auxiliary_kind": ""}, "勤务辅警"),
        ({"joined_police_on": "2010-01-01"}, "入警"),
    ],
)
def test_create_person_refuses_bad_input_with_a_message_and_writes_nothing(
    client, tree, people, role_user, overrides, field_message
):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    before = Person.objects.count()

    response = client.post(reverse("org:person_create"), person_form(tree["station_a"], **overrides))

    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert Person.objects.count() == before


def test_unit_manager_cannot_place_a_person_in_another_station(client, tree, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(reverse("org:person_create"), person_form(tree["station_b"]))

    assert response.status_code == 200
    assert not Person.objects.filter(badge_number="350001").exists()


def test_transfer_is_audited_and_appears_on_the_timeline(client, tree, people, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    person = people["squad"]
    data = person_form(tree["station_b"], name=person.name, badge_number=person.badge_number, id_number="")

    response = client.post(reverse("org:person_update", args=[person.pk]), data)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit == tree["station_b"]
    assert AuditEntry.objects.filter(action="org.person.transferred", object_id=str(person.pk)).count() == 1
    page = client.get(reverse("org:person_detail", args=[person.pk])).content.decode()
    assert "甲所一中队 → 乙派出所" in page
    assert f"{person.name} 的人员信息已保存。" in page  # what happened, not a bare "saved"


def test_unit_manager_edit_form_omits_the_id_number(client, people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("org:person_update", args=[people["a"].pk])).content.decode()

    assert 'name="id_number"' not in page
    assert 'name="phone"' in page


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def test_photo_upload_checks_the_type_and_serves_only_in_scope(client, tree, people, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    person = people["a"]
    base = person_form(tree["station_a"], name=person.name, badge_number=person.badge_number, id_number=ID_NUMBER)
    base["birth_date"] = "1988-05-12"

    refused = client.post(
        reverse("org:person_update", args=[person.pk]),
        {**base, "photo": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")},
    )
    accepted = client.post(
        reverse("org:person_update", args=[person.pk]),
        {**base, "photo": SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")},
    )

    assert refused.status_code == 200
    assert accepted.status_code == 302
    person.refresh_from_db()
    assert person.photo.name.startswith("people/photos/")
    assert client.get(reverse("org:person_photo", args=[person.pk])).status_code == 200
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))
    assert client.get(reverse("org:person_photo", args=[person.pk])).status_code == 404


def test_id_number_and_phone_never_reach_the_logs(client, tree, role_user, caplog):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    data = person_form(tree["station_a"])

    with caplog.at_level("DEBUG"):
        client.post(reverse("org:person_create"), data)
        client.post(reverse("org:person_create"), {**data, "badge_number": "350002"})  # refused: ID already held
        client.get(reverse("org:person_list"), {"q": data["id_number"]})

    assert Person.objects.filter(badge_number="350001").exists()
    assert not Person.objects.filter(badge_number="350002").exists()
    assert data["id_number"] not in caplog.text
    assert "13900001111" not in caplog.text


def test_political_officer_links_a_record_to_a_login_and_it_becomes_my_record(client, people, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    account = UserFactory(username="zhoumin")
    person = people["squad"]
    data = person_form(tree["squad_a"], name=person.name, badge_number=person.badge_number, id_number="")

    response = client.post(reverse("org:person_update", args=[person.pk]), {**data, "user": account.pk})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user == account
    client.force_login(account)
    assert client.get(reverse("org:my_profile")).url == reverse("org:person_detail", args=[person.pk])


def test_unit_manager_cannot_link_a_login(client, people, tree, role_user):
    from django.core.exceptions import PermissionDenied

    from qunying.org.services import update_person

    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)

    page = client.get(reverse("org:person_update", args=[people["a"].pk])).content.decode()

    assert 'name="user"' not in page
    with pytest.raises(PermissionDenied):
        update_person(people["a"], by=manager, user=UserFactory())
