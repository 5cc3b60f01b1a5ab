"""`qile-api`: the operators' command line.

    qile-api migrate
    qile-api seed [--demo]
    qile-api screen add --community 工盛社区 --kind BULLETIN --name 大厅东屏
    qile-api user create --username admin --role ADMIN --scope 淄博市   (password on stdin)
    qile-api user list | disable --username X | reset-password --username X | unlock --username X
    qile-api serve [--workers N]   (default: one worker per core)
    qile-api schema

It reads DATABASE_URL like the server; when that is unset it uses the same
embedded PostgreSQL as `make run` (the checkout's `.data/pg`, from whatever
folder it runs). Only `migrate` and `seed` may create that database: the
other commands refuse to start a new, empty one.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.config
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from qile_api.accounts import cli as accounts_cli
from qile_api.db.database import Database
from qile_api.db.embedded import NoEmbeddedDatabase, describe, resolve_dsn
from qile_api.db.migrate import migrate
from qile_api.screens.admin import ScreenAdminError
from qile_api.settings import Settings


class CliError(Exception):
    pass


async def _with_db(settings: Settings, work: Callable[[Database], Awaitable[int]], *, create: bool) -> int:
    where = describe(settings.database_url, settings.embedded_pgdata)
    try:
        dsn, embedded = resolve_dsn(settings.database_url, settings.embedded_pgdata, create=create)
    except NoEmbeddedDatabase as exc:
        raise CliError(
            f"{exc} (where `make run` keeps it). Start `make run` once (or `qile-api seed`), "
            "or set DATABASE_URL, or QILE_DATA_DIR to the data folder `make run` used."
        ) from exc
    print(f"database: {where}", file=sys.stderr)
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=2)
    try:
        return await work(db)
    finally:
        await db.close()
        del embedded


async def _seed(db: Database, demo: bool) -> int:
    from qile_api.seed.reference import seed_reference

    async with db.transaction() as tx:
        report = await seed_reference(tx)
    print(
        f"reference data: {report.regions_created} regions created, "
        f"{report.themes_written} themes written, {report.pilots_marked} pilots marked"
    )
    if demo:
        from qile_api.seed.demo import seed_demo

        async with db.transaction() as tx:
            counts = await seed_demo(tx)
        print("demo content: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


async def _screen_add(db: Database, args: argparse.Namespace) -> int:
    from qile_api.screens.admin import add_screen

    token = await add_screen(db, args.community, args.kind, args.name, args.location)
    print(f"screen {args.name} added to {args.community}; its token (shown once):", file=sys.stderr)
    print(token)
    return 0


def _serve(settings: Settings, workers: int = 1) -> int:
    import uvicorn

    from qile_api.http.protocol import Utf8TargetHttpToolsProtocol
    from qile_api.logs import log_config
    from qile_api.observability.workers import shared_metrics
    from qile_api.root.app import create_app

    proxies = [str(network) for network in settings.trusted_proxies]
    # Several worker processes share the port; each builds its own app (the
    # factory reads the same settings from the environment), and migrations
    # stay once-only across them (db/migrate.py takes an advisory lock).
    # Their metrics meet in a folder set before any worker starts.
    with shared_metrics(workers):
        app: Any = create_app(settings) if workers == 1 else "qile_api.root.app:create_app"
        uvicorn.run(
            app,
            factory=workers > 1,
            workers=workers,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
            log_config=log_config(settings),
            # The API writes its own request lines (QILE_ACCESS_LOG), with the request id.
            access_log=False,
            # httptools (llhttp, in C: an unchanged poll spent 40 % of its time in
            # h11's pure-Python parsing), taking `?district=张店区` as curl sends it (raw UTF-8).
            http=Utf8TargetHttpToolsProtocol,
            # Forwarding headers name the client only when a configured proxy
            # sent them (uvicorn would trust 127.0.0.1 by default): the same list
            # the API's own client_address() uses.
            proxy_headers=bool(proxies),
            forwarded_allow_ips=proxies,
            # SIGTERM stops the process within seconds whatever it is doing:
            # requests still running after this are cut off.
            timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        )
    return 0


def _schema() -> int:
    from qile_api.root.schema import build_schema

    print(build_schema().as_str())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qile-api", description="Qile (齐乐) API operations")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply pending database migrations")
    seed = sub.add_parser("seed", help="load the reference data (idempotent)")
    seed.add_argument("--demo", action="store_true", help="also load demo content (never in production)")
    screen = sub.add_parser("screen", help="manage screens")
    screen_sub = screen.add_subparsers(dest="screen_command", required=True)
    add = screen_sub.add_parser("add", help="register a screen and print its token once")
    add.add_argument("--community", required=True, help="community name (工盛社区) or global ID")
    add.add_argument("--kind", required=True, choices=["BULLETIN", "GALLERY"])
    add.add_argument("--name", required=True, help="e.g. 大厅东屏")
    add.add_argument("--location", default="", help="where it stands")
    accounts_cli.add_parser(sub)
    serve = sub.add_parser("serve", help="serve the API")
    serve.add_argument(
        "--workers", type=_positive, default=default_workers(), help="worker processes (default: one per core)"
    )
    sub.add_parser("schema", help="print the GraphQL SDL")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    if args.command == "serve":
        from qile_api.logs import log_config

        logging.config.dictConfig(log_config(settings))
    else:
        # Commands a person runs and reads.
        logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "serve":
            return _serve(settings, args.workers)
        if args.command == "schema":
            return _schema()
        work: dict[str, Callable[[Database], Awaitable[int]]] = {
            "migrate": lambda db: _noop(),
            "seed": lambda db: _seed(db, args.demo),
            "screen": lambda db: _screen_add(db, args),
            "user": lambda db: accounts_cli.run(db, args),
        }
        # Only the commands that set a database up may create one.
        create = args.command in {"migrate", "seed"}
        return asyncio.run(_with_db(settings, work[args.command], create=create))
    except (CliError, ScreenAdminError, accounts_cli.UserCommandError) as exc:
        print(f"qile-api: {exc}", file=sys.stderr)
        return 2


def default_workers() -> int:
    """One worker per core this process may run on (each worker is one process, one core's worth)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


async def _noop(*_: Any) -> int:
    print("migrations are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
