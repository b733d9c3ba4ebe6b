"""`qunying calendar --start YYYY-MM-DD --working-days N`: the date of the N-th working day from the start."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from qunying.core.calendar import nth_working_day


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value!r}") from None


class Command(BaseCommand):
    help = "Print the date of the N-th working day, counting the start day if it is one (State Council calendar)."

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--working-days", required=True, type=int)

    def handle(self, *args, start, working_days, **options):
        if working_days < 1:
            raise CommandError("--working-days 须为正整数。")
        self.stdout.write(nth_working_day(parse_date(start), working_days).isoformat())
