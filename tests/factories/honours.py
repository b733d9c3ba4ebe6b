"""Honours factories: issuers and honours recorded through the honours services (the award catalogue is seeded by
migration)."""

import factory
from factory.django import DjangoModelFactory

from qunying.honours.enums import ApprovalBasis
from qunying.honours.models import AwardType, Honour, Issuer
from qunying.honours.services import create_issuer, record_honour
from tests.factories.org import PersonFactory


class IssuerFactory(DjangoModelFactory):
    """An issuer created through the honours service."""

    class Meta:
        model = Issuer

    name = factory.Sequence(lambda n: f"测试颁授机关{n}")
    short_name = ""
    level = "county"
    kind = "police"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_issuer(by=None, **kwargs)


class HonourFactory(DjangoModelFactory):
    """An honour recorded through the service, so authority and the once-per-deed rule apply as in the app.
    Pass `award_type` as a code ("commendation") or an AwardType."""

    class Meta:
        model = Honour

    person = factory.SubFactory(PersonFactory)
    unit = None
    award_type = "commendation"
    issuer = factory.SubFactory(IssuerFactory)
    awarded_on = factory.Faker("past_date")
    reason = "疫情防控卡点执勤表现突出"
    document_number = factory.Sequence(lambda n: f"巢公政〔2022〕{n + 1}号")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs["award_type"], str):
            kwargs["award_type"] = AwardType.objects.get(code=kwargs["award_type"])
        # An honour on record, in force (pass approval=ApprovalBasis.REVIEW for one awaiting a second officer).
        kwargs.setdefault("approval", ApprovalBasis.REGISTER)
        return record_honour(by=kwargs.pop("by", None), **kwargs)
