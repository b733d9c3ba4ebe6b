"""Test factories (factory-boy, Faker zh_CN). Units are created through the org service so paths are real."""

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from qunying.accounts.models import RoleAssignment, User
from qunying.org.enums import PersonCategory, PostType, UnitKind
from qunying.org.idcard import check_char
from qunying.org.models import Person, Unit
from qunying.org.services import create_unit

factory.Faker._DEFAULT_LOCALE = "zh_CN"

PASSWORD = "Test@Pass2026"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.POLICE_STATION
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_unit(name=kwargs["name"], kind=kwargs["kind"], parent=kwargs["parent"], by=None)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "political_officer"


def user_with_role(role: str, unit: Unit, **kwargs) -> User:
    assignment = RoleAssignmentFactory(role=role, unit=unit, user=UserFactory(**kwargs))
    return assignment.user


def valid_id_number(birth: str = "19900307", sequence: int = 123) -> str:
    """A checksum-valid ID number (odd sequence: male)."""
    first17 = f"340181{birth}{sequence:03d}"
    return first17 + check_char(first17)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    category = PersonCategory.POLICE
    badge_number = factory.Sequence(lambda n: f"{100000 + n}")
    name = factory.Faker("name")
    gender = "male"
    unit = factory.SubFactory(UnitFactory)
    post_type = PostType.COMMUNITY
    police_rank = "inspector_2"


# --- honours ----------------------------------------------------------------------------------------------------------


class IssuerFactory(DjangoModelFactory):
    """An issuer created through the honours service (the award catalogue itself is seeded by migration)."""

    class Meta:
        model = "honours.Issuer"

    name = factory.Sequence(lambda n: f"测试颁授机关{n}")
    short_name = ""
    level = "county"
    kind = "police"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from qunying.honours.services import create_issuer

        return create_issuer(by=None, **kwargs)


class HonourFactory(DjangoModelFactory):
    """An honour recorded through the service, so authority and the once-per-deed rule apply as in the app.
    Pass `award_type` as a code ("commendation") or an AwardType."""

    class Meta:
        model = "honours.Honour"

    person = factory.SubFactory(PersonFactory)
    unit = None
    award_type = "commendation"
    issuer = factory.SubFactory(IssuerFactory)
    awarded_on = factory.Faker("past_date")
    reason = "疫情防控卡点执勤表现突出"
    document_number = factory.Sequence(lambda n: f"巢公政〔2022〕{n + 1}号")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from qunying.honours.models import AwardType
        from qunying.honours.services import record_honour

        if isinstance(kwargs["award_type"], str):
            kwargs["award_type"] = AwardType.objects.get(code=kwargs["award_type"])
        return record_honour(by=kwargs.pop("by", None), **kwargs)
