"""Backups that restore: a consistent snapshot of the database, the uploaded files and a manifest with checksums.

A backup directory holds
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or `database.pgdump`
  (`pg_dump` custom format, one snapshot; restored with `pg_restore`);
- `media/` (and `private/` when private uploads live apart from the default storage): every stored file, read
  through Django's storage API, so a local directory and an object store are backed up alike;
- `manifest.json`: format, program version, engine, the last applied migration of each app, every file's size and
  SHA-256, and fingerprints (not the values) of the keys the data needs;
- with `--include-keys` only: `keys.env`, the encryption keys, the blind-index key and the audit key (mode 0600).

Without its keys a backup cannot be read (encrypted fields) nor its audit chain verified, and with them it must be
guarded like the keys themselves: by default they stay out, and the command says so loudly.
"""

import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.storage import private_storage

FORMAT = 1
MANIFEST = "manifest.json"
KEYS_FILE = "keys.env"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
# The settings whose values the data needs: encrypted fields, blind indexes (lookups), the audit log's hash chain.
KEY_SETTINGS = ("QUNYING_FIELD_KEYS", "QUNYING_BLIND_INDEX_KEY", "QUNYING_AUDIT_KEY")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Outcome:
    directory: Path
    engine: str
    files: int = 0
    media_files: int = 0
    keys_file: Path | None = None
    key_mismatches: list[str] = field(default_factory=list)


def key_fingerprint(value: str) -> str:
    """Identifies a key without revealing it: restore compares it with the keys configured there."""
    return hashlib.sha256(b"qunying-key-fingerprint\x00" + value.encode("utf-8")).hexdigest()[:16]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def program_version() -> str:
    try:
        return importlib.metadata.version("qunying")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree without metadata
        return "unknown"


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(_("Backups support SQLite and PostgreSQL; this database is %(vendor)s.") % {"vendor": vendor})
    return vendor


def _pg_environment(alias: str) -> dict[str, str]:
    """libpq's variables for the configured database, so no password appears on a command line."""
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", (db.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "The PostgreSQL client program %(program)s was not found. Install the PostgreSQL client of the "
                "server's major version (on Debian: apt install postgresql-client) and run the command again."
            )
            % {"program": name}
        )
    return path


def _run(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603 -- pg tools
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed (exit status %(status)s): %(error)s")
            % {"program": Path(argv[0]).name, "status": result.returncode, "error": result.stderr.strip()}
        )


def _storages():
    """The storages holding uploads: the default one, and the private one when its files live elsewhere."""
    storages = {"media": default_storage}
    private = private_storage()
    if getattr(default_storage, "location", None) != getattr(private, "location", None):
        storages["private"] = private
    return storages


def _walk(storage, directory: str = ""):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a local storage whose directory was never created holds no file
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from _walk(storage, f"{directory}/{name}" if directory else name)


def _applied_migrations(alias: str) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _prepare_directory(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(_("%(path)s is not an empty directory: a backup goes into a new one.") % {"path": directory})
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)


def _snapshot_database(alias: str, engine: str, directory: Path) -> Path:
    if engine == "sqlite":
        target = directory / SQLITE_FILE
        source = sqlite3.connect(connections[alias].settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # the online backup API: one consistent state, even while the site writes
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            copy.close()
            source.close()
        return target
    target = directory / PG_FILE
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
         _pg_environment(alias))  # fmt: skip
    return target


def write_backup(directory: Path, *, include_keys: bool = False, alias: str = DEFAULT_DB_ALIAS) -> Outcome:
    directory = Path(directory).resolve()
    engine = _engine(alias)
    _prepare_directory(directory)
    outcome = Outcome(directory=directory, engine=engine)
    migrations = _applied_migrations(alias)
    database = _snapshot_database(alias, engine, directory)
    database.chmod(0o600)
    files = {database.name: {"size": database.stat().st_size, "sha256": sha256_of(database)}}
    for prefix, storage in _storages().items():
        for name in _walk(storage):
            target = directory / prefix / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy, CHUNK)
            target.chmod(0o600)
            files[f"{prefix}/{name}"] = {"size": target.stat().st_size, "sha256": sha256_of(target)}
            outcome.media_files += 1
    if include_keys:
        keys = directory / KEYS_FILE
        descriptor = os.open(keys, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write("# Qunying keys: whoever holds this file and the backup can read every encrypted field.\n")
            for name in KEY_SETTINGS:
                handle.write(f"{name}={getattr(settings, name)}\n")
        outcome.keys_file = keys
    manifest = {
        "format": FORMAT,
        "program": "qunying",
        "version": program_version(),
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": database.name,
        "migrations": migrations,
        "keys_included": include_keys,
        "key_fingerprints": {name: key_fingerprint(getattr(settings, name)) for name in KEY_SETTINGS},
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    outcome.files = len(files)
    return outcome


def read_manifest(directory: Path) -> dict:
    """The manifest, after every listed file was found with its recorded size and checksum."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            _("%(path)s is missing or unreadable: this is not a Qunying backup.") % {"path": path}
        ) from None
    if manifest.get("program") != "qunying" or manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not a Qunying backup of a format this version reads.") % {"path": path})
    for name, recorded in manifest["files"].items():
        file = Path(directory) / name
        if not file.is_file() or file.stat().st_size != recorded["size"] or sha256_of(file) != recorded["sha256"]:
            raise BackupError(
                _("The backup is damaged: %(file)s is missing or differs from its checksum. Nothing was restored.")
                % {"file": name}
            )
    return manifest


def _existing_tables(alias: str) -> list[str]:
    with connections[alias].cursor() as cursor:
        return connections[alias].introspection.table_names(cursor)


def _restore_database(alias: str, engine: str, source: Path) -> None:
    connections[alias].close()
    if engine == "sqlite":
        target = sqlite3.connect(connections[alias].settings_dict["NAME"])
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup.backup(target)
        finally:
            backup.close()
            target.close()
        return
    _run(
        [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={connections[alias].settings_dict['NAME']}", str(source)],
        _pg_environment(alias),
    )  # fmt: skip


def restore_backup(directory: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Outcome:
    directory = Path(directory).resolve()
    manifest = read_manifest(directory)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            _("This backup is of a %(backup)s database and cannot be restored into %(target)s.")
            % {"backup": manifest["engine"], "target": engine}
        )
    if tables := _existing_tables(alias):
        raise BackupError(
            _(
                "The database is not empty (it has %(count)s tables): a backup is restored only into an empty "
                "database. Create a new, empty database, point DATABASE_URL at it and run the command again."
            )
            % {"count": len(tables)}
        )
    storages = _storages()
    for prefix, storage in storages.items():
        if any(True for _name in _walk(storage)):
            raise BackupError(
                _("The upload storage (%(name)s) already holds files: restore into an empty one.") % {"name": prefix}
            )
    outcome = Outcome(directory=directory, engine=engine)
    _restore_database(alias, engine, directory / manifest["database"])
    for name in manifest["files"]:
        prefix, _sep, stored_name = name.partition("/")
        if not stored_name:
            continue
        storage = storages.get(prefix) or storages["media"]
        with (directory / name).open("rb") as source:
            saved = storage.save(stored_name, File(source))
        if saved != stored_name:  # pragma: no cover - the storage was checked empty above
            raise BackupError(_("%(file)s was stored under another name.") % {"file": name})
        outcome.media_files += 1
    outcome.files = len(manifest["files"])
    outcome.key_mismatches = [
        name
        for name, fingerprint in manifest.get("key_fingerprints", {}).items()
        if key_fingerprint(getattr(settings, name)) != fingerprint
    ]
    return outcome
