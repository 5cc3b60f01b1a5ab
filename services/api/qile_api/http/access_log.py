"""The server's log: the level operators choose, and request lines without their query strings.

uvicorn logs each request as "GET /path?query HTTP/1.1". A query string can
carry what must never reach a log file: a signed image link's signature
(`/media/…?exp=…&sig=…`, good for anyone for a quarter of an hour) or, from a
careless client, a whole GraphQL request with its variables (a sign-in sent
by GET is refused, but would still be logged). The path is enough to read
the log by; the query string is replaced by "?…".
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG

HIDDEN = "?…"


def without_query(path: str) -> str:
    head, sep, _ = path.partition("?")
    return head + HIDDEN if sep else head


class NoQueryString(logging.Filter):
    """On uvicorn's access logger, whose arguments are (client, method, path with query, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], without_query(args[2]), args[3], args[4])
        return True


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's own configuration (it travels to every worker process) with the filter and the level."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"no_query_string": {"()": f"{__name__}.NoQueryString"}}
    config["handlers"]["access"]["filters"] = ["no_query_string"]
    for logger in config["loggers"].values():
        logger["level"] = level.upper()
    # The root logger (the API's own qile_api.… loggers) keeps what `qile-api` set up.
    return config
