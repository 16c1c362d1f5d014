import pytest
from schemathesis.pytest.plugin import SchemathesisFunction


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """schemathesis names the test of each API operation `test_...[GET /path]`, but on pytest 9 all of
    them get one node id, `test_...`, which pytest builds from the original name. pytest-xdist sends
    tests to its workers by node id, so it ran the first operation only: each gets its own name back."""
    for item in items:
        if isinstance(item, SchemathesisFunction):
            item._id = item.parent.id.child(item.name)
