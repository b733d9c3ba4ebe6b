"""Benchmark: fair officer scores over 1,000,000 replies for 20,000 officers, as a ratio to the aggregation's floor.

The floor is the one GROUP BY that any correct computation must run: valid replies of the period grouped by officer
(count and points). `feedback.queries.officer_scores` runs its own GROUP BY (with the post type and the three rating
counts), then fits a prior per peer group, shrinks every score and ranks officers within their group. Target: <= 2x.

Always a throwaway database, through Django's test-database machinery: a temporary SQLite file by default, or
`test_qunying_bench` on the PostgreSQL server of DATABASE_URL, created and dropped by this script. The installation's
own database (var/qunying.sqlite3, or the one DATABASE_URL names) is never written.

    python benchmarks/ratings.py                                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qunying python benchmarks/ratings.py
    python benchmarks/ratings.py --replies 100000 --officers 2000   # a quicker run
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qunying.settings")
WORKDIR = tempfile.mkdtemp(prefix="qunying-bench-")
if not os.environ.get("DATABASE_URL"):
    # Even the "main" database of this process is a temporary file: nothing can reach var/qunying.sqlite3.
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/main.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Case, Count, F, FloatField, Sum, Value, When  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from qunying.feedback.enums import Rating  # noqa: E402
from qunying.feedback.models import SurveyReply  # noqa: E402
from qunying.feedback.queries import Period  # noqa: E402
from qunying.feedback.queries import officer_scores as scores_of  # noqa: E402
from qunying.org.enums import PostType  # noqa: E402
from qunying.org.models import Person, Unit  # noqa: E402

PERIOD = Period(2025)
POST_TYPES = [
    PostType.COMMUNITY,
    PostType.PATROL,
    PostType.TRAFFIC,
    PostType.HOUSEHOLD,
    PostType.PUBLIC_ORDER,
    PostType.CRIMINAL_INVESTIGATION,
    PostType.SPECIAL_POLICE,
    PostType.COMMAND,
]
BATCH = 20_000


def insert(table: str, columns: list[str], rows) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def generate(replies: int, officers: int, seed: int = 2026) -> None:
    """Units, officers, and for each reply its interaction, officer link and survey: bulk inserts, ids assigned here."""
    rng = random.Random(seed)
    dt = connection.ops.adapt_datetimefield_value
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    now = dt(datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC))
    stations = 100
    # Units and people through the ORM (their schema belongs to org); the million rows below by plain INSERTs.
    bureau = Unit.objects.create(name="基准测试市公安局", kind="bureau", path="/", depth=0)
    Unit.objects.filter(pk=bureau.pk).update(path=f"/{bureau.pk}/")
    units = Unit.objects.bulk_create(
        [Unit(name=f"第{i}派出所", kind="police_station", parent=bureau, depth=1, path="") for i in range(stations)]
    )
    for unit in units:
        unit.path = f"/{bureau.pk}/{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"])
    people = Person.objects.bulk_create(
        [
            Person(
                category="police",
                badge_number=f"B{number:07d}",
                name=f"民警{number}",
                gender="male",
                unit=units[number % stations],
                post_type=POST_TYPES[number % len(POST_TYPES)],
            )
            for number in range(officers)
        ],
        batch_size=5000,
    )
    person_ids = [person.pk for person in people]
    unit_of = {person.pk: person.unit_id for person in people}
    # Each officer has a true satisfaction around 98 % and a share of the replies that varies tenfold.
    true_rate = {pk: min(0.999, max(0.9, rng.gauss(0.98, 0.012))) for pk in person_ids}
    weights = [rng.uniform(0.2, 2.0) for _ in person_ids]
    who = rng.choices(person_ids, weights=weights, k=replies)
    seconds = 365 * 24 * 3600
    when = [start + datetime.timedelta(seconds=rng.randrange(seconds)) for _ in range(replies)]
    ratings = []
    for person in who:
        draw = rng.random()
        rate = true_rate[person]
        ratings.append(
            Rating.SATISFIED
            if draw < rate
            else Rating.BASICALLY_SATISFIED
            if draw < rate + (1 - rate) * 0.7
            else Rating.DISSATISFIED
        )
    insert(
        "feedback_serviceinteraction",
        [
            "id",
            "created_at",
            "updated_at",
            "incident_number",
            "kind",
            "occurred_at",
            "unit_id",
            "phone",
            "phone_index",
            "sensitive",
            "source",
        ],
        (
            (i, now, now, f"J{i:09d}", "alarm_110", dt(when[i - 1]), unit_of[who[i - 1]], "", "", False, "demo")
            for i in range(1, replies + 1)
        ),
    )
    insert(
        "feedback_interactionofficer",
        ["id", "interaction_id", "person_id"],
        ((i, i, who[i - 1]) for i in range(1, replies + 1)),
    )
    insert(
        "feedback_survey",
        [
            "id",
            "created_at",
            "updated_at",
            "interaction_id",
            "decision",
            "decision_detail",
            "status",
            "attempts",
            "gateway_reference",
            "last_error",
        ],
        ((i, now, now, i, "sampled", "{}", "replied", 1, "", "") for i in range(1, replies + 1)),
    )
    insert(
        "feedback_surveyreply",
        [
            "id",
            "created_at",
            "updated_at",
            "message_id",
            "survey_id",
            "phone_index",
            "text",
            "received_at",
            "status",
            "rating",
            "comment",
            "late",
            "counted",
        ],
        (
            (i, now, now, f"m{i}", i, "", "1", dt(when[i - 1]), "parsed", ratings[i - 1], "", False, True)
            for i in range(1, replies + 1)
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def floor() -> int:
    """The floor: valid replies of the period grouped by officer, with the two sums every score needs."""
    points = Sum(
        Case(
            When(rating=Rating.SATISFIED, then=Value(1.0)),
            When(rating=Rating.BASICALLY_SATISFIED, then=Value(0.5)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    rows = (
        SurveyReply.objects.filter(counted=True, received_at__gte=PERIOD.start, received_at__lt=PERIOD.end)
        .values(person_id=F("survey__interaction__officer_links__person_id"))
        .annotate(n=Count("pk"), points=points)
        .order_by()
    )
    return len(list(rows))


def officer_scores() -> int:
    return len(scores_of(PERIOD))


def timed(function, runs: int) -> tuple[float, int]:
    durations, result = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=1_000_000)
    parser.add_argument("--officers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    # A name of our own: a test suite running at the same time on the same server keeps its test database.
    test = settings.DATABASES["default"]["TEST"]
    test["NAME"] = f"{WORKDIR}/bench.sqlite3" if connection.vendor == "sqlite" else "test_qunying_bench"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"ratings benchmark on {connection.vendor}: {options.replies:,} replies, {options.officers:,} officers")
        started = time.perf_counter()
        with transaction.atomic():
            generate(options.replies, options.officers)
        print(f"  generated in {time.perf_counter() - started:.1f} s")
        timed(floor, 1)  # warm the caches for both
        floors, ours, floor_rows, scored = [], [], 0, 0
        for _ in range(options.runs):  # interleaved, so both see the same cache state
            t, floor_rows = timed(floor, 1)
            floors.append(t)
            t, scored = timed(officer_scores, 1)
            ours.append(t)
        floor_time, ours_time = statistics.median(floors), statistics.median(ours)
        print(
            f"  floor (one GROUP BY per officer: n, points):            {floor_time:.3f} s  ({floor_rows:,} officers)"
        )
        print(f"  officer_scores (GROUP BY + priors + shrinkage + ranks): {ours_time:.3f} s  ({scored:,} officers)")
        print(f"  ratio: {ours_time / floor_time:.2f}x (target <= 2x)")
    finally:
        teardown_databases(old, verbosity=0)
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
