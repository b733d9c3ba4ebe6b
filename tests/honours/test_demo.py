"""The demo reproduces Chaohu's published 2022 figures and the honours the issue names, and loads only once."""

import io

from django.core.management import call_command

from qunying.deeds.models import RosterEntry
from qunying.demo.deeds import EPIDEMIC_EVENT, demo_traffic_auxiliary, demo_veteran
from qunying.demo.honours import CITY_BUREAU, COUNTY_BUREAU, PARTY_AND_EPIDEMIC_OFFICE
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.honours.queries import honour_figures
from qunying.org.models import Unit


def test_the_demo_yields_4_8_8_commendations_for_2022(demo):
    rows = honour_figures(Unit.objects.all(), 2022)

    commendations = {row.issuer.name: row.people for row in rows if row.award_type.code == "commendation"}
    assert commendations == {CITY_BUREAU: 4, PARTY_AND_EPIDEMIC_OFFICE: 8, COUNTY_BUREAU: 8}
    assert [row.issuer.cited_name for row in rows if row.award_type.code == "commendation"] == [
        "合肥市局",
        "巢湖市委组织部、疫情防控办公室",
        "巢湖市局",
    ]


def test_the_demo_records_the_named_honours_and_loads_once(demo):
    roster = set(RosterEntry.objects.filter(event__name=EPIDEMIC_EVENT).values_list("person", flat=True))
    praised = Honour.objects.filter(award_type__code="public_praise", person__in=roster)
    commended = Honour.objects.filter(award_type__code="commendation", person__in=roster, awarded_on__year=2022)
    veteran = demo_veteran()
    veteran_titles = Honour.objects.filter(person=veteran).values_list("award_type__name", "reason", "awarded_on")
    auxiliary_awards = set(
        Honour.objects.filter(person=demo_traffic_auxiliary()).values_list("award_type__name", flat=True)
    )
    revoked = Honour.objects.get(status=HonourStatus.REVOKED)

    assert len(roster) == 20 and praised.count() == 20
    assert commended.count() == 20 and all(h.deeds.filter(event__name=EPIDEMIC_EVENT).exists() for h in commended)
    # 最美爱民模范 in December 2022, before his report meeting and his 典型 (the reserve demo): 33 years' service then.
    assert [(name, "从警33年" in why, on.year) for name, why, on in veteran_titles] == [("最美爱民模范", True, 2022)]
    assert veteran.joined_police_on.year == 1989
    assert auxiliary_awards == {"辅警之星", "记功（辅警）", "巢湖好人"}
    assert revoked.revocation_ground and revoked.revocation_document_number and revoked.revocation_approved_by
    assert Honour.objects.filter(unit__isnull=False).exists()

    before = Honour.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Honour.objects.count() == before
