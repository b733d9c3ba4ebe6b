"""Working-day calendar: State Council holidays and make-up workdays from `chinese_calendar`, plus local overrides."""

import datetime

import chinese_calendar

from qunying.core.models import CalendarOverride

# Holidays never run longer than about two weeks, so this window of days past the start always holds the answer
# for small counts; larger counts just load another window.
WINDOW_DAYS = 60


def load_overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return dict(CalendarOverride.objects.filter(date__range=(start, end)).values_list("date", "is_working_day"))


def packaged_is_working_day(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # A year the package does not know yet (the State Council publishes each year's plan in November):
        # the ordinary week applies until the holidays are entered as overrides.
        return day.weekday() < 5


def is_packaged_year(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_working_day(day: datetime.date) -> bool:
    return load_overrides(day, day).get(day, packaged_is_working_day(day))


def nth_working_day(start: datetime.date, count: int) -> datetime.date:
    """The date of the `count`-th working day, counting `start` itself when it is one."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day, seen = start, 0
    while True:
        window_end = day + datetime.timedelta(days=WINDOW_DAYS)
        overrides = load_overrides(day, window_end)
        while day <= window_end:
            if overrides.get(day, packaged_is_working_day(day)):
                seen += 1
                if seen == count:
                    return day
            day += datetime.timedelta(days=1)
