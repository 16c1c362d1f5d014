"""The arrows point from triage to the directory, never back: `directory/` imports nothing from
`referral/`, so the directory (its models, snapshot and read API) stands on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DIRECTORY = Path(__file__).resolve().parents[2] / "directory"


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted(DIRECTORY.rglob("*.py")), ids=lambda path: str(path.relative_to(DIRECTORY)))
def test_the_directory_imports_nothing_from_referral(path: Path) -> None:
    assert not {module for module in imported_modules(path) if module.split(".")[0] == "referral"}


def test_the_walk_sees_an_import_from_referral(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("import os\nfrom referral.ranking import rank\n")

    assert "referral.ranking" in imported_modules(module)
