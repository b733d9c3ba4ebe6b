"""Honour ladders by category (issue 18 rule 1): the police series goes to 民警, the auxiliary series to 辅警, named
titles to whom they declare — through the service and through the page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.honours import services
from qunying.honours.models import Honour
from qunying.org.enums import PersonCategory
from tests.factories import PersonFactory

JUNE = datetime.date(2022, 6, 10)


@pytest.fixture
def auxiliary(people):
    return PersonFactory(name="任佳", unit=people["a"].unit, category=PersonCategory.AUXILIARY)


def record(person, award, issuer):
    return services.record_honour(
        person=person, award_type=award, issuer=issuer, awarded_on=JUNE, reason="表现突出", by=None
    )


def test_a_police_award_to_an_auxiliary_is_refused_naming_category_and_award(auxiliary, awards, issuers):
    with pytest.raises(ValidationError) as refusal:
        record(auxiliary, awards["commendation"], issuers["county_police"])

    assert refusal.value.message_dict["award_type"] == ["「嘉奖」仅授予民警，任佳是辅警。"]
    assert not Honour.objects.exists()


@pytest.mark.parametrize(
    ("code", "category", "allowed"),
    [
        ("aux_commendation", PersonCategory.POLICE, False),
        ("aux_commendation", PersonCategory.AUXILIARY, True),
        ("aux_star", PersonCategory.POLICE, False),
        ("most_beautiful_police", PersonCategory.AUXILIARY, False),
        ("most_beautiful_police", PersonCategory.POLICE, True),
        ("chaohu_good_person", PersonCategory.AUXILIARY, True),
        ("chaohu_good_person", PersonCategory.POLICE, True),
    ],
)
def test_awards_go_only_to_their_declared_category(people, awards, issuers, code, category, allowed):
    person = PersonFactory(unit=people["a"].unit, category=category)
    issuer = issuers["county_civic"] if code == "chaohu_good_person" else issuers["county_police"]
    if allowed:
        assert record(person, awards[code], issuer).pk
    else:
        with pytest.raises(ValidationError):
            record(person, awards[code], issuer)
        assert not Honour.objects.exists()


def test_the_page_offers_an_auxiliary_only_the_awards_of_auxiliaries(client, auxiliary, awards, issuers, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    url = f"{reverse('honours:honour_create')}?person={auxiliary.pk}"

    page = client.get(url)
    refused = client.post(
        url,
        {
            "award_type": awards["commendation"].pk,
            "issuer": issuers["county_police"].pk,
            "awarded_on": "2022-06-10",
            "reason": "表现突出",
        },
    )

    offered = set(page.context["form"].fields["award_type"].queryset.values_list("code", flat=True))
    assert "aux_commendation" in offered and "aux_star" in offered
    assert not offered & {"commendation", "merit_class_3", "most_beautiful_police"}
    assert refused.status_code == 200 and "award_type" in refused.context["form"].errors
    assert not Honour.objects.exists()
