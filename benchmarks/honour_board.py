"""Benchmark: the public honour board /honours/ on the demo data, served by one worker process on loopback.

One `qunying serve` web process (waitress, --no-worker --no-scheduler, one thread by default) serves the app; this
script, a separate process, hammers it over keep-alive HTTP/1.1 connections from several client threads, first a
trivial view (/healthz: one `SELECT 1`, JSON) and then /honours/, and prints requests per second for each and their
ratio. Target: /honours/ >= 300 requests/s on this 2-core machine.

Always a throwaway database unless --database-url is given: a temporary SQLite file, migrated and loaded with
`qunying demo` (about two minutes), removed afterwards. var/qunying.sqlite3 is never touched.

    python benchmarks/honour_board.py
    python benchmarks/honour_board.py --database-url postgres://postgres@127.0.0.1:5432/qunying_demo  # loaded demo
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 300.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def qunying(*args: str, env: dict) -> None:
    # Our own interpreter and fixed arguments: nothing from outside reaches the command line.
    subprocess.run([sys.executable, "-m", "qunying", *args], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def wait_until_up(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not come up")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server process has used (Linux /proc): on a machine shared with other work,
    requests per CPU-second shows what one free core would serve."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def hammer(port: int, path: str, *, seconds: float, clients: int, pid: int) -> dict:
    """Requests/s over `seconds` from `clients` threads, each on its own keep-alive connection."""
    stop = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures = [0] * clients
    sizes = set()

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Language": "zh-hans"})
            response = connection.getresponse()
            body = response.read()
            latencies[index].append(time.perf_counter() - started)
            if response.status != 200:
                failures[index] += 1
            sizes.add(len(body))
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    cpu_before = cpu_seconds(pid)
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    cpu = cpu_seconds(pid) - cpu_before
    every = sorted(value for per_client in latencies for value in per_client)
    return {
        "requests": len(every),
        "rate": len(every) / elapsed,
        "p50_ms": statistics.median(every) * 1000,
        "p95_ms": every[int(len(every) * 0.95) - 1] * 1000,
        "failures": sum(failures),
        "bytes": max(sizes) if sizes else 0,
        "per_cpu_second": len(every) / cpu if cpu else float("nan"),
        "cpu_share": cpu / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a database already holding the demo (default: a throwaway SQLite)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per URL and round")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client connections")
    parser.add_argument("--threads", type=int, default=1, help="waitress threads in the one server process")
    parser.add_argument("--rounds", type=int, default=3, help="measure each URL this many times, keep the best")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="qunying-board-bench-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QUNYING_VAR_DIR": str(workdir)}
    env.pop("QUNYING_DEBUG", None)
    server = None
    try:
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
            print("Loading the demo into a throwaway SQLite database …", flush=True)
            qunying("migrate", "-v0", env=env)
            qunying("demo", env=env)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 — our interpreter, fixed arguments
            [sys.executable, "-m", "qunying", "serve", "--no-worker", "--no-scheduler",
             "--host", "127.0.0.1", "--port", str(port), "--threads", str(args.threads)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(port)
        for path in ("/healthz", "/honours/"):
            hammer(port, path, seconds=1.0, clients=2, pid=server.pid)  # warm up: imports, templates, board cache
        options = {"clients": args.clients, "pid": server.pid}
        results = {"/healthz": [], "/honours/": [], "/honours/?year=2022": []}
        for _round in range(args.rounds):  # interleaved, so a burst of other work on the machine hits all alike
            for path, runs in results.items():
                runs.append(hammer(port, path, seconds=args.seconds, **options))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"one server process (waitress, {args.threads} thread(s)), {args.clients} keep-alive client connections;"
        f" best of {args.rounds} rounds of {args.seconds:.0f} s"
    )
    for path, runs in results.items():
        print(f"  {path:<22} rounds: " + ", ".join(f"{run['rate']:.0f}" for run in runs) + " req/s")
    trivial, board, filtered = (max(runs, key=lambda run: run["rate"]) for runs in results.values())
    for name, result in (("/healthz", trivial), ("/honours/", board), ("/honours/?year=2022", filtered)):
        print(
            f"  {name:<22} {result['rate']:8.1f} req/s   p50 {result['p50_ms']:6.2f} ms"
            f"   p95 {result['p95_ms']:6.2f} ms   {result['requests']} requests, {result['failures']} not 200,"
            f" {result['bytes']} bytes\n  {'':<22} {result['per_cpu_second']:8.1f} req per server CPU-second"
            f" (the server had {result['cpu_share']:.0%} of a core)"
        )
    ratio = board["rate"] / trivial["rate"]
    per_cpu = board["per_cpu_second"] / trivial["per_cpu_second"]
    print(f"  /honours/ ÷ /healthz = {ratio:.2f}   (per server CPU-second: {per_cpu:.2f})")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    met = board["rate"] >= TARGET and not board["failures"]
    print(f"  target {TARGET:.0f} req/s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
