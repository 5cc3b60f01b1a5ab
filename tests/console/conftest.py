"""The console's fixtures: its build, Debian's chromium, an API over a fresh database, and the scenario runner.

Each scenario (services/console/e2e/<name>.mjs) runs against its own API
process and database and saves its screenshots to .data/console-screenshots,
emptied once per test session.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

ROOT = Path(__file__).parents[2]
CONSOLE = ROOT / "services" / "console"
SCREENSHOTS = ROOT / ".data" / "console-screenshots"
def run(args: list[str], timeout: float, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False, **kwargs)  # type: ignore[call-overload,no-any-return]


@pytest.fixture(scope="session")
def console_build() -> Path:
    """`make console`: builds (npm ci, codegen, vue-tsc, vite) only when missing or stale."""
    built = run(["make", "--no-print-directory", "console"], timeout=900, cwd=ROOT)
    if built.returncode != 0:
        pytest.fail(f"the console did not build:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}")
    return CONSOLE / "dist"


@pytest.fixture(scope="session")
def chromium() -> str:
    found = run(["bash", str(ROOT / "infra" / "install-chromium.sh")], timeout=900)
    if found.returncode != 0:
        pytest.fail(f"no chromium for the browser tests:\n{found.stderr}")
    return found.stdout.strip().splitlines()[-1]


@pytest.fixture
async def fresh_dsn(databases: Databases) -> str:
    """Migrated, with the region tree, and nobody in it yet: the demo admin is bootstrapped at start."""
    return await seeded_database(databases)


@pytest.fixture
def api_process(fresh_dsn: str, console_build: Path) -> Iterator[ApiProcess]:
    # As `make run` serves it: the walkthrough opens GraphiQL, which needs introspection.
    env = {"QILE_BOOTSTRAP_ADMIN": "admin:qile-demo-2024", "QILE_INTROSPECTION": "true"}
    api = ApiProcess(fresh_dsn, env=env).start()
    try:
        yield api
    finally:
        api.stop()


@pytest.fixture(scope="session", autouse=True)
def fresh_screenshots() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture
def scenario(api_process: ApiProcess, chromium: str) -> Callable[[str], str]:
    """Run e2e/<name>.mjs against this test's API; its output, once every step passed."""

    def run_scenario(name: str) -> str:
        env = dict(
            os.environ,
            QILE_E2E_BASE_URL=api_process.url,
            QILE_E2E_CHROMIUM=chromium,
            QILE_E2E_SCREENSHOTS=str(SCREENSHOTS),
            PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
        )
        result = run(["node", str(CONSOLE / "e2e" / f"{name}.mjs")], timeout=400, cwd=CONSOLE, env=env)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output[-6000:]
        return result.stdout

    return run_scenario
