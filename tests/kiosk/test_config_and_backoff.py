"""Configuration layering, the backoff schedule, the play log and the watchdog."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tenacity import RetryCallState

from qile_kiosk.config import ConfigError, KioskConfig, load_config, parse_args
from qile_kiosk.feed import SHANGHAI
from qile_kiosk.plays import PlayLog
from qile_kiosk.poller import backoff_wait, jittered, poll_retry_wait
from qile_kiosk.watchdog import Watchdog


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[kiosk]\napi_url = "http://file:1"\ntoken = "from-file"\npoll_interval = 45\nsize = "1080x1920"\n'
        'fullscreen = true\ncache_dir = "/tmp/qk"\n',
        encoding="utf-8",
    )
    env = {"QILE_KIOSK_TOKEN": "from-env", "QILE_KIOSK_POLL_INTERVAL": "20"}
    config = load_config(parse_args(["--config", str(path), "--poll-interval", "10"]), env)
    assert config.api_url == "http://file:1"
    assert config.token == "from-env"
    assert config.poll_interval == 10
    assert config.size == (1080, 1920)
    assert config.fullscreen is True
    assert config.cache_dir == Path("/tmp/qk")
    assert config.graphql_url == "http://file:1/graphql"
    assert config.media_url("/media/ab") == "http://file:1/media/ab"


def test_defaults_and_bad_values() -> None:
    config = load_config(parse_args([]), {})
    assert config.poll_interval == 30 and config.size == (1920, 1080)
    with pytest.raises(ConfigError):
        load_config(parse_args([]), {"QILE_KIOSK_POLL_INTERVAL": "-1"})
    with pytest.raises(ConfigError):
        load_config(parse_args(["--size", "big"]), {})
    with pytest.raises(ConfigError):
        load_config(parse_args([]), {"QILE_KIOSK_COLOUR": "red"})


def waits(cap: float | KioskConfig, attempts: int) -> list[float]:
    wait = poll_retry_wait(cap) if isinstance(cap, KioskConfig) else backoff_wait(cap)
    out = []
    for n in range(1, attempts + 1):
        state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
        state.attempt_number = n
        out.append(wait(state))
    return out


def test_backoff_has_jitter_grows_and_is_capped() -> None:
    samples = [waits(60, 12) for _ in range(200)]
    assert all(0.5 <= w <= 60 for s in samples for w in s)
    early = sum(s[0] for s in samples) / len(samples)
    late = sum(s[-1] for s in samples) / len(samples)
    assert early < 2 < 20 < late  # doubling until the cap
    assert len({round(s[-1], 3) for s in samples}) > 100  # jittered: kiosks don't retry in step
    assert all(27 <= jittered(30) <= 33 for _ in range(100))


def test_during_an_outage_polls_are_retried_at_most_one_poll_interval_apart() -> None:
    # given the defaults: a poll every 30 s, and 300 s as the general back-off cap
    config = KioskConfig()
    assert config.poll_interval == 30 and config.backoff_cap == 300

    # when the API stays down for many attempts
    samples = [waits(config, 30) for _ in range(300)]

    # then no wait exceeds 30 s: a screen is back within a poll of the API
    assert max(w for s in samples for w in s) <= 30
    settled = [w for s in samples for w in s[8:]]  # past the doubling, at the cap
    assert 10 < sum(settled) / len(settled) < 20  # about half a poll interval on average
    assert min(settled) < 5 and max(settled) > 25  # full jitter: a city's screens spread out
    # and a shorter poll interval shortens the waits with it; a lower cap still wins
    assert max(w for _ in range(100) for w in waits(KioskConfig(poll_interval=5), 20)) <= 5
    assert max(w for _ in range(100) for w in waits(KioskConfig(poll_interval=60, backoff_cap=45), 20)) <= 45


def test_plays_survive_a_restart_until_acknowledged(tmp_path: Path) -> None:
    now = datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)
    log = PlayLog(tmp_path / "plays.sqlite3")
    log.record("notice-1", now, 12.0)
    log.record("honour-2", now, 12.0)
    log.close()
    log = PlayLog(tmp_path / "plays.sqlite3")
    pending = log.pending()
    assert [p.item_id for p in pending] == ["notice-1", "honour-2"]
    assert pending[0].started_at == "2026-11-28T09:59:48+08:00"
    log.acknowledge([pending[0].id])
    log.acknowledge([pending[0].id])  # a retried acknowledgement changes nothing
    assert [p.item_id for p in log.pending()] == ["honour-2"]
    log.close()


def test_watchdog_fires_when_the_loop_stops_ticking() -> None:
    clock = [100.0]
    fired: list[bool] = []
    dog = Watchdog(lambda: 90.0, limit=30, on_stall=lambda: fired.append(True), monotonic=lambda: clock[0])
    assert dog.check() and not fired
    clock[0] = 130.0
    assert not dog.check() and fired
