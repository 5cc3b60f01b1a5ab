"""One typed settings object, read from the environment (and a `.env` file)."""

from __future__ import annotations

import re
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, IPvAnyNetwork, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def checkout_root() -> Path | None:
    """The source checkout this package runs from (where `make run` runs), if it runs from one."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "infra" / "dev" / "run.py").is_file() else None


_CHECKOUT = checkout_root()
_LOOPBACK: list[IPv4Network | IPv6Network] = [IPv4Network("127.0.0.0/8"), IPv6Network("::1/128")]


class Settings(BaseSettings):
    # In a checkout, `make run`, `qile-api …` from any folder and the tests
    # read the same `.env` and data folder: the checkout's. A CLI run from
    # another folder once started a second, empty PostgreSQL there.
    model_config = SettingsConfigDict(
        env_prefix="QILE_", env_file=_CHECKOUT / ".env" if _CHECKOUT else ".env", extra="ignore"
    )

    # DATABASE_URL is the one name every PostgreSQL tool understands, so it is
    # read without the QILE_ prefix.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    # Relative: to the checkout when running from one (as `make run` does), else to the current folder.
    data_dir: Path = Field(default=Path(".data"), validate_default=True)
    host: str = "127.0.0.1"
    port: int = 8000
    db_pool_min: int = 1
    db_pool_max: int = 10
    statement_timeout_ms: int = 5000
    # A database that is down or frozen must make requests fail fast, not hang:
    # waiting for a pooled connection (connecting included), opening one, and
    # a statement's answer are each bounded. The command timeout defaults to
    # the statement timeout plus a second, so the server's own cancel comes first.
    db_acquire_timeout_ms: int = 2000
    db_connect_timeout_ms: int = 2000
    db_command_timeout_ms: int | None = None
    readyz_timeout_ms: int = 1000
    max_body_bytes: int = 12 * 1024 * 1024
    max_query_depth: int = 12
    max_query_tokens: int = 3000
    max_aliases: int = 20
    # Estimated fields resolved, lists weighted by `first` or an estimate (graphql/cost.py).
    max_query_fields: int = 1_000
    max_query_cost: int = 20_000
    max_query_bytes: int = 100_000
    page_size_max: int = 100
    page_size_default: int = 20
    feed_horizon_days: int = 14
    feed_cache_entries: int = 10_000
    # Bytes of serialized feed answers kept per process (screens/answers.py):
    # 64 MiB holds the whole feeds of some 3,000 screens.
    feed_answers_bytes: int = 64 * 1024 * 1024
    # Each process re-reads what changed in the feed revisions and screens this
    # often (at once, too, when PostgreSQL notifies it), and answers polls from
    # memory only while its last re-check is at most `watch_trust_seconds` old:
    # a screen is never answered from memory older than that (screens/watch.py).
    watch_recheck_seconds: float = Field(default=0.5, gt=0)
    watch_trust_seconds: float = Field(default=1.0, gt=0)
    watch_screens_max: int = 200_000
    # Whether `__schema` and `__type` may be asked: GraphiQL and IDEs need it,
    # production does not (the console and kiosks are built against the
    # committed SDL), and it would hand anyone a map of every field and
    # argument. Off unless asked for; `make run` turns it on.
    introspection: bool = False
    # GraphiQL at /graphql in browsers; unset: served when introspection is on (it needs it).
    graphiql: bool | None = None
    # Browser origins (scheme://host[:port]) whose pages may call the API
    # cross-site: comma-separated. Empty: none (the console is served by the
    # API itself, same-origin, and needs no CORS).
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # The API's own log level: debug, info, warning, error.
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # One JSON object a line (what log collectors read; `serve`'s default) or
    # plain text for people (`make run`). Either way the same fields (logs.py).
    log_format: Literal["json", "text"] = "json"
    # One line per request (method, path without its query string, status,
    # duration, GraphQL operation, request id). Off unless asked: at tens of
    # thousands of screens polling it is most of the log and some of the CPU.
    access_log: bool = False
    # Who may read /metrics: addresses or networks, comma-separated, matched
    # against the client as QILE_TRUSTED_PROXIES resolves it. Loopback only by
    # default; empty: nobody.
    metrics_allow: Annotated[list[IPvAnyNetwork], NoDecode] = Field(
        default_factory=lambda: _LOOPBACK.copy()
    )
    # The staff console's build (services/console/dist); unset: beside this package's source.
    console_dir: Path | None = None
    shutdown_grace_seconds: int = 3
    timezone: str = "Asia/Shanghai"
    # Staff sign-in.
    bootstrap_admin: str | None = None  # "username:password", used only while no account exists
    session_ttl_hours: int = 12
    login_window_minutes: int = 15
    login_lock_after: int = Field(default=5, ge=1)
    login_lock_minutes: int = 15
    login_delay_ms: int = 250
    # Failed (or refused) sign-ins from one address, any usernames, per
    # window before that address is refused: high enough for an office.
    login_address_limit: int = Field(default=100, ge=1)
    # Proxies whose X-Forwarded-For (else Forwarded, else X-Real-IP) names
    # the client: comma-separated addresses or networks. Empty: every such
    # header is ignored and the peer's address is the client's.
    trusted_proxies: Annotated[list[IPvAnyNetwork], NoDecode] = Field(default_factory=list)
    # Photos.
    max_upload_bytes: int = 8 * 1024 * 1024
    # Key for signed image links; unset: one generated and kept in the database.
    media_url_key: str | None = None
    max_image_side: int = 8000
    max_image_pixels: int = 40_000_000
    screen_image_side: int = 1600
    # An urgent notice takes over every screen in its scope, so it always ends: given no end,
    # it shows this many hours from when it starts showing; it may not show for more than
    # urgent_max_days (both from its start, or from now when it starts earlier).
    urgent_default_hours: int = Field(default=24, ge=1)
    urgent_max_days: int = Field(default=7, ge=1)
    # Screens: pairing, heartbeats, screenshots, proof of play.
    pairing_code_minutes: int = 15
    pairing_per_address_per_hour: int = 30
    # A screen counts as online when seen within this many seconds: about
    # twice the kiosks' 30 s poll interval, with room for jitter.
    screen_online_seconds: int = 70
    heartbeat_flush_seconds: float = 2.0
    screenshot_side: int = 960
    screenshot_max_bytes: int = 4 * 1024 * 1024
    plays_batch_max: int = 500
    # Workbook imports: the largest file, and the most data rows in one.
    import_max_bytes: int = 5 * 1024 * 1024
    import_max_rows: int = 5000
    # How often each API process checks whether last month's assessment
    # snapshot is due (one process takes it); 0 turns the check off.
    snapshot_check_seconds: float = 3600
    # Residents signing up for events from a screen's QR code (qile_api/events/signups).
    # Sign-ups (names, mobile numbers) are deleted this long after their event ends.
    signup_retention_days: int = Field(default=90, ge=1)
    # How often the retention job looks (one process does the work: an advisory lock); 0: never (tests).
    signup_retention_interval_seconds: float = 3600.0
    # Sign-up attempts per address (a carrier's NAT hides many phones behind one) and per number.
    signup_per_address_per_hour: int = Field(default=60, ge=1)
    signup_per_mobile_per_hour: int = Field(default=6, ge=1)
    # Most people one sign-up may bring (the form's choice of 1..N).
    signup_max_people: int = Field(default=5, ge=1, le=20)
    # The address residents reach the API at, for the QR codes (https://qile.example.cn);
    # unset: the address the request came to.
    public_url: str | None = None

    @field_validator("data_dir")
    @classmethod
    def _in_checkout(cls, value: Path) -> Path:
        return _CHECKOUT / value if _CHECKOUT and not value.is_absolute() else value

    @field_validator("trusted_proxies", "metrics_allow", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return [item.strip() for item in value.split(",") if item.strip()] if isinstance(value, str) else value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        # An origin is compared as text with the browser's Origin header: a
        # trailing slash or a path would never match, and "*" would allow every site.
        for origin in value:
            if origin == "*" or not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError(f"{origin!r} is not an origin such as https://example.org")
        return [origin.lower() for origin in value]

    @property
    def graphiql_enabled(self) -> bool:
        return self.introspection if self.graphiql is None else self.graphiql

    @property
    def embedded_pgdata(self) -> Path:
        return self.data_dir / "pg"
