"""Encrypted fields: no plaintext in the database, key rotation keeps old rows readable, blind-index lookups."""

import pytest
from django.core.management import call_command
from django.db import connection

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.org.models import Person
from tests.factories import PersonFactory, valid_id_number

ID_NUMBER = valid_id_number("19851120", 457)
PHONE = "13912345678"


def raw_row(person):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, id_number_index FROM org_person WHERE id = %s", [person.pk])
        return cursor.fetchone()


@pytest.fixture
def person(db):
    return PersonFactory(id_number=ID_NUMBER, phone=PHONE)


def test_the_raw_row_holds_no_plaintext(person):
    id_number, phone, index = raw_row(person)

    assert ID_NUMBER not in id_number and ID_NUMBER[-8:] not in id_number
    assert PHONE not in phone
    assert ID_NUMBER not in index
    assert Person.objects.get(pk=person.pk).id_number == ID_NUMBER


def test_equal_plaintexts_encrypt_differently(db):
    first, second = PersonFactory(phone=PHONE), PersonFactory(phone=PHONE)

    assert raw_row(first)[1] != raw_row(second)[1]


def test_lookup_by_blind_index_finds_the_person(person):
    found = Person.objects.get(id_number_index=blind_index(ID_NUMBER.lower(), normalise=normalise_upper))

    assert found == person


def test_blind_index_follows_an_update_with_update_fields(person):
    new_number = valid_id_number("19851120", 459)
    person.id_number = new_number
    person.save(update_fields=["id_number"])

    assert Person.objects.filter(id_number_index=blind_index(new_number, normalise=normalise_upper)).get() == person
    assert not Person.objects.filter(id_number_index=blind_index(ID_NUMBER, normalise=normalise_upper)).exists()


def test_rotation_reads_old_rows_and_reencrypts_with_the_new_key(person, settings):
    old_keys = settings.QUNYING_FIELD_KEYS
    old_id = old_keys.split(",")[0].split(":")[0]
    settings.QUNYING_FIELD_KEYS = f"rotated:{'n' * 40},{old_keys}"

    assert Person.objects.get(pk=person.pk).id_number == ID_NUMBER
    assert raw_row(person)[0].startswith(f"{old_id}:")

    call_command("reencrypt", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert raw_row(person)[0].startswith("rotated:")
    settings.QUNYING_FIELD_KEYS = f"rotated:{'n' * 40}"
    reloaded = Person.objects.get(pk=person.pk)
    assert (reloaded.id_number, reloaded.phone) == (ID_NUMBER, PHONE)


def test_exact_lookups_on_ciphertext_are_refused(person):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        Person.objects.filter(id_number=ID_NUMBER).exists()
