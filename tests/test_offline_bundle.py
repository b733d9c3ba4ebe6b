"""The offline bundle (`make bundle`) installs and serves on a machine with no network at all.

The bundle is built with the package index (scripts/build-bundle), or reused from dist/ when it is newer than
everything that goes into it; then it is unpacked, installed and started inside a network namespace of its own
(`unshare -n`: only a loopback interface, no route anywhere), where /healthz must answer ok, the static files
(no npm there) and the Chinese pages (the compiled catalogue) must be served.

QUNYING_BUNDLE=path uses a bundle built before. Runs once, in the SQLite pass of `make test` (the namespace cannot
reach the test run's PostgreSQL anyway).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
BUNDLE = ROOT / "dist" / f"qunying-{VERSION}-offline.tar.gz"
INPUTS = [ROOT / "uv.lock", ROOT / "pyproject.toml", ROOT / "scripts", ROOT / "src"]
PORT = 8199  # inside the namespace: no other process can hold it

INSIDE = r"""
set -eu
ip link set lo up
cd "$WORK"
tar xzf "$BUNDLE"
started=$(date +%s)
./qunying-*-offline/install.sh "$PREFIX" >install.log 2>&1 || { cat install.log; exit 3; }
echo "install_seconds=$(( $(date +%s) - started ))"
"$PREFIX/qunying" serve --port "$PORT" >serve.log 2>&1 &
server=$!
ok=""
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >healthz.json 2>/dev/null; then ok=1; break; fi
  sleep 1
done
css="http://127.0.0.1:$PORT/static/vendor/bootstrap/css/bootstrap.min.css"
curl -fsS -o /dev/null -w "static=%{http_code}\n" "$css" || true
curl -fsS "http://127.0.0.1:$PORT/accounts/login/" >login.html || true
kill -TERM "$server"
wait "$server" || true
[ -n "$ok" ] || { cat serve.log; exit 4; }
echo "healthz=$(cat healthz.json)"
grep -q "登录" login.html && echo "chinese=yes"
# Nothing but loopback: the namespace really has no network.
python3 -c 'import socket; s=socket.socket(); s.settimeout(3); s.connect(("1.1.1.1", 443))' 2>/dev/null \
  && echo "network=yes" || echo "network=no"
"""


def newest_input() -> float:
    newest = 0.0
    for path in INPUTS:
        files = (
            [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def can_unshare() -> str | None:
    if os.geteuid() != 0:
        return "unshare -n needs root (a network namespace of its own)"
    if not shutil.which("unshare") or not shutil.which("ip") or not shutil.which("curl"):
        return "needs unshare, ip and curl"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)  # noqa: S607
    if probe.returncode:
        return f"unshare -n is not permitted here: {probe.stderr.decode().strip()}"
    return None


def index_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def bundle() -> Path:
    if reason := can_unshare():
        pytest.skip(reason)
    if given := os.environ.get("QUNYING_BUNDLE"):  # one built earlier (CI builds it once, in its own step)
        return Path(given)
    if BUNDLE.exists() and BUNDLE.stat().st_mtime > newest_input():
        return BUNDLE
    if not index_reachable():
        pytest.skip("building the bundle needs the package index (pypi.org), which does not answer")
    env = {**os.environ, "UV": os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")}
    built = subprocess.run(  # noqa: S603 -- our own build script
        [sys.executable, ROOT / "scripts" / "build-bundle"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=1200, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return BUNDLE


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs once, in the SQLite pass of make test"
)
def test_the_offline_bundle_installs_and_serves_with_no_network(bundle, tmp_path):
    archive = bundle
    # Nothing of this machine's configuration leaks in: a clean environment, pip with no configuration file.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "WORK": str(tmp_path),
        "BUNDLE": str(archive),
        "PREFIX": str(tmp_path / "opt" / "qunying"),
        "PORT": str(PORT),
        # The machine's Python for the venv (the clean PATH may not lead to it, e.g. under pyenv).
        "QUNYING_PYTHON": subprocess.check_output([ROOT / "scripts" / "find-python"], text=True).strip(),  # noqa: S603
    }
    result = subprocess.run(  # noqa: S603
        [shutil.which("unshare"), "-n", "bash", "-c", INSIDE],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert "network=no" in output, output
    assert re.search(r'healthz=\{"status": ?"ok"', output), output
    assert "static=200" in output, output
    assert "chinese=yes" in output, output
    seconds = float(re.search(r"install_seconds=([\d.]+)", output).group(1))
    print(f"bundle {archive.stat().st_size / 1024 / 1024:.0f} MB, installed with no network in {seconds:.0f} s")
