"""Upgrading: a database at the previous release's schema migrates forward to the current one, and ends with the
same tables, columns and indexes as a fresh install.

PREVIOUS_RELEASE is each app's last migration in the state before issue 22 (commit 06ecba1, the one the bureaus run);
move it forward at each release. The upgrade path is what `qunying migrate` does after a restore of an older backup
(README, "Upgrading"); this test proves each migration since then applies on top of the old schema, and that the
result is the schema a new installation gets. It does not run the old code: rows written by it are covered by each
data migration's own test."""

import json
import os
import subprocess
import sys

import pytest

from tests.core.test_backup import scratch_databases

PREVIOUS_RELEASE = {
    "core": "0005_workerheartbeat",
    "org": "0005_rosterimport_cancelled_private_file",
    "accounts": "0003_second_factor",
    "deeds": "0001_initial",
    "feedback": "0001_initial",
    "honours": "0003_award_eligible_category",
    "discovery": "0002_threshold_default",
    "reserve": "0003_practice_visits_evaluations",
    "campaigns": "0005_rating_evidence_result_notices",
    "publicity": "0006_article_batches",
    "branches": "0001_initial",
    "care": "0001_initial",
    "reports": "0001_initial",
}

SCHEMA = r"""
import json
from django.db import connection
schema = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names(cursor)):
        columns = sorted((c.name, c.type_code if isinstance(c.type_code, str) else str(c.type_code), c.null_ok)
                         for c in connection.introspection.get_table_description(cursor, table))
        constraints = connection.introspection.get_constraints(cursor, table)
        shapes = sorted(
            [sorted(c["columns"] or []), bool(c["unique"]), bool(c["primary_key"]), bool(c["index"]),
             bool(c["check"]), bool(c["foreign_key"])]
            for c in constraints.values()
        )
        schema[table] = {"columns": columns, "constraints": shapes}
print(json.dumps(schema))
"""


def qunying(env, *args):
    result = subprocess.run(  # noqa: S603 -- our own interpreter and console script
        [sys.executable, "-m", "qunying", *args], env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, f"qunying {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def schema_of(env) -> dict:
    return json.loads(qunying(env, "shell", "--no-imports", "-c", SCHEMA).strip().splitlines()[-1])


@pytest.fixture
def environments(tmp_path):
    with scratch_databases(tmp_path, "upgrade") as (upgraded, fresh):
        base = {**os.environ, "QUNYING_VAR_DIR": str(tmp_path)}
        yield {**base, "DATABASE_URL": upgraded}, {**base, "DATABASE_URL": fresh}


def test_the_previous_release_schema_migrates_forward_to_the_schema_of_a_fresh_install(environments):
    upgraded, fresh = environments
    # One process migrates every app to its previous release (a process per app cost ~15 s of start-up each).
    to_previous = "from django.core.management import call_command\n" + "".join(
        f"call_command('migrate', {app!r}, {migration!r}, interactive=False, verbosity=0)\n"
        for app, migration in PREVIOUS_RELEASE.items()
    )
    qunying(upgraded, "shell", "--no-imports", "-c", to_previous)
    pending = qunying(upgraded, "showmigrations", "--plan")
    assert "[ ]" in pending  # the previous release really is behind the current one, or the test proves nothing

    qunying(upgraded, "migrate", "--noinput", "-v", "0")
    qunying(fresh, "migrate", "--noinput", "-v", "0")

    assert "[ ]" not in qunying(upgraded, "showmigrations", "--plan")
    assert schema_of(upgraded) == schema_of(fresh)
