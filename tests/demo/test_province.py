"""`qunying generate-province` at a tiny size: the tree and the counts asked for, valid ID numbers, the chained audit
log intact, a second run with the same seed adding nothing, and a station manager seeing only their station."""

import io

import pytest
from django.core.management import call_command

from qunying.accounts.models import User
from qunying.core.queries import verify_audit_chain
from qunying.deeds.models import Deed
from qunying.demo import province
from qunying.feedback.models import ServiceInteraction, SurveyReply
from qunying.honours.models import Honour
from qunying.org.idcard import parse_id_number
from qunying.org.models import Person, Unit
from qunying.org.queries import people_visible_to

PEOPLE = 300
PER_OFFICER = 4


def counts() -> dict:
    return {
        model.__name__: model.objects.count() for model in (Unit, Person, Deed, Honour, ServiceInteraction, SurveyReply)
    }


@pytest.mark.django_db
def test_generate_province_builds_the_tree_and_counts_and_is_idempotent():
    out = io.StringIO()
    call_command("generate-province", people=PEOPLE, ratings_per_officer=PER_OFFICER, stdout=out)

    root = Unit.objects.get(name="江淮省公安厅", parent=None)
    cities, counties, stations = province.org.tree_shape(PEOPLE)
    assert Unit.objects.filter(depth=1, path__startswith=root.path).count() == cities
    assert Unit.objects.filter(depth=2, path__startswith=root.path).count() == counties
    assert Unit.objects.filter(depth=3, kind="police_station", path__startswith=root.path).count() == stations
    people = Person.objects.filter(unit__path__startswith=root.path)
    assert people.count() == PEOPLE
    for person in people:
        assert parse_id_number(person.id_number).birth_date == person.birth_date
    # About ten deeds and one honour a person; K replies per officer (the sampling draws a few more or fewer).
    assert 8 * PEOPLE <= Deed.objects.filter(unit__path__startswith=root.path).count() <= 12 * PEOPLE
    assert 0.6 * PEOPLE <= Honour.objects.count() <= 1.4 * PEOPLE
    assert 0.9 * PEOPLE * PER_OFFICER <= SurveyReply.objects.count() <= 1.1 * PEOPLE * PER_OFFICER
    assert verify_audit_chain().ok
    assert "sheng-zhengzhi" in out.getvalue() and province.org.PASSWORD in out.getvalue()

    before = counts()
    again = io.StringIO()
    call_command("generate-province", people=PEOPLE, ratings_per_officer=PER_OFFICER, stdout=again)
    assert counts() == before
    assert "已存在" in again.getvalue()

    manager = User.objects.get(username="sheng-suozhang")
    station = manager.role_assignments.get().unit
    visible = people_visible_to(manager)
    assert visible.count() == Person.objects.filter(unit=station).count() > 0
    assert set(visible.values_list("unit_id", flat=True)) == {station.pk}
    officer = User.objects.get(username="sheng-zhengzhi")
    assert people_visible_to(officer).filter(unit__path__startswith=root.path).count() == PEOPLE
