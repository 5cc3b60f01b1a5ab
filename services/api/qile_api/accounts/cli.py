"""`qile-api user …`: accounts from the command line (passwords from standard input)."""

from __future__ import annotations

import argparse
import sys

from qile_api.accounts import service, sql
from qile_api.db.database import Database
from qile_api.problems import Refused
from qile_api.regions.sql import regions_named


class UserCommandError(Exception):
    pass


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = sub.add_parser("user", help="manage staff accounts (passwords are read from standard input)")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    create = user_sub.add_parser("create", help="create an account")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=service.ROLES)
    create.add_argument("--scope", required=True, help="region name: 淄博市, 张店区, 车站街道, 工盛社区 …")
    create.add_argument("--display-name", default="")
    user_sub.add_parser("list", help="list accounts")
    disable = user_sub.add_parser("disable", help="disable an account and end its sessions")
    disable.add_argument("--username", required=True)
    reset = user_sub.add_parser("reset-password", help="set a new password and end its sessions")
    reset.add_argument("--username", required=True)
    unlock = user_sub.add_parser("unlock", help="lift its sign-in locks at every address")
    unlock.add_argument("--username", required=True)


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("password: ")
    return sys.stdin.readline().rstrip("\n")


async def _region(db: Database, name: str) -> int:
    found = await regions_named(db, name)
    if len(found) != 1:
        raise UserCommandError(f"no single region named {name}")
    return found[0].id


async def _account(db: Database, username: str) -> sql.AccountRow:
    found = await sql.account_by_username(db, username)
    if found is None:
        raise UserCommandError(f"no account {username}")
    return found[0]


async def run(db: Database, args: argparse.Namespace) -> int:
    try:
        return await _run(db, args)
    except Refused as refused:
        raise UserCommandError(str(refused)) from refused


async def _run(db: Database, args: argparse.Namespace) -> int:
    """Each command calls the service its GraphQL mutation calls, as no account (the operator's shell),
    so it is checked and audited the same (`accountDisable` …)."""
    if args.user_command == "list":
        for a in await sql.accounts_in_scope(db, await _region(db, "淄博市")):
            state = "disabled" if a.disabled else "active"
            print(f"{a.username}\t{a.role}\t{a.scope_region_id}\t{state}\t{a.display_name}")
        return 0
    if args.user_command == "create":
        scope = await _region(db, args.scope)
        password = _read_password()
        async with db.transaction() as tx:
            account = await service.create_account(
                tx,
                actor_id=None,
                username=args.username,
                password=password,
                role=args.role,
                scope_region_id=scope,
                display_name=args.display_name,
            )
        print(f"created {account.username} ({account.role}, {args.scope})")
        return 0
    account = await _account(db, args.username.lower())
    if args.user_command == "unlock":
        async with db.transaction() as tx:
            await service.unlock_account(tx, actor_id=None, account=account)
        print(f"unlocked: {account.username}")
        return 0
    if args.user_command == "disable":
        # The version just read: an operator changes the account as it is now.
        await service.set_disabled(db, actor_id=None, account_id=account.id, version=account.version, disabled=True)
    else:
        password = _read_password()
        await service.reset_password(
            db, actor_id=None, account_id=account.id, version=account.version, password=password
        )
    print(f"{args.user_command}: {account.username}")
    return 0
