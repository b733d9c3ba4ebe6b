"""Benchmark: recognition signals for 20,000 officers over 1,000,000 ratings and 100,000 deeds, as a ratio to the sum
of the aggregate queries underneath them.

The floor is the six queries any set-based computation must run, each materialised: active people, verified deeds
of the year grouped by person × hazard × event kind, active honours grouped by person × award × issuer level, valid
replies grouped by officer (feedback's GROUP BY), linked public nominations and forum mentions grouped by person.
`discovery.signals.compute_signals` runs the same queries, then shrinks satisfaction scores, computes peer
percentiles by post type for six signals and the weighted composite, and builds the reasons. Target: <= 2x.
`run_discovery` (which also stores snapshots and suggestions) is timed too, for information.

Always a throwaway database (the ratings benchmark's machinery and generator): a temporary SQLite file by default, or
`test_qunying_bench` on the PostgreSQL server of DATABASE_URL. var/qunying.sqlite3 is never touched.

    python benchmarks/discovery.py
    python benchmarks/discovery.py --replies 100000 --officers 2000 --deeds 10000   # a quicker run
"""

import argparse
import datetime
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ratings
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test.utils import setup_databases, teardown_databases

from qunying.deeds.enums import DeedStatus, HazardLevel, NominationStatus
from qunying.deeds.models import Deed, DeedPerson, ForumFeedback, PublicNomination
from qunying.discovery.models import DiscoveryWeights
from qunying.discovery.services import run_discovery, weight_map
from qunying.discovery.signals import compute_signals
from qunying.feedback.queries import reply_tallies
from qunying.honours.enums import HonourStatus
from qunying.honours.models import AwardType, Honour, Issuer
from qunying.org.enums import PersonStatus
from qunying.org.models import Person

YEAR = ratings.PERIOD.year
HAZARDS = [HazardLevel.NONE] * 6 + [HazardLevel.LOW] * 2 + [HazardLevel.MEDIUM, HazardLevel.HIGH]


def generate_ledger(deeds: int, honours: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    people = list(Person.objects.values_list("pk", "unit_id"))
    start = datetime.date(YEAR, 1, 1)
    statuses = [DeedStatus.VERIFIED] * 8 + [DeedStatus.PROPOSED, DeedStatus.REJECTED]
    rows, links = [], []
    for number in range(deeds):
        person, unit = rng.choice(people)
        rows.append(
            Deed(
                title=f"事迹{number}",
                date=start + datetime.timedelta(days=rng.randrange(365)),
                narrative="……",
                hazard=rng.choice(HAZARDS),
                status=rng.choice(statuses),
                unit_id=unit,
            )
        )
        links.append(person)
    created = Deed.objects.bulk_create(rows, batch_size=5000)
    DeedPerson.objects.bulk_create(
        [DeedPerson(deed_id=deed.pk, person_id=person) for deed, person in zip(created, links, strict=True)],
        batch_size=5000,
    )
    # Revoked honours are excluded by the status filter; the generated ones are all active.
    issuer = Issuer.objects.create(name="基准测试公安局", level="county", kind="police")
    award_types = list(AwardType.objects.filter(ladder="police"))
    Honour.objects.bulk_create(
        [
            Honour(
                person_id=rng.choice(people)[0],
                award_type=rng.choice(award_types),
                issuer=issuer,
                awarded_on=start + datetime.timedelta(days=rng.randrange(365)),
                reason="……",
            )
            for _ in range(honours)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def floor() -> int:
    """The six aggregate queries of compute_signals, materialised, nothing else."""
    period = ratings.PERIOD
    total = len(
        list(
            Person.objects.filter(status=PersonStatus.ACTIVE).values_list(
                "pk", "post_type", "joined_police_on", "joined_work_on"
            )
        )
    )
    total += len(
        list(
            DeedPerson.objects.filter(deed__status=DeedStatus.VERIFIED, deed__date__year=YEAR)
            .values_list("person_id", "deed__hazard", "deed__event__kind")
            .annotate(n=Count("deed_id", distinct=True), last=Max("deed_id"))
            .order_by()
        )
    )
    total += len(
        list(
            Honour.objects.filter(person__isnull=False, status=HonourStatus.ACTIVE, awarded_on__year=YEAR)
            .values_list("person_id", "award_type__name", "award_type__grade", "issuer__level")
            .annotate(n=Count("pk"), last=Max("pk"))
            .order_by()
        )
    )
    total += len(reply_tallies(period.start, period.end))
    total += len(
        list(
            PublicNomination.objects.filter(
                status=NominationStatus.LINKED,
                person__isnull=False,
                created_at__gte=period.start,
                created_at__lt=period.end,
            )
            .values_list("person_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    total += len(
        list(
            ForumFeedback.officers.through.objects.filter(forumfeedback__forum__date__year=YEAR)
            .values_list("person_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    return total


def signals() -> int:
    return len(compute_signals(YEAR, weight_map(DiscoveryWeights())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=1_000_000)
    parser.add_argument("--officers", type=int, default=20_000)
    parser.add_argument("--deeds", type=int, default=100_000)
    parser.add_argument("--honours", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    test = settings.DATABASES["default"]["TEST"]
    test["NAME"] = f"{ratings.WORKDIR}/bench.sqlite3" if connection.vendor == "sqlite" else "test_qunying_bench"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        print(
            f"discovery benchmark on {connection.vendor}: {options.officers:,} officers, {options.replies:,} replies, "
            f"{options.deeds:,} deeds, {options.honours:,} honours"
        )
        started = time.perf_counter()
        with transaction.atomic():
            ratings.generate(options.replies, options.officers)
            generate_ledger(options.deeds, options.honours)
        print(f"  generated in {time.perf_counter() - started:.1f} s")
        floor()  # warm the caches
        floors, ours = [], []
        for _ in range(options.runs):  # interleaved, so both see the same cache state
            started = time.perf_counter()
            floor()
            floors.append(time.perf_counter() - started)
            started = time.perf_counter()
            people = signals()
            ours.append(time.perf_counter() - started)
        floor_time, ours_time = statistics.median(floors), statistics.median(ours)
        started = time.perf_counter()
        run = run_discovery(year=YEAR, by=None)
        run_time = time.perf_counter() - started
        print(f"  floor (six aggregate queries):                 {floor_time:.3f} s")
        print(f"  compute_signals (queries + percentiles + ranks): {ours_time:.3f} s  ({people:,} people)")
        print(f"  ratio: {ours_time / floor_time:.2f}x (target <= 2x)")
        print(f"  run_discovery incl. snapshots and suggestions:   {run_time:.3f} s  ({run.suggestions:,} suggestions)")
    finally:
        teardown_databases(old, verbosity=0)
        connection.close()
        shutil.rmtree(ratings.WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
