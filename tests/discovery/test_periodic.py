"""The discovery run on a schedule: registered as a daily periodic task that runs the engine for the current year."""

import datetime

from django.utils import timezone

from qunying.core import periodic
from qunying.discovery.models import DiscoveryRun, Suggestion
from qunying.discovery.tasks import run_discovery_daily
from tests.discovery.conftest import make_deed, make_honour
from tests.factories import PersonFactory


def test_the_daily_discovery_run_is_registered():
    entries = {entry.name: entry for entry in periodic.discover()}
    entry = entries["qunying.discovery.tasks.run_discovery_daily"]
    assert entry.every == datetime.timedelta(days=1)


def test_the_daily_run_computes_the_current_year_and_decides_nothing(tree):
    run_id = run_discovery_daily.call()

    run = DiscoveryRun.objects.get(pk=run_id)
    assert run.year == timezone.localdate().year and run.started_by is None


def test_the_scheduled_run_creates_suggestions_like_the_button(tree):
    this_year = timezone.localdate().year
    strong = PersonFactory(unit=tree["squad_a"])
    PersonFactory(unit=tree["squad_a"])  # a peer with nothing recorded
    make_deed(strong, hazard="high", date=datetime.date(this_year, 1, 2))
    make_honour(strong, date=datetime.date(this_year, 1, 3))

    run_discovery_daily.call()

    assert list(Suggestion.objects.values_list("person_id", "status")) == [(strong.pk, "open")]
