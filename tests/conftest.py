"""The real directory (fixtures/directory/, through `seed_directory`, as `make run` seeds it) is
in the test database from the start (tests/database.py); each test's transaction rolls back to it.

Tests that build their own rows ask for `empty_directory`, which deletes the directory inside the
test's transaction (the rollback brings it back), so they start from nothing in milliseconds
instead of reloading the fixture around every test. Browser tests only read: their live server
(one per session, tests/browser/conftest.py) serves this same committed directory.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from directory.snapshot import forget_snapshot
from tests import database

# The files that take longest (seconds of a full run on two workers), handed out first and heaviest
# first: pytest-xdist (--dist loadfile) gives a worker its next whole file in collection order, so a
# slow file left to the end of the run kept one worker busy while the other had nothing left (the
# backup drill and the live servers ended the run 5 s after the other worker). The browser modules
# stay together, so a worker that gets two of them in a row starts Chromium once. The other files
# keep their collection order, after these.
SLOW_FILES = (
    "tests/browser/test_widget.py",  # 23 s
    "tests/browser/test_path.py",  # 21 s
    "tests/browser/test_kit.py",  # 12 s
    "tests/browser/test_embed.py",  # 11 s
    "tests/directory/test_admin.py",  # 7 s
    "tests/production/test_schemathesis.py",  # 6.6 s
    "tests/production/test_backup.py",  # 5.9 s
    "tests/directory/test_interchange.py",  # 5.6 s
    "tests/production/test_live_servers.py",  # 5 s
    "tests/directory/test_hsds.py",  # 4.6 s
    "tests/production/test_serving.py",  # 4.2 s
    "tests/directory/test_review.py",  # 3.6 s
    "tests/directory/test_api.py",  # 3.6 s
    "tests/referral/test_grid.py",  # 3.1 s
    "tests/directory/test_hours.py",  # 2 s
    "tests/referral/test_ranking.py",  # 2 s
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow files first, slowest first (SLOW_FILES); the order of the tests inside a file is kept."""
    rank = {path: index for index, path in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(SLOW_FILES)))


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Passwords hashed with MD5 in this process: each user a test makes or logs in would otherwise
    cost a third of a second of PBKDF2. What the tests prove about logins does not depend on the
    hash; the servers and commands the tests start in other processes keep the real settings."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def static_files_listed_once() -> Iterator[None]:
    """WhiteNoise lists and stats every app's static files (about 180, with their compressed
    variants and headers) whenever its middleware is made, and every test client makes its own
    middleware chain: some 8 ms per client, several seconds of a run. In this process the list is
    made once per configuration and each later middleware gets the same entries, which it would
    have built identically (no test writes a static file). Servers started in other processes
    still list them themselves."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    list_files = WhiteNoiseMiddleware.add_files_from_finders
    listed: dict[str, dict[str, Any]] = {}

    def add_files_from_finders(self: WhiteNoiseMiddleware) -> None:
        # Everything an entry is made from: the URL prefix, the response headers' settings, and
        # what decides which files the finders see and how their URLs are versioned.
        key = repr(
            (
                self.static_prefix,
                self.max_age,
                self.allow_all_origins,
                self.charset,
                self.add_headers_function,
                self.index_file,
                *(getattr(settings, name, None) for name in WHITENOISE_INPUTS),
            )
        )
        if key not in listed:
            before = dict(self.files)
            list_files(self)
            listed[key] = {url: entry for url, entry in self.files.items() if before.get(url) is not entry}
        else:
            self.files.update(listed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoiseMiddleware, "add_files_from_finders", add_files_from_finders)
        yield


# The settings besides the middleware's own attributes that shape WhiteNoise's list of files.
WHITENOISE_INPUTS = (
    "INSTALLED_APPS",
    "STATICFILES_DIRS",
    "STATICFILES_FINDERS",
    "STORAGES",
    "STATIC_URL",
    "WHITENOISE_MIMETYPES",
    "WHITENOISE_IMMUTABLE_FILE_TEST",
)


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_modify_db_settings: None,
    django_db_blocker: DjangoDbBlocker,
) -> Iterator[None]:
    """pytest-django's fixture of the same name, replaced: this worker's test database is a copy of
    one migrated and seeded once (tests/database.py), not migrated and seeded again per worker."""
    # pytest-xdist gives all workers of a run one id; a run in one process makes its own.
    run = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    with django_db_blocker.unblock():
        state = database.set_up(run)
    yield
    with django_db_blocker.unblock():
        database.tear_down(state)


@pytest.fixture
def directory_data(db: None) -> Iterator[None]:
    """The real directory, as `make run` seeds it (loaded once per session)."""
    forget_snapshot()  # a snapshot built by an earlier test may hold that test's rows
    yield
    forget_snapshot()


@pytest.fixture
def empty_directory(db: None) -> Iterator[None]:
    """No directory rows at all, for tests that make exactly the rows they need."""
    database.delete_directory_rows()  # the rollback at the end restores every row
    forget_snapshot()
    yield
    forget_snapshot()


@pytest.fixture(autouse=True)
def admin_without_second_factor(settings) -> None:  # type: ignore[no-untyped-def]
    """Admin tests log staff in without a TOTP device; tests/production/test_admin_locks.py turns it on."""
    settings.ADMIN_REQUIRE_2FA = False
