"""Benchmark: the deeds list exported to Excel, 200,000 rows through the real code path (URL → ExcelExportView → the
deeds export service → write-only openpyxl → FileResponse), its peak memory and its time against the floor.

The floor is openpyxl's write-only workbook alone writing the same rows, already built in memory, to a file: no
database, no Django. Each side runs in a child process of its own, so its peak resident memory (ru_maxrss, which
includes Python and Django themselves) is its own. Targets: peak memory under 300 MB; the ratio is reported.

Always a throwaway database, through Django's test-database machinery: a temporary SQLite file by default, or
`test_qunying_bench_export` on the PostgreSQL server of DATABASE_URL, created and dropped by this script. The
installation's own database (var/qunying.sqlite3, or the one DATABASE_URL names) is never written.

    python benchmarks/export.py                                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qunying python benchmarks/export.py
    python benchmarks/export.py --rows 20000                       # a quicker run
"""

import argparse
import datetime
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qunying.settings")
os.environ["QUNYING_2FA_ROLES"] = ""  # the benchmark login signs in without an authenticator
WORKDIR = os.environ.get("QUNYING_BENCH_DIR") or tempfile.mkdtemp(prefix="qunying-bench-")
if not os.environ.get("DATABASE_URL"):
    # Even the "main" database of this process is a temporary file: nothing can reach var/qunying.sqlite3.
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/main.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

USERNAME = "bench-political-officer"
PEOPLE = 2_000
STATIONS = 50
MB = 1024 * 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


class RssSampler(threading.Thread):
    """The largest current resident size seen while the measured code runs (sampled every 20 ms): the process's
    own lifetime peak (ru_maxrss) may come from Django's start-up, before the export."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = current_rss_mb()
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.02):
            self.peak = max(self.peak, current_rss_mb())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return max(self.peak, current_rss_mb())


def measured(function) -> dict:
    sampler = RssSampler()
    before = current_rss_mb()
    sampler.start()
    started, cpu = time.perf_counter(), time.process_time()
    size = function()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "bytes": size,
        "rss_before_mb": before,
        "rss_during_mb": sampler.stop(),
        "peak_rss_mb": peak_rss_mb(),
    }


def generate(rows: int) -> None:
    """A bureau, its stations, 2,000 officers and `rows` deeds with one participant each, by bulk_create."""
    from qunying.accounts.models import RoleAssignment, User
    from qunying.deeds.models import Deed, DeedPerson
    from qunying.org.models import Person, Unit

    bureau = Unit.objects.create(name="基准测试市公安局", kind="bureau", path="/", depth=0)
    Unit.objects.filter(pk=bureau.pk).update(path=f"/{bureau.pk}/")
    bureau.refresh_from_db()
    units = Unit.objects.bulk_create(
        [Unit(name=f"第{i}派出所", kind="police_station", parent=bureau, depth=1, path="") for i in range(STATIONS)]
    )
    for unit in units:
        unit.path = f"/{bureau.pk}/{unit.pk}/"
    Unit.objects.bulk_update(units, ["path"])
    people = Person.objects.bulk_create(
        [
            Person(
                category="police",
                badge_number=f"B{n:07d}",
                name=f"民警{n}",
                gender="male",
                unit=units[n % STATIONS],
                post_type="community",
            )
            for n in range(PEOPLE)
        ],
        batch_size=5_000,
    )
    user = User.objects.create(username=USERNAME, full_name="基准测试政工")
    RoleAssignment.objects.create(user=user, unit=bureau, role="political_officer")
    start = datetime.date(2025, 1, 1)
    batch = 10_000
    for offset in range(0, rows, batch):
        deeds = Deed.objects.bulk_create(
            [
                Deed(
                    title=f"第{n}号事迹" if n % 100 else f'=HYPERLINK("x","{n}")',  # some formula text too
                    date=start + datetime.timedelta(days=n % 365),
                    narrative="在执勤中沉着处置突发警情，及时救助受伤群众，维护了现场秩序。" * 2,
                    unit_id=people[n % PEOPLE].unit_id,
                    status="verified",
                )
                for n in range(offset, min(rows, offset + batch))
            ]
        )
        DeedPerson.objects.bulk_create(
            [
                DeedPerson(deed=deed, person=people[n % PEOPLE], role="主办")
                for n, deed in enumerate(deeds, start=offset)
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def run_ours() -> dict:
    """The export as a user gets it: a GET on the list's export URL, the body read to the end and thrown away."""
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from qunying.accounts.models import User

    setup_test_environment()
    client = Client()
    client.force_login(User.objects.get(username=USERNAME))

    def export() -> int:
        response = client.get(reverse("deeds:deed_export"))
        assert response.status_code == 200, response.status_code
        size = sum(len(block) for block in response.streaming_content)
        response.close()
        return size

    return measured(export)


def run_floor() -> dict:
    """openpyxl write-only alone: the same rows (values as the export writes them), built before the clock starts."""
    import openpyxl

    from qunying.deeds.export import COLUMNS
    from qunying.deeds.models import Deed

    rows = [
        [date, title, f"民警{n}", f"B{n:07d}", "第1派出所", "", "", "无", "录入", "已认定", narrative, "", ""]
        for n, (date, title, narrative) in enumerate(Deed.objects.values_list("date", "title", "narrative"))
    ]

    def write() -> int:
        with tempfile.TemporaryFile() as target:
            workbook = openpyxl.Workbook(write_only=True)
            sheet = workbook.create_sheet("事迹")
            sheet.append([title for title, _width in COLUMNS])
            for row in rows:
                sheet.append(row)
            workbook.save(target)
            return target.tell()

    return measured(write)


def child_url() -> str:
    """DATABASE_URL for a child process: the benchmark's own test database, not the installation's."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def in_child(side: str) -> dict:
    env = {**os.environ, "DATABASE_URL": child_url(), "QUNYING_BENCH_DIR": WORKDIR}
    output = subprocess.run(  # noqa: S603 -- this very script, with a fixed argument
        [sys.executable, __file__, "--child", side], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--child", choices=["ours", "floor"])
    options = parser.parse_args()
    if options.child:
        print(json.dumps(run_ours() if options.child == "ours" else run_floor()))
        return

    # A name of our own: a test suite running at the same time on the same server keeps its test database.
    test = settings.DATABASES["default"]["TEST"]
    test["NAME"] = f"{WORKDIR}/bench.sqlite3" if connection.vendor == "sqlite" else "test_qunying_bench_export"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"export benchmark on {connection.vendor}: {options.rows:,} deeds")
        started = time.perf_counter()
        with transaction.atomic():
            generate(options.rows)
        print(f"  generated in {time.perf_counter() - started:.1f} s")
        connection.close()  # the children open their own connections
        floor, ours = in_child("floor"), in_child("ours")
        print(
            f"  floor (openpyxl write-only alone, rows in memory): {floor['seconds']:6.1f} s wall, "
            f"{floor['cpu_seconds']:6.1f} s CPU, {floor['bytes'] / MB:.1f} MB file"
        )
        print(
            f"  deeds export (URL → view → service → openpyxl):    {ours['seconds']:6.1f} s wall, "
            f"{ours['cpu_seconds']:6.1f} s CPU, {ours['bytes'] / MB:.1f} MB file"
        )
        print(
            f"  export memory: {ours['rss_during_mb']:.0f} MB resident at most during the request "
            f"({ours['rss_before_mb']:.0f} MB before it, Django and the app loaded; process lifetime peak "
            f"{ours['peak_rss_mb']:.0f} MB) (target < 300 MB)"
        )
        print(
            f"  ratio: {ours['seconds'] / floor['seconds']:.2f}x the floor in wall time, "
            f"{ours['cpu_seconds'] / floor['cpu_seconds']:.2f}x in CPU time of the process"
            + (" (the database's own work is in this process on SQLite)" if connection.vendor == "sqlite" else "")
        )
    finally:
        teardown_databases(old, verbosity=0)
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
