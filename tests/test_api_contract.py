"""The OpenAPI document is the contract: schemathesis (every check on) sends generated requests to a live server and
finds no response that the document does not describe, no schema-valid request refused (beyond the database checks
that tests/schemathesis.toml names) and no invalid request accepted."""

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from qunying.accounts.enums import Role
from qunying.accounts.services import issue_api_token
from tests.factories import PersonFactory

CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"
EXAMPLES = 100  # per operation and phase: bounded, still a few hundred requests


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_failure_against_the_live_api(live_server, role_user, tmp_path):
    owner = role_user(Role.POLITICAL_OFFICER)  # the read endpoints answer as this user
    _, token = issue_api_token(name="schemathesis", by=role_user(Role.SYS_ADMIN), owner=owner)
    PersonFactory(badge_number="340101")  # so some generated interactions are recorded, not only refused
    # The first request loads every view (a while on a busy machine): not a timeout schemathesis should count.
    with urllib.request.urlopen(f"{live_server.url}/api/openapi.json", timeout=300) as response:  # noqa: S310
        assert response.status == 200
    result = subprocess.run(  # noqa: S603 -- the schemathesis of our own environment
        [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
            f"{live_server.url}/api/openapi.json", "--checks", "all", "--max-examples", str(EXAMPLES),
            "--workers", "1", "--seed", "22", "--request-timeout", "60", "--no-color",
            "--header", f"Authorization: Bearer {token}",
        ],
        capture_output=True, text=True, timeout=600, check=False, env={**os.environ, "NO_COLOR": "1"},
        cwd=tmp_path,  # its cache directory (.schemathesis/) stays out of the tree
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    generated = re.search(r"(\d+) generated", output)
    assert generated and int(generated.group(1)) >= 100, output[-3000:]
    print(output[output.rfind("Test cases:") :])
