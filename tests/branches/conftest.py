"""Branch test helpers: party members in the test tree, branches, and the records the computed criteria count."""

import datetime
import itertools
from decimal import Decimal

import pytest

from qunying.branches import services
from qunying.branches.enums import CriterionArea, CriterionKind
from qunying.branches.models import SchemeCriterion
from tests.factories import PersonFactory

YEAR = 2022
_titles = itertools.count(1)


def party_member(unit, **fields):
    return PersonFactory(unit=unit, party_member=True, **fields)


def make_branch(unit, *, units=None, secretary=None, members=(), name=None):
    secretary = secretary or party_member(unit)
    return services.create_branch(
        name=name or f"{unit.name}党支部",
        unit=unit,
        units=units or [unit],
        secretary=secretary,
        members=list(members),
        founded_on=datetime.date(2010, 7, 1),
        by=None,
    )


def make_deed(people, *, date=datetime.date(YEAR, 6, 1), status="verified"):
    from qunying.deeds.models import Deed, DeedPerson

    deed = Deed.objects.create(
        title=f"事迹{next(_titles)}", date=date, narrative="……", status=status, unit=people[0].unit
    )
    for position, person in enumerate(people):
        DeedPerson.objects.create(deed=deed, person=person, position=position)
    return deed


def make_honour(*, person=None, unit=None, code="commendation", date=datetime.date(YEAR, 9, 1), revoked=False):
    from qunying.honours.models import AwardType, Honour, Issuer

    issuer, _ = Issuer.objects.get_or_create(name="测试市公安局", defaults={"level": "county", "kind": "police"})
    return Honour.objects.create(
        person=person,
        unit=unit,
        award_type=AwardType.objects.get(code=code),
        issuer=issuer,
        awarded_on=date,
        reason="……",
        status="revoked" if revoked else "active",
        revoked_on=date + datetime.timedelta(days=30) if revoked else None,
    )


def make_scheme(year=YEAR, *, computed=(), entered=(("组织建设", 20),), thresholds=(8, 16, 24, 32, 40)):
    """A small scheme: entered criteria as (name, max), computed ones as (key, max, per record, parameter)."""
    scheme = services.create_scheme(
        year=year,
        name=f"测试方案{next(_titles)}",
        thresholds=[Decimal(value) for value in thresholds],
        by=None,
    )
    for order, (name, points) in enumerate(entered):
        services.add_criterion(
            scheme,
            area=CriterionArea.ORGANISATION,
            name=name,
            max_points=Decimal(points),
            kind=CriterionKind.ENTERED,
            sort_order=order,
            by=None,
        )
    for order, (key, points, per_record, parameter) in enumerate(computed, start=100):
        services.add_criterion(
            scheme,
            area=CriterionArea.EXEMPLAR_WORK,
            name=key,
            max_points=Decimal(points),
            kind=CriterionKind.COMPUTED,
            registry_key=key,
            points_per_record=Decimal(per_record) if per_record is not None else None,
            parameter=parameter,
            sort_order=order,
            by=None,
        )
    return scheme


def opened_round(scheme, unit):
    rating_round = services.create_round(scheme=scheme, unit=unit, by=None)
    return services.open_round(rating_round, by=None)


def criterion(scheme, key) -> SchemeCriterion:
    return scheme.criteria.get(registry_key=key)


@pytest.fixture
def tasks_immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def make_replies(person, count, *, year=YEAR, counted=True, rating="satisfied"):
    """`count` SMS replies about interactions `person` handled, received in `year`."""
    from django.utils import timezone

    from qunying.feedback import summaries
    from qunying.feedback.models import InteractionOfficer, ServiceInteraction, Survey, SurveyReply

    for _ in range(count):
        number = next(_titles)
        when = timezone.make_aware(datetime.datetime(year, 5, 1, 10, 0))  # noqa: DTZ001
        interaction = ServiceInteraction.objects.create(
            incident_number=f"J{number:08d}", kind="alarm_110", occurred_at=when, unit=person.unit, source="demo"
        )
        InteractionOfficer.objects.create(interaction=interaction, person=person)
        survey = Survey.objects.create(interaction=interaction, decision="sampled", status="replied")
        SurveyReply.objects.create(
            message_id=f"m{number}",
            survey=survey,
            phone_index="x",
            text="1",
            received_at=when,
            status="parsed",
            rating=rating,
            counted=counted,
        )
    summaries.rebuild()  # written past the services: the rating summaries are rebuilt, as after any bulk load
