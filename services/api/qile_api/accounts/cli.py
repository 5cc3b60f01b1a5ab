"""`qile-api user …`: accounts from the command line (passwords from standard input)."""

from __future__ import annotations

import argparse
import sys

from qile_api.accounts import service, sql
from qile_api.accounts.passwords import hash_password, password_problem
from qile_api.db.database import Database
from qile_api.graphql.payloads import MutationFailed


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
    rows = await db.fetch("SELECT id FROM regions WHERE name = $1", name)
    if len(rows) != 1:
        raise UserCommandError(f"no single region named {name}")
    return int(rows[0]["id"])


async def _account(db: Database, username: str) -> sql.AccountRow:
    found = await sql.account_by_username(db, username)
    if found is None:
        raise UserCommandError(f"no account {username}")
    return found[0]


async def run(db: Database, args: argparse.Namespace) -> int:
    if args.user_command == "list":
        for a in await sql.accounts_in_scope(db, await _region(db, "淄博市")):
            state = "disabled" if a.disabled else "active"
            print(f"{a.username}\t{a.role}\t{a.scope_region_id}\t{state}\t{a.display_name}")
        return 0
    if args.user_command == "create":
        scope = await _region(db, args.scope)
        password = _read_password()
        try:
            async with db.transaction() as tx:
                account = await service.create_account(
                    tx,
                    actor_id=None,
                    username=args.username.lower(),
                    password=password,
                    role=args.role,
                    scope_region_id=scope,
                    display_name=args.display_name,
                )
        except MutationFailed as failed:
            raise UserCommandError("; ".join(e.message for e in failed.errors)) from failed
        print(f"created {account.username} ({account.role}, {args.scope})")
        return 0
    account = await _account(db, args.username.lower())
    if args.user_command == "unlock":
        async with db.transaction() as tx:
            await service.unlock_account(tx, actor_id=None, account=account)
        print(f"unlocked: {account.username}")
        return 0
    changes: dict[str, object]
    if args.user_command == "disable":
        action, changes = "accountDisable", {"disabled": True}
    else:
        password = _read_password()
        if (weak := password_problem(password)) is not None:
            raise UserCommandError(weak)
        action, changes = "accountResetPassword", {"password_hash": hash_password(password)}
    async with db.transaction() as tx:
        # Audited as the mutation that does the same (accountDisable …), by no account: the operator's shell.
        await service.change_account(tx, actor_id=None, action=action, before=account, **changes)
    print(f"{args.user_command}: {account.username}")
    return 0
