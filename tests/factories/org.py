"""Org factories: units created through the org service (so paths are real) and people."""

import factory
from factory.django import DjangoModelFactory

from qunying.org.enums import PersonCategory, PostType, UnitKind
from qunying.org.idcard import check_char
from qunying.org.models import Person, Unit
from qunying.org.services import create_unit


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.POLICE_STATION
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_unit(name=kwargs["name"], kind=kwargs["kind"], parent=kwargs["parent"], by=None)


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
