"""`qunying backup` and `qunying restore`: the demo bureau, backed up and restored into a fresh database of the same
engine as the test run (SQLite file, or two PostgreSQL databases of their own), reads back the same.

The commands run as the operator runs them (subprocesses), against databases that are not the test database: the
backup must see a committed demo, and the restore needs an empty database."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

# Prints what must survive the round trip: people with their decrypted fields and a blind-index lookup, honours, the
# audit chain (verified as `qunying verify-audit` does), and every uploaded file's checksum.
SNAPSHOT = r"""
import hashlib, json
from qunying.core.backup import _storages, _walk
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.queries import verify_audit_chain
from qunying.honours.models import Honour
from qunying.org.models import Person

people = [[p.badge_number, p.name, p.id_number, p.phone, p.unit.name] for p in Person.objects.select_related("unit")]
first = next(p for p in Person.objects.order_by("badge_number") if p.id_number)
lookup = blind_index(first.id_number, normalise=normalise_upper)  # the blind-index key came along too
found = [first.badge_number, list(Person.objects.filter(id_number_index=lookup).values_list("badge_number", flat=True))]
honours = sorted(
    [h.pk, h.person_id, h.unit_id, h.award_type.name, h.awarded_on.isoformat(), h.status]
    for h in Honour.objects.select_related("award_type")
)
report = verify_audit_chain()
files = {}
for prefix, storage in _storages().items():
    for name in _walk(storage):
        with storage.open(name, "rb") as handle:
            files[f"{prefix}/{name}"] = hashlib.sha256(handle.read()).hexdigest()
print(json.dumps({"people": sorted(people), "found": found, "honours": honours, "audit_ok": report.ok,
                  "audit_entries": report.entries, "files": files}, ensure_ascii=False))
"""


def qunying(env, *args, check=True, timeout=600):
    result = subprocess.run(  # noqa: S603 -- our own interpreter and console script
        [sys.executable, "-m", "qunying", *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check:
        assert result.returncode == 0, f"qunying {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def keys_from(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
    return {name: value for name, value in pairs if not name.startswith("#")}


@contextlib.contextmanager
def scratch_databases(root: Path, label: str):
    """Two database URLs of the test run's engine (SQLite files under root, or two PostgreSQL databases named after
    the test database and the label), dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{root / f'{label}-1.sqlite3'}", f"sqlite:///{root / f'{label}-2.sqlite3'}"
        return
    import psycopg

    config = dj_database_url.parse(url)
    names = [f"{config['NAME']}_{label}_1", f"{config['NAME']}_{label}_2"]
    connect = {k: v for k, v in (("host", config["HOST"]), ("port", config["PORT"]), ("user", config["USER"]),
                                 ("password", config["PASSWORD"])) if v}  # fmt: skip

    def recreate(create: bool):
        with psycopg.connect(dbname="postgres", autocommit=True, **connect) as connection:
            for name in names:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if create:
                    connection.execute(f'CREATE DATABASE "{name}"')

    recreate(create=True)
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        recreate(create=False)


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """The demo's database and the restore's."""
    root = tmp_path_factory.mktemp("backup")
    with scratch_databases(root, "backup") as (source_url, restored_url):
        yield root, source_url, restored_url


@pytest.fixture(scope="module")
def source(databases):
    """The demo bureau built in a database of its own, with its own keys under its own var directory."""
    root, source_url, _restored_url = databases
    var = root / "source-var"
    var.mkdir()
    env = {**os.environ, "DATABASE_URL": source_url, "QUNYING_VAR_DIR": str(var), "QUNYING_2FA_ROLES": ""}
    for name in ("QUNYING_FIELD_KEYS", "QUNYING_BLIND_INDEX_KEY", "QUNYING_AUDIT_KEY", "QUNYING_MEDIA_ROOT"):
        env.pop(name, None)
    qunying(env, "migrate", "--noinput", "-v", "0")
    qunying(env, "demo", timeout=900)
    return env


def snapshot(env) -> dict:
    return json.loads(qunying(env, "shell", "--no-imports", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


def test_demo_backup_restores_into_a_fresh_database_with_the_same_people_honours_audit_chain_and_files(
    databases, source, tmp_path
):
    root, _source_url, restored_url = databases
    before = snapshot(source)
    assert len(before["people"]) > 100 and before["honours"] and before["files"]
    assert before["audit_ok"] and before["audit_entries"] > 0
    assert any(person[2] for person in before["people"])  # decrypted ID numbers, not ciphertext

    plain = tmp_path / "plain"
    made = qunying(source, "backup", str(plain))
    assert "NOT contain the keys" in made.stderr or "不含密钥" in made.stderr
    assert not (plain / "keys.env").exists()

    backup = tmp_path / "backup"
    made = qunying(source, "backup", "--include-keys", str(backup))
    keys_file = backup / "keys.env"
    assert keys_file.stat().st_mode & 0o077 == 0
    keys = keys_from(keys_file)
    assert set(keys) == {"QUNYING_FIELD_KEYS", "QUNYING_BLIND_INDEX_KEY", "QUNYING_AUDIT_KEY"}
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["keys_included"] and len(manifest["files"]) == len(before["files"]) + 1
    assert not any(value in (backup / "manifest.json").read_text(encoding="utf-8") for value in keys.values())

    var = root / "restored-var"
    var.mkdir()
    restored = {**source, "DATABASE_URL": restored_url, "QUNYING_VAR_DIR": str(var), **keys}

    # A damaged copy is refused before anything is written.
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    victim = damaged / next(name for name in manifest["files"] if name.startswith("media/"))
    victim.write_bytes(victim.read_bytes() + b"x")
    refused = qunying(restored, "restore", str(damaged), check=False)
    assert refused.returncode == 1
    assert "damaged" in refused.stderr or "损坏" in refused.stderr

    qunying(restored, "restore", str(backup))
    qunying(restored, "migrate", "--noinput", "-v", "0")
    assert "audit chain ok" in qunying(restored, "verify-audit").stdout
    after = snapshot(restored)
    assert after == before
    assert after["found"][0] in after["found"][1]

    again = qunying(restored, "restore", str(backup), check=False)
    assert again.returncode == 1
    assert "not empty" in again.stderr or "不是空" in again.stderr


def test_restore_with_other_keys_warns_loudly(databases, source, tmp_path):
    root, _source_url, restored_url = databases
    backup = tmp_path / "backup"
    qunying(source, "backup", str(backup))
    var = root / "other-keys-var"
    var.mkdir()
    if not restored_url.startswith("sqlite"):
        pytest.skip("one restore database on PostgreSQL; the warning is the same on both engines")
    url = f"sqlite:///{root / 'other-keys.sqlite3'}"
    restored = {**source, "DATABASE_URL": url, "QUNYING_VAR_DIR": str(var)}
    done = qunying(restored, "restore", str(backup))
    assert "QUNYING_FIELD_KEYS" in done.stderr and "QUNYING_AUDIT_KEY" in done.stderr
