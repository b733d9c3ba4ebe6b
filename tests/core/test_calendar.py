"""Working-day calendar: State Council holidays, make-up workdays and local overrides."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qunying.core.calendar import is_packaged_year, is_working_day, nth_working_day
from qunying.core.models import AuditEntry, CalendarOverride
from qunying.core.services import remove_calendar_override, set_calendar_override


def test_calendar_command_skips_national_day_and_counts_the_makeup_saturday(db, capsys):
    call_command("calendar", "--start", "2025-09-29", "--working-days", "7")

    assert capsys.readouterr().out.strip() == "2025-10-14"


def test_calendar_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("calendar", "--start", "2025-13-01", "--working-days", "3")


def test_calendar_command_rejects_a_non_positive_count(db):
    with pytest.raises(CommandError, match="正整数"):
        call_command("calendar", "--start", "2025-10-09", "--working-days", "0")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (datetime.date(2025, 10, 1), False),  # National Day
        (datetime.date(2025, 10, 11), True),  # make-up Saturday
        (datetime.date(2025, 10, 12), False),  # ordinary Sunday
        (datetime.date(2025, 10, 9), True),
    ],
)
def test_is_working_day_follows_the_state_council_plan(db, day, working):
    assert is_working_day(day) is working


def test_start_day_counts_when_it_is_a_working_day(db):
    assert nth_working_day(datetime.date(2025, 10, 9), 1) == datetime.date(2025, 10, 9)
    assert nth_working_day(datetime.date(2025, 10, 4), 1) == datetime.date(2025, 10, 9)


def test_override_wins_over_the_package(db):
    set_calendar_override(date=datetime.date(2025, 10, 9), is_working_day=False, note="地方调整", by=None)

    assert is_working_day(datetime.date(2025, 10, 9)) is False
    assert nth_working_day(datetime.date(2025, 10, 9), 1) == datetime.date(2025, 10, 10)
    assert AuditEntry.objects.filter(action="core.calendar_override.set").count() == 1


def test_unknown_year_uses_the_ordinary_week_until_overrides_are_entered(db):
    year = 2099
    assert not is_packaged_year(year)
    new_year = datetime.date(year, 1, 1)  # a Thursday
    assert is_working_day(new_year) is True

    override = set_calendar_override(date=new_year, is_working_day=False, note="元旦", by=None)
    assert nth_working_day(new_year, 1) == datetime.date(year, 1, 2)

    remove_calendar_override(override, by=None)
    assert not CalendarOverride.objects.exists()
    assert is_working_day(new_year) is True


# The examples only read, so sharing one test transaction between them is safe.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 10, 1)),
    count=st.integers(min_value=1, max_value=40),
)
def test_nth_working_day_lands_on_the_nth_working_day(db, start, count):
    result = nth_working_day(start, count)

    days = [start + datetime.timedelta(days=offset) for offset in range((result - start).days + 1)]
    assert is_working_day(result)
    assert sum(is_working_day(day) for day in days) == count
