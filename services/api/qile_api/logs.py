"""The server's log: one JSON object a line, or plain text for people; never a secret.

JSON is what `qile-api serve` writes unless told otherwise (QILE_LOG_FORMAT=
text, as `make run` does): log collectors (journald's JSON export, Loki,
Vector …) read it without a parser of their own. The formatter is
python-json-logger's, on the standard `logging` module that uvicorn, asyncpg
and the API already log through: every line, the API's and the libraries',
comes out the same way, with `time`, `level`, `logger`, `message`, the
request's id while a request runs, and whatever fields the call passed
(`extra=`: the request line's method, path, status, duration …).

Secrets are kept out where they arise: the request line has the path without
its query string (a signed image link's signature, a GET request's
variables), headers and bodies are never logged, and the GraphQL view does
not log variables. As a last guard, anything shaped like one of Qile's
bearer tokens (`qu_…`, `qs_…`) or an Authorization value is blotted out of
every line before it is written.

The configuration is uvicorn's `log_config`: it is applied again in each
worker process uvicorn spawns, so every worker logs the same way.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from qile_api.observability.requests import current
from qile_api.settings import Settings

_SECRETS = (
    # The token's prefix stays: a reader can still tell a screen's from a person's.
    (re.compile(r"\b(q[su]_)[A-Za-z0-9_-]{8,}"), r"\1[redacted]"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[^\s\"',;]+"), r"\1 [redacted]"),
)


def redact(line: str) -> str:
    for pattern, replacement in _SECRETS:
        line = pattern.sub(replacement, line)
    return line


class RequestContext(logging.Filter):
    """Stamps the running request's id on the record (on the handler: libraries' lines get it too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current()
        if request is not None:
            record.request_id = request.request_id
        return True


class JsonLines(JsonFormatter):
    def __init__(self) -> None:
        super().__init__(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            # uvicorn's copy of its message with terminal colours.
            reserved_attrs=[*RESERVED_ATTRS, "color_message"],
            # Chinese as itself, not escaped: readable with grep, and fewer bytes.
            json_ensure_ascii=False,
        )

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class TextLines(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s", defaults={"request_id": "-"}
        )

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_config(settings: Settings) -> dict[str, Any]:
    """For `logging.config.dictConfig` and uvicorn: one handler on the root logger, everything through it."""
    level = settings.log_level.upper()
    formatter = JsonLines if settings.log_format == "json" else TextLines
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": f"{__name__}.{RequestContext.__name__}"}},
        "formatters": {"qile": {"()": f"{__name__}.{formatter.__name__}"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "qile",
                "filters": ["request"],
            }
        },
        # uvicorn's own loggers lose their handlers and pass their lines to the root's.
        "loggers": {name: {"level": level} for name in ("uvicorn", "uvicorn.error", "uvicorn.access")},
        "root": {"level": level, "handlers": ["stderr"]},
    }
