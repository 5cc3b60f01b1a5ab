"""The staff console: its unit tests (Vitest) and the README's walkthrough in a real browser.

The browser is Debian's chromium (infra/install-chromium.sh installs it when
missing), driven by playwright-core with that executable: no browser download.
One API process over a fresh database serves the whole walkthrough, which
saves screenshots of the main pages at desktop and phone widths to
.data/console-screenshots.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[2]
CONSOLE = ROOT / "services" / "console"
SCREENSHOTS = ROOT / ".data" / "console-screenshots"
MAIN_PAGES = [
    "desktop-login",
    "desktop-home-admin",
    "desktop-accounts",
    "desktop-notices",
    "desktop-notice-form-error",
    "desktop-review",
    "desktop-graphiql",
    "phone-login",
    "phone-home",
    "phone-notices",
    "phone-notice-form",
    "phone-review",
]


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
    api = ApiProcess(fresh_dsn, env={"QILE_BOOTSTRAP_ADMIN": "admin:qile-demo-2024"}).start()
    try:
        yield api
    finally:
        api.stop()


def test_console_logic_unit_tests_pass(console_build: Path) -> None:
    result = run(["npx", "--no-install", "vitest", "run", "--reporter=dot"], timeout=300, cwd=CONSOLE)

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


def test_the_staff_walkthrough_in_a_real_browser(api_process: ApiProcess, chromium: str) -> None:
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    env = dict(
        os.environ,
        QILE_E2E_BASE_URL=api_process.url,
        QILE_E2E_CHROMIUM=chromium,
        QILE_E2E_SCREENSHOTS=str(SCREENSHOTS),
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
    )

    result = run(["node", str(CONSOLE / "e2e" / "walkthrough.mjs")], timeout=400, cwd=CONSOLE, env=env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "walkthrough: all 15 steps passed" in result.stdout, output[-6000:]
    # every main page, at both widths, was looked at (Chinese only, a CJK font) and kept
    missing = [page for page in MAIN_PAGES if not (SCREENSHOTS / f"{page}.png").is_file()]
    assert missing == []
