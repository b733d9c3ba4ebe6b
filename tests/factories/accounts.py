"""Accounts factories: users (one known password) and role assignments."""

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from qunying.accounts.models import RoleAssignment, User
from qunying.org.models import Unit
from tests.factories.org import UnitFactory

PASSWORD = "Test@Pass2026"


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
