"""The import check of `make lint` (import-linter, contracts in pyproject.toml) catches a layer broken.

Run on a copy of the API's package, so that a forbidden import can be added
without touching the real one: the copy as it is passes, and the same copy
with the kernel importing a domain fails, naming the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "services" / "api" / "qile_api", tmp_path / "qile_api", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", str(ROOT / "pyproject.toml")],
        cwd=where,
        # The copy comes first on the path, before the installed package.
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_as_it_is_keeps_every_contract(package_copy: Path) -> None:
    result = lint_imports(package_copy)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_kernel_importing_a_domain_fails_the_check(package_copy: Path) -> None:
    ids = package_copy / "qile_api" / "graphql" / "ids.py"
    ids.write_text(ids.read_text(encoding="utf-8") + "\nfrom qile_api.screens import sql as _forbidden\n")

    result = lint_imports(package_copy)

    assert result.returncode != 0
    assert "qile_api.graphql.ids -> qile_api.screens.sql" in result.stdout
