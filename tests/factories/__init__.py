"""Test factories (factory-boy, Faker zh_CN). Units are created through the org service so paths are real."""

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from qunying.accounts.models import RoleAssignment, User
from qunying.org.enums import UnitKind
from qunying.org.models import Unit
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
