"""deploy/ (issue 22 item 1): the nginx sample passes `nginx -t` and agrees with the application (upload limit,
timeouts, forwarded headers); the systemd units pass `systemd-analyze verify` and start commands that exist."""

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import load_command_class

from qunying.org.services import roster
from qunying.publicity.services import article_batches

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
NGINX_SAMPLE = DEPLOY / "nginx" / "qunying.conf"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
VENV_QUNYING = "/opt/qunying/.venv/bin/qunying"


def directive(name: str) -> list[str]:
    text = re.sub(r"#.*", "", NGINX_SAMPLE.read_text())
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, flags=re.MULTILINE)


def megabytes(value: str) -> int:
    return int(value.rstrip("mM"))


@pytest.mark.skipif(
    shutil.which("nginx") is None, reason="nginx is not installed (Debian: apt-get install nginx-light)"
)
def test_the_nginx_sample_passes_nginx_t(tmp_path):
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {NGINX_SAMPLE};\n}}\n"
    )
    result = subprocess.run(  # noqa: S603 -- the system's nginx on our own file
        [shutil.which("nginx"), "-t", "-c", str(main)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_nginx_sample_agrees_with_the_application():
    largest_upload = max(article_batches.MAX_UPLOAD_BYTES, roster.MAX_UPLOAD_BYTES) // (1024 * 1024)
    (body_size,) = directive("client_max_body_size")
    assert megabytes(body_size) >= largest_upload
    # As long as `qunying serve` lets a request run (its --timeout default), so a slow export is not cut short.
    serve = load_command_class("qunying.core", "serve").create_parser("qunying", "serve")
    assert set(directive("proxy_read_timeout")) == {f"{serve.get_default('timeout')}s"}
    # Each proxy appends the address it was called from: what QUNYING_PROXY_COUNT counts from the right.
    forwarded = [value for value in directive("proxy_set_header") if value.startswith("X-Forwarded-For")]
    assert forwarded and all(value.split()[1] == "$proxy_add_x_forwarded_for" for value in forwarded)
    assert not [value for value in directive("alias") if "media" in value], "uploads go through the scoped views only"


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_each_unit_starts_a_qunying_command_with_valid_arguments(unit):
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.optionxform = str
    parser.read(unit)
    assert {"Unit", "Service", "Install"} <= set(parser.sections())
    argv = shlex.split(parser["Service"]["ExecStart"])
    assert argv[0] == VENV_QUNYING
    command = load_command_class("qunying.core", argv[1]).create_parser("qunying", argv[1])
    command.parse_args(argv[2:])  # exits (SystemExit) on an unknown option
    assert parser["Service"]["Restart"] == "always" and parser["Service"]["KillSignal"] == "SIGTERM"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_units_pass_systemd_analyze_verify(tmp_path):
    # verify checks that ExecStart is executable: point it at this checkout's console script.
    qunying = Path(shutil.which("qunying") or Path(__file__).resolve().parent.parent / ".venv/bin/qunying")
    if not qunying.exists():
        pytest.skip("no qunying console script to point the units at")
    copies = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(VENV_QUNYING, str(qunying)))
        copies.append(str(copy))
    result = subprocess.run(  # noqa: S603 -- the system's systemd-analyze on our own files
        [shutil.which("systemd-analyze"), "verify", *copies], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr, result.stderr  # an unknown key or section is only a warning
