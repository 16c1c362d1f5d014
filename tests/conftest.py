"""The real directory (fixtures/directory/, through `seed_directory`, as `make run` seeds it) is
loaded once per test session; each test's transaction rolls back to it.

Tests that build their own rows ask for `empty_directory`, which deletes the directory inside the
test's transaction (the rollback brings it back), so they start from nothing in milliseconds
instead of reloading the fixture around every test. Browser tests only read: their live server
(one per session, tests/browser/conftest.py) serves this same committed directory.
"""

import io
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from directory.snapshot import forget_snapshot


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Passwords hashed with MD5 in this process: each user a test makes or logs in would otherwise
    cost a third of a second of PBKDF2. What the tests prove about logins does not depend on the
    hash; the servers and commands the tests start in other processes keep the real settings."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        call_command("seed_directory", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def directory_data(db: None) -> Iterator[None]:
    """The real directory, as `make run` seeds it (loaded once per session)."""
    forget_snapshot()  # a snapshot built by an earlier test may hold that test's rows
    yield
    forget_snapshot()


@pytest.fixture
def empty_directory(db: None) -> Iterator[None]:
    """No directory rows at all, for tests that make exactly the rows they need."""
    # Raw deletes skip the ORM's cascade collection; the rollback at the end restores every row,
    # and the foreign keys are checked only at commit, which never comes.
    for model in reversed(list(apps.get_app_config("directory").get_models(include_auto_created=True))):
        model.objects.all()._raw_delete(model.objects.db)
    forget_snapshot()
    yield
    forget_snapshot()


@pytest.fixture(autouse=True)
def admin_without_second_factor(settings) -> None:  # type: ignore[no-untyped-def]
    """Admin tests log staff in without a TOTP device; tests/production/test_admin_locks.py turns it on."""
    settings.ADMIN_REQUIRE_2FA = False
