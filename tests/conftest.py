import pytest
from django.core.management import call_command


@pytest.fixture
def directory_data(db: None) -> None:
    """The real Flemish directory from fixtures/, as `make run` loads it."""
    call_command("loaddata", "directory", verbosity=0)
