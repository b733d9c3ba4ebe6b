"""Coverage at size: one path range per covered subtree (never one condition per unit: SQLite refused 1,635 of them
with "Expression tree is too large"), and a roll-up that follows the tree."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from qunying.accounts.enums import Role
from qunying.org.models import Unit
from qunying.org.services import create_unit
from qunying.reserve.enums import Tier
from qunying.reserve.queries import coverage
from tests.factories import PersonFactory
from tests.reserve.test_pages import _entry

STATIONS = 1100  # past SQLite's limit of 1,000 terms in one expression


def test_coverage_of_more_than_a_thousand_units_is_two_queries_with_one_subtree_condition(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    county = create_unit(name="某分局", kind="brigade", parent=tree["bureau"], by=None)
    stations = [
        create_unit(name=f"第{n}派出所", kind="police_station", parent=county, by=None) for n in range(STATIONS)
    ]
    _entry(PersonFactory(unit=stations[7]), Tier.RESERVE, officer)
    _entry(PersonFactory(unit=stations[900]), Tier.RESERVE, officer)

    with CaptureQueriesContext(connection) as queries:
        rows = coverage(Unit.objects.all())

    assert len(queries.captured_queries) == 2
    grouped = queries.captured_queries[1]["sql"]
    assert grouped.count('"org_unit"."path"') <= 3  # one range (>= and <) or LIKE for the one root, and the GROUP BY
    by_name = {row.unit.name: row for row in rows}
    assert by_name["某分局"].counts == {Tier.RESERVE: 2}
    assert by_name["测试市公安局"].counts[Tier.RESERVE] == 2
    assert by_name["第7派出所"].has_reserve and not by_name["第8派出所"].has_reserve
    assert len(rows) == Unit.objects.count()
