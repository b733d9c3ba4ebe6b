"""Benchmark: every list, detail and dashboard page of every module on a synthetic province, through the test client.

For each page, logged in as the province's political officer and as a station manager: the number of queries, the
minimum and median server time over R repeats, the ratio of the median to `/org/tiers/` (a trivial list measured in
the same run, so machines and loads compare), and the peak Python memory of one request (tracemalloc, measured on a
separate warm-up request so it does not slow the timed ones). A page that does not answer 200 prints FAIL with its
status; an exception in the view prints FAIL 500 — the script never stops on one page.

    python benchmarks/pages.py                          # 2,000 people into a temporary SQLite file (make bench)
    python benchmarks/pages.py --people 20000 --repeat 5
    DATABASE_URL=sqlite:////tmp/province.sqlite3 python benchmarks/pages.py --generate --people 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/qunying_bench python benchmarks/pages.py --generate --json

Without DATABASE_URL the data goes into a temporary file, deleted at the end. With DATABASE_URL the database is used
as it is; `--generate` migrates it and builds the province (`qunying generate-province`) when it has none. Data are
never written into the repository.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qunying.settings")
os.environ["QUNYING_2FA_ROLES"] = ""  # the benchmark logins sign in without an authenticator
os.environ.setdefault("QUNYING_LOG_LEVEL", "ERROR")  # a refused page is reported in the table, not logged
WORKDIR = None
if not os.environ.get("DATABASE_URL"):
    WORKDIR = tempfile.mkdtemp(prefix="qunying-pages-")
    os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/province.sqlite3"
    os.environ.setdefault("QUNYING_MEDIA_ROOT", f"{WORKDIR}/media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from qunying.accounts.models import User  # noqa: E402
from qunying.demo import province as generator  # noqa: E402
from qunying.org.models import Person, Unit  # noqa: E402

BASELINE = "/org/tiers/"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000, help="size of the province to generate (default 2,000)")
    parser.add_argument("--ratings-per-officer", type=int, default=20, help="replies per officer when generating")
    parser.add_argument("--seed", type=int, default=generator.DEFAULT_SEED)
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per page (default 3)")
    parser.add_argument("--budget", type=float, default=60.0, help="stop repeating a page after this many seconds")
    parser.add_argument("--generate", action="store_true", help="build the province first if the database has none")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--only", default="", help="only pages whose label contains this text")
    return parser.parse_args()


def ensure_province(args) -> Unit:
    name = generator.org.root_name(args.seed, generator.DEFAULT_SEED)
    root = Unit.objects.filter(name=name, parent=None).first() if _migrated() else None
    if root is None:
        if not (args.generate or WORKDIR):
            sys.exit(f"No province {name} in this database: run with --generate (or `qunying generate-province`).")
        call_command("migrate", verbosity=0)
        began = time.monotonic()
        generator.generate(
            people=args.people, seed=args.seed, ratings_per_officer=args.ratings_per_officer, stdout=sys.stderr
        )
        print(f"generated {args.people} people in {time.monotonic() - began:.0f} s", file=sys.stderr)
        root = Unit.objects.get(name=name, parent=None)
    return root


def _migrated() -> bool:
    return "org_unit" in connection.introspection.table_names()


def first(model_path: str, **filters):
    """The pk of the first object of an app's model (by pk) matching `filters`, or None (the page is skipped)."""
    from django.apps import apps

    model = apps.get_model(model_path)
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


def url(name: str, *args, query: str = "") -> str | None:
    if any(arg is None for arg in args):
        return None
    return reverse(name, args=args) + (f"?{query}" if query else "")


def pages_for(root: Unit, station: Unit, role: str) -> list[tuple[str, str | None]]:
    """(label, URL) of every page measured; None as URL marks a page whose object the data lack."""
    inside = Person.objects.filter(unit__path__startswith=(root.path if role == "political" else station.path))
    person = inside.filter(status="active").order_by("pk").first()
    city = Unit.objects.filter(parent=root).order_by("pk").first()
    name_part = person.name[1:] if len(person.name) > 1 else person.name
    total = inside.count()
    deep = max(1, min(300, total // 25 // 2))
    within = {"unit__path__startswith": root.path if role == "political" else station.path}
    year = 2025
    pages = [
        ("tiers (baseline)", BASELINE),
        ("home", "/"),
        ("people", url("org:person_list")),
        ("people ?category&post_type", url("org:person_list", query="category=police&post_type=community")),
        ("people ?unit=city", url("org:person_list", query=f"unit={(city if role == 'political' else station).pk}")),
        ("people search name", url("org:person_list", query=f"q={name_part}")),
        ("people search pinyin initials", url("org:person_list", query=f"q={person.name_initials}")),
        ("people search badge prefix", url("org:person_list", query=f"q={person.badge_number[:5]}")),
        ("people sort -joined", url("org:person_list", query="sort=-joined")),
        ("people sort badge", url("org:person_list", query="sort=badge")),
        (f"people page {deep}", url("org:person_list", query=f"page={deep}")),
        ("person detail", url("org:person_detail", person.pk)),
        ("units", url("org:unit_tree")),
        ("unit detail", url("org:unit_detail", (city if role == "political" else station).pk)),
        ("people export .xlsx", url("org:roster_export", query="category=police" if role == "political" else "")),
        ("deeds", url("deeds:deed_list")),
        ("deeds verification", url("deeds:deed_verification")),
        ("deed detail", url("deeds:deed_detail", first("deeds.Deed", **within))),
        ("duty events", url("deeds:event_list")),
        ("forums", url("deeds:forum_list")),
        ("public nominations", url("deeds:nomination_list")),
        ("awards", url("honours:honour_list")),
        (
            "award detail",
            url(
                "honours:honour_detail",
                first("honours.Honour", person__unit__path__startswith=within["unit__path__startswith"]),
            ),
        ),
        ("award figures", url("honours:figures")),
        ("ratings dashboard", url("feedback:dashboard")),
        ("ratings officers (scores)", url("feedback:officer_list")),
        ("ratings officer detail", url("feedback:officer_detail", person.pk)),
        ("ratings interactions", url("feedback:interaction_list")),
        ("ratings callbacks", url("feedback:callback_list")),
        ("discovery", url("discovery:suggestion_list")),
        ("reserve", url("reserve:entry_list")),
        ("reserve coverage", url("reserve:coverage")),
        ("reserve awaiting", url("reserve:awaiting")),
        (
            "reserve entry",
            url(
                "reserve:entry_detail",
                first("reserve.ReserveEntry", person__unit__path__startswith=within["unit__path__startswith"]),
            ),
        ),
        ("reserve evaluation rounds", url("reserve:round_list")),
        ("campaigns", url("campaigns:campaign_list")),
        ("campaign in judging", url("campaigns:campaign_detail", first("campaigns.Campaign", phase="judging"))),
        ("campaign reviews", url("campaigns:review_list")),
        ("stories", url("publicity:story_list")),
        ("story detail", url("publicity:story_detail", first("publicity.Story", **within))),
        ("media placements", url("publicity:placement_list")),
        ("outreach events", url("publicity:event_list")),
        ("honour board", url("board:honour_board")),
        ("branches", url("branches:branch_list")),
        ("branch rating rounds", url("branches:round_list")),
        ("branch round detail", url("branches:round_detail", first("branches.RatingRound", unit=root))),
        ("reports dashboard", url("reports:dashboard", query=f"year={year}")),
        ("reports dashboard one city", url("reports:dashboard", query=f"year={year}&unit={city.pk}")),
        ("reports figures", url("reports:figures", query=f"year={year}")),
        ("reports summary .docx", url("reports:summary_download", query=f"year={year}")),
    ]
    if role != "political":
        # What a station manager's role does not open (403 by the policy, not a failure to measure).
        skip = {"tiers (baseline)", "reports dashboard one city", "campaign reviews", "branch round detail"}
        skip |= {"reserve awaiting", "stories", "story detail", "media placements", "outreach events"}
        pages = [(label, address) for label, address in pages if label not in skip]
    return pages


def care_pages() -> list[tuple[str, str | None]]:
    """Care is the care officer's (关爱专员) module: measured with that login."""
    return [
        ("care dashboard", url("care:dashboard")),
        ("care people", url("care:people")),
        ("care entitlements", url("care:entitlement_list")),
        ("care visits", url("care:visit_list")),
        ("care deliveries pending", url("care:delivery_pending")),
    ]


def fetch(client: Client, address: str):
    response = client.get(address)
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return response.status_code, len(body)


def measure(client: Client, address: str, repeat: int, budget: float) -> dict:
    """One warm-up request (queries counted, memory traced), then up to `repeat` timed ones within `budget` s."""
    tracemalloc.start()
    try:
        with CaptureQueriesContext(connection) as queries:
            status, size = fetch(client, address)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    result = {"url": address, "status": status, "bytes": size, "queries": len(queries), "peak_mb": peak / 2**20}
    if status != 200:
        return result
    times, spent = [], 0.0
    for _ in range(repeat):
        reset_queries()
        began = time.perf_counter()
        fetch(client, address)
        elapsed = time.perf_counter() - began
        times.append(elapsed)
        spent += elapsed
        if spent > budget:
            break
    result.update(min_ms=min(times) * 1000, median_ms=statistics.median(times) * 1000, runs=len(times))
    return result


def run(args) -> list[dict]:
    root = ensure_province(args)
    prefix = generator.login_prefix(args.seed)
    officer = User.objects.get(username=f"{prefix}-zhengzhi")
    manager = User.objects.get(username=f"{prefix}-suozhang")
    carer = User.objects.get(username=f"{prefix}-guanai")
    station = manager.role_assignments.get().unit
    people = Person.objects.filter(unit__path__startswith=root.path).count()
    print(f"# {root.name}: {people} people, {connection.vendor}; repeat {args.repeat}", file=sys.stderr)
    results, baseline = [], None
    for role, user in (("political", officer), ("care", carer), ("station", manager)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        pages = care_pages() if role == "care" else pages_for(root, station, role)
        for label, address in pages:
            if args.only and args.only not in label and label != "tiers (baseline)":
                continue
            if address is None:
                row = {"role": role, "page": label, "url": None, "status": "SKIP"}
            else:
                try:
                    row = {"role": role, "page": label, **measure(client, address, args.repeat, args.budget)}
                except Exception as error:
                    row = {"role": role, "page": label, "url": address, "status": 500, "error": repr(error)[:200]}
            if address == BASELINE and row.get("median_ms"):
                baseline = row["median_ms"]
            if baseline and row.get("median_ms"):
                row["ratio"] = row["median_ms"] / baseline
            results.append(row)
            if not args.json:
                print_row(row)
    return results


def print_row(row: dict) -> None:
    head = f"{row['role']:<9} {row['page']:<34}"
    if row["status"] == "SKIP":
        print(f"{head} SKIP (no such object in the data)", flush=True)
    elif row["status"] != 200:
        print(f"{head} FAIL {row['status']} {row.get('error', '')} {row.get('url') or ''}", flush=True)
    else:
        print(
            f"{head} {row['queries']:>4} q {row['min_ms']:>9.1f} {row['median_ms']:>9.1f} ms "
            f"{row.get('ratio', 0):>7.1f}x {row['peak_mb']:>7.1f} MB  n={row['runs']}",
            flush=True,
        )


def main() -> None:
    args = parse_args()
    try:
        if not args.json:
            print(f"{'role':<9} {'page':<34} {'queries':>6} {'min':>9} {'median':>9}    {'ratio':>7} {'peak':>7}")
        results = run(args)
        if args.json:
            print(json.dumps(results, ensure_ascii=False, indent=1))
    finally:
        if WORKDIR:
            connection.close()
            shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
