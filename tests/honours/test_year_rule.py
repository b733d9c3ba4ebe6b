"""The 条令's year rule (issue 18 rule 2): a same-or-lower award to the same person within a year, for another deed, is
warned about naming the earlier award (the same deed is refused without a reason: see test_record)."""

import datetime

from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.honours import services
from qunying.honours.models import Honour
from tests.honours.conftest import verified_deed


def record(person, award, issuer, *, awarded_on, **kwargs):
    return services.record_honour(
        person=person, award_type=award, issuer=issuer, awarded_on=awarded_on, reason="表现突出", by=None, **kwargs
    )


def test_a_same_or_lower_award_within_a_year_names_the_earlier_one(people, awards, issuers):
    earlier = record(people["a"], awards["commendation"], issuers["city_police"], awarded_on=datetime.date(2022, 3, 1))
    lower = record(people["a"], awards["public_praise"], issuers["county_police"], awarded_on=datetime.date(2022, 9, 1))
    later = record(people["a"], awards["commendation"], issuers["county_police"], awarded_on=datetime.date(2023, 4, 1))
    higher = record(people["a"], awards["merit_class_3"], issuers["city_police"], awarded_on=datetime.date(2022, 10, 1))

    assert list(services.earlier_awards_within_a_year(lower)) == [earlier]
    assert list(services.earlier_awards_within_a_year(later)) == [higher]
    assert list(services.earlier_awards_within_a_year(higher)) == []


def test_the_form_names_an_earlier_award_within_a_year_before_recording(client, people, awards, issuers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    record(people["a"], awards["commendation"], issuers["city_police"], awarded_on=datetime.date(2022, 3, 1))
    deed = verified_deed(people["a"], date=datetime.date(2022, 8, 1))
    url = f"{reverse('honours:honour_create')}?person={people['a'].pk}"
    form = {
        "award_type": awards["commendation"].pk,
        "issuer": issuers["county_police"].pk,
        "awarded_on": "2022-09-01",
        "reason": "抗洪抢险表现突出",
        "deeds": [deed.pk],
    }

    warned = client.post(url, form)
    assert Honour.objects.count() == 1
    page = warned.content.decode()
    assert "杨磊成一年内已获「嘉奖」（2022-03-01，上级市公安局）" in page
    assert 'name="confirm_earlier"' in page

    confirmed = client.post(url, {**form, "confirm_earlier": "1"})

    assert Honour.objects.count() == 2
    assert confirmed.status_code == 302
