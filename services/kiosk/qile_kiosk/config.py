"""Kiosk settings: a TOML file, then QILE_KIOSK_* environment, then flags.

Later sources win. The file suits a screen installed for years, the
environment suits systemd units and containers, flags suit a technician.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = Path("/etc/qile-kiosk/kiosk.toml")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class KioskConfig:
    api_url: str = "http://127.0.0.1:8000"
    token: str | None = None
    poll_interval: float = 30.0
    # The longest wait between retries. Polls retry at most one poll_interval
    # apart whatever this says (poller.poll_retry_wait), so the offline stamp
    # clears within a poll of the API's return; photos use the larger of this and an hour.
    backoff_cap: float = 300.0
    cache_dir: Path = Path("/var/cache/qile-kiosk")
    width: int = 1920
    height: int = 1080
    fullscreen: bool = False
    font_path: Path | None = None
    font_index: int | None = None
    fps: int = 5
    # Seconds a slide stays before the rotation moves on.
    slide_seconds: float = 12.0
    # Seconds without a new frame before the watchdog restarts rendering.
    watchdog_seconds: float = 60.0
    # The longest wait for one answer from the API: a stalled API (or a link
    # that went silent) costs a poll this long, then the back-off takes over.
    request_timeout: float = 15.0

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @property
    def token_path(self) -> Path:
        """Where a token received by pairing is kept (a `token` setting wins over it)."""
        return self.cache_dir / "screen-token"

    @property
    def graphql_url(self) -> str:
        return self.api_url.rstrip("/") + "/graphql"

    def media_url(self, path: str) -> str:
        """Photo URLs are paths on the API (/media/<sha256>); absolute ones pass through."""
        if path.startswith(("http://", "https://")):
            return path
        return self.api_url.rstrip("/") + "/" + path.lstrip("/")


_FIELDS = {f.name: f for f in fields(KioskConfig)}


def _coerce(name: str, value: Any) -> Any:
    """Turn a TOML or environment value into the field's type."""
    default = getattr(KioskConfig(), name)
    try:
        if name in ("token", "font_path", "font_index") and (value is None or value == ""):
            return None
        if name in ("cache_dir", "font_path"):
            return Path(str(value)).expanduser()
        if name in ("width", "height", "fps", "font_index"):
            return int(value)
        if name in ("poll_interval", "backoff_cap", "slide_seconds", "watchdog_seconds", "request_timeout"):
            number = float(value)
            if number <= 0:
                raise ValueError("must be positive")
            return number
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"not a boolean: {value!r}")
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{name}: {exc}") from exc


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError as exc:
        raise ConfigError(f"size {text!r}: expected WIDTHxHEIGHT, e.g. 1920x1080") from exc


def _apply(config: KioskConfig, values: Mapping[str, Any], source: str) -> KioskConfig:
    changes: dict[str, Any] = {}
    for key, value in values.items():
        name = key.replace("-", "_").lower()
        if name == "size":
            changes["width"], changes["height"] = parse_size(str(value))
        elif name in _FIELDS:
            changes[name] = _coerce(name, value)
        else:
            raise ConfigError(f"{source}: unknown setting {key!r}")
    return replace(config, **changes)


def from_file(config: KioskConfig, path: Path) -> KioskConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    # Settings may sit at the top level or under [kiosk].
    section = data.get("kiosk", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [kiosk] must be a table")
    return _apply(config, section, str(path))


def from_env(config: KioskConfig, env: Mapping[str, str]) -> KioskConfig:
    prefix = "QILE_KIOSK_"
    values = {k[len(prefix) :]: v for k, v in env.items() if k.startswith(prefix) and k != prefix + "CONFIG"}
    return _apply(config, values, "environment")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, help="TOML file (default $QILE_KIOSK_CONFIG or /etc/qile-kiosk/kiosk.toml)"
    )
    parser.add_argument("--api-url", help="API base URL, e.g. http://api.example:8000")
    parser.add_argument("--token", help="this screen's bearer token")
    parser.add_argument("--poll-interval", type=float, help="seconds between polls (default 30)")
    parser.add_argument("--cache-dir", type=Path, help="where the last good feed and images are kept")
    parser.add_argument("--size", help="display size WIDTHxHEIGHT (1920x1080, 1080x1920, 1280x720)")
    parser.add_argument("--fullscreen", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--font-path", type=Path, help="CJK font file, instead of asking fontconfig")
    parser.add_argument("--font-index", type=int, help="face index in a .ttc collection")
    parser.add_argument("--slide-seconds", type=float, help="seconds per slide (default 12)")


def load_config(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> KioskConfig:
    env = os.environ if env is None else env
    config = KioskConfig()
    path: Path | None = args.config or (Path(env["QILE_KIOSK_CONFIG"]) if env.get("QILE_KIOSK_CONFIG") else None)
    if path is not None:
        config = from_file(config, path)
    elif DEFAULT_CONFIG_FILE.is_file():
        config = from_file(config, DEFAULT_CONFIG_FILE)
    config = from_env(config, env)
    flags = {
        name: getattr(args, name)
        for name in (
            "api_url",
            "token",
            "poll_interval",
            "cache_dir",
            "size",
            "fullscreen",
            "font_path",
            "font_index",
            "slide_seconds",
        )
        if getattr(args, name, None) is not None
    }
    return _apply(config, flags, "flags")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="qile-kiosk", description="Qile (齐乐) screen client")
    add_arguments(parser)
    parser.add_argument("--headless", action="store_true", help="no window: draw frames off screen")
    parser.add_argument("--frames", type=Path, help="write every drawn frame as a PNG into this folder")
    parser.add_argument(
        "--keep-frames",
        type=int,
        default=None,
        metavar="N",
        help="keep only the last N frames in --frames (a long headless run would fill the disk)",
    )
    parser.add_argument("--once", action="store_true", help="render one full rotation and exit")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)
