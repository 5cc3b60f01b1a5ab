"""infra/prometheus/alerts.yml: valid for Prometheus, firing when it should, on metrics the API exports."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.api import factories as f
from tests.api.conftest import Api
from tests.api.observability.scrape import scrape

ROOT = Path(__file__).resolve().parents[3]
RULES = ROOT / "infra" / "prometheus" / "alerts.yml"
CASES = ROOT / "infra" / "prometheus" / "alerts.test.yml"


@pytest.fixture(scope="module")
def promtool() -> str:
    """Debian's promtool (infra/install-promtool.sh fetches it when missing)."""
    found = subprocess.run(
        ["bash", str(ROOT / "infra" / "install-promtool.sh")], capture_output=True, text=True, timeout=600
    )
    assert found.returncode == 0, found.stderr
    return found.stdout.strip().splitlines()[-1]


def test_the_rules_are_valid(promtool: str) -> None:
    checked = subprocess.run([promtool, "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS: 5 rules found" in checked.stdout


def test_each_alert_fires_when_it_should_and_not_before(promtool: str) -> None:
    tested = subprocess.run(
        [promtool, "test", "rules", str(CASES)], capture_output=True, text=True, timeout=60, cwd=CASES.parent
    )

    assert tested.returncode == 0, tested.stdout + tested.stderr


async def test_every_metric_an_alert_uses_is_exported(api: Api) -> None:
    # given an API with a screen that has polled its feed
    token = await f.screen(api.db, "工盛社区")
    await api.gql("query ScreenFeed { screenFeed { version } }", token=token)

    exported = (await scrape(api.client)).names()
    # every name of the API's metrics in the file, comments included
    used = set(re.findall(r"\bqile_[a-z_]+\b", RULES.read_text(encoding="utf-8")))

    assert {"qile_communities_dark", "qile_ready", "qile_feed_builds_total"} <= used
    assert used <= exported, sorted(used - exported)
