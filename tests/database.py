"""The test database, migrated and seeded once, then copied for every pytest worker.

Migrating (every app's migrations, the contrib ones too) and seeding the real directory cost each
worker several seconds of a suite that should take well under a minute, and the result is always
the same. On PostgreSQL it is built once into a template database whose name carries a digest of
everything that shapes it: the project's code (migrations, models, the importer the seed runs), the
seed's files, the Python version and every installed package's version. Each worker copies the
template (CREATE DATABASE ... TEMPLATE, a fraction of a second). A later run with the same digest
copies the same template again; a change to any of those files builds a new one and drops the old.
CI (CI set in the environment) always builds afresh, so every CI run migrates from nothing.

Another kind of database (SQLite, in memory) is migrated and seeded per worker, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import setup_databases, teardown_databases

# What the template's contents depend on besides the installed packages: the project's code (its
# migrations, its models and the import that seeds) and the seeded files. Tests and docs are not in it.
SHAPING = ("config", "directory", "referral", "fixtures/directory")
TEMPLATE_PREFIX = "test_{}_template_"  # with the server's database name
BUILDING = "_new"  # a template's name while it is built
templates_in_use: list[tuple[str, str]] = []  # this process's (prefix, template), once set up


def digest(run: str) -> str:
    """Changes whenever a file or package that shapes the migrated, seeded database changes, and in
    CI with every run."""
    hashed = hashlib.sha256(sys.version.encode() + (run.encode() if os.environ.get("CI") else b""))
    packages = sorted(f"{package.metadata['Name']}=={package.version}" for package in metadata.distributions())
    hashed.update("\n".join(packages).encode())
    base = Path(settings.BASE_DIR)
    for folder in SHAPING:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hashed.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()[:12]


def migrate_and_seed() -> None:
    """The database every test starts from: all migrations, then the real directory (`make run`'s seed)."""
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    call_command("seed_directory", verbosity=0, stdout=io.StringIO())


def delete_directory_rows() -> None:
    """Deletes every row of the directory's tables in the current transaction, for tests that make
    exactly the rows they need; the test's rollback restores them. Raw deletes skip the ORM's
    cascade collection, and the foreign keys are checked only at commit, which never comes. All
    the DELETEs go in one statement: one round trip instead of one per table (4 ms -> 1 ms, done
    for some 250 tests)."""
    models = reversed(list(apps.get_app_config("directory").get_models(include_auto_created=True)))
    tables = [model._meta.db_table for model in models if not model._meta.proxy]
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"DELETE FROM {quoted(table)}" for table in tables))


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def set_up(run: str) -> Any:
    """Creates this worker's test database (its name already carries the worker's suffix) and
    points the connection at it; returns what `tear_down` needs. `run` names this run of pytest
    (the same in all its workers): in CI it is part of the digest, so each run builds its template."""
    if connection.vendor != "postgresql":
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
        call_command("seed_directory", verbosity=0, stdout=io.StringIO())
        return databases
    server_name = connection.settings_dict["NAME"]
    copy = connection.creation._get_test_db_name()
    prefix = TEMPLATE_PREFIX.format(server_name)
    template = prefix + digest(run)
    # PostgreSQL cuts names at 63 bytes: a longer one would make two of these names one.
    assert len(f"{template}{BUILDING}".encode()) <= 63, f"DATABASE_URL's database name is too long for {template}"
    with template_lock(prefix) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone() is None:
            build_template(cursor, template, prefix)
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted(copy)}")
        cursor.execute(f"CREATE DATABASE {quoted(copy)} TEMPLATE {quoted(template)}")
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = copy
    templates_in_use.append((prefix, template))
    return server_name


@contextlib.contextmanager
def template_lock(prefix: str) -> Iterator[Any]:
    """A cursor on the server's maintenance database, holding the lock on the templates named with
    `prefix`: one process at a time checks, builds, copies or dumps them (PostgreSQL copies a
    template only while no one else is connected to it). The lock ends with the cursor's connection."""
    lock = int.from_bytes(hashlib.sha256(prefix.encode()).digest()[:8], "big", signed=True)
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock])
        yield cursor


def build_template(cursor: Any, template: str, prefix: str) -> None:
    """Migrates and seeds a database under a passing name and renames it to `template` when it is
    complete, so an interrupted build never leaves a template behind; drops older templates."""
    building = f"{template}{BUILDING}"
    test_settings = connection.settings_dict["TEST"]
    own_name, test_settings["NAME"] = test_settings.get("NAME"), building
    try:
        migrate_and_seed()
    finally:
        test_settings["NAME"] = own_name
        connection.close()
    cursor.execute(f"DROP DATABASE IF EXISTS {quoted(template)}")
    cursor.execute(f"ALTER DATABASE {quoted(building)} RENAME TO {quoted(template)}")
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
        [prefix, template],
    )
    for (older,) in cursor.fetchall():
        with contextlib.suppress(DatabaseError):  # a run of older code still copying from it keeps it
            cursor.execute(f"DROP DATABASE {quoted(older)}")


def dump_template(pg_dump: Path, output: Path) -> bool:
    """Writes the database the tests start from as SQL, for another PostgreSQL server to load;
    False when there is none to dump (the tests run on another kind of database)."""
    if not templates_in_use:
        return False
    prefix, template = templates_in_use[0]
    server = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": server.get("PASSWORD") or ""}
    command = [str(pg_dump), "--no-owner", "--no-privileges", "--file", str(output), "--dbname", template]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if server.get(key):
            command += [option, str(server[key])]
    with template_lock(prefix):
        subprocess.run(command, env=environment, check=True, capture_output=True, timeout=120)
    return True


def tear_down(state: Any) -> None:
    """Drops this worker's test database (the template stays for the next run)."""
    if connection.vendor != "postgresql":
        teardown_databases(state, verbosity=0)
        return
    connection.creation.destroy_test_db(state, verbosity=0)
