"""`qunying rebuild-summaries`: recompute every summary table from the raw rows (after a bulk load or a restore).
The services keep the summaries as data arrives; this is for data written past them."""

import time

from django.core.management.base import BaseCommand

from qunying.core import versions
from qunying.feedback import summaries as rating_summaries
from qunying.reports import cache as report_cache


def rebuild_all() -> dict[str, int]:
    """Every app's summaries, lowest floor first. Returns rows written per table."""
    written = {**rating_summaries.rebuild()}
    versions.bump(report_cache.VERSION)  # bulk-loaded rows bypass the signals that retire cached reports
    return written


class Command(BaseCommand):
    help = "Recompute the summary tables (ratings per unit-month and per officer-month) from the raw rows."

    def handle(self, *args, **options):
        started = time.monotonic()
        written = rebuild_all()
        rows = ", ".join(f"{name} {count}" for name, count in written.items())
        # Operators' scripts read this line: one stable language whatever the locale.
        self.stdout.write(f"summaries rebuilt in {time.monotonic() - started:.1f} s: {rows}")
