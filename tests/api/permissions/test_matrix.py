"""Every cell of the permission matrix in services/api/README.md, against the API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qile_api.graphql.permissions import IsStaff, ScopedRole
from qile_api.root.schema import build_schema
from qile_api.screens.auth import IsScreen
from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import BUILDERS

README = Path(__file__).parents[3] / "services" / "api" / "README.md"
ROLES = ("EDITOR", "REVIEWER", "ADMIN")


def matrix() -> dict[str, dict[str, bool]]:
    rows: dict[str, dict[str, bool]] = {}
    header: list[str] = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("| mutation |"):
            header = [c.strip() for c in line.strip("|").split("|")]
        elif header and re.match(r"^\| [a-z]\w+ \|", line):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0]] = {h: c == "✓" for h, c in zip(header[1:], cells[1:], strict=True)}
    return rows


MATRIX = matrix()


# Mutations that check a role but name no object in the region tree.
ROLE_ONLY = {"mediaUpload"}  # media are not scoped; what uses a photo is checked where it is used
# Mutations open to callers without a staff token, by design.
OPEN = {"login", "screenPairingStart", "screenPairingRedeem", "eventSignUp", "eventSignUpCancel"}


def mutations_by_permission() -> dict[str, set[str]]:
    schema = build_schema()
    mutation = schema.schema_converter.type_map["Mutation"].definition
    found: dict[str, set[str]] = {"scoped": set(), "staff": set(), "screen": set(), "open": set()}
    for field in mutation.fields:  # type: ignore[attr-defined]
        name = schema.config.name_converter.get_graphql_name(field)
        classes = field.permission_classes
        if any(issubclass(p, ScopedRole) for p in classes):
            found["scoped"].add(name)
        elif IsScreen in classes:
            found["screen"].add(name)
        elif IsStaff in classes:
            found["staff"].add(name)
        else:
            found["open"].add(name)
    return found


def test_the_matrix_names_every_scoped_mutation_of_the_schema() -> None:
    found = mutations_by_permission()

    # A scoped mutation added without a row (or a row without its mutation) fails here.
    assert set(MATRIX) == found["scoped"] - ROLE_ONLY
    assert set(MATRIX) == set(BUILDERS)
    # Nothing is open to anonymous callers unless declared so.
    assert found["open"] == OPEN


def refusal(body: dict) -> str | None:  # type: ignore[type-arg]
    for e in body.get("errors") or []:
        code = e.get("extensions", {}).get("code")
        if code in ("FORBIDDEN", "UNAUTHENTICATED"):
            return str(code)
        raise AssertionError(f"unexpected top-level error: {e}")
    return None


@pytest.mark.parametrize("mutation", sorted(MATRIX))
async def test_matrix_row(api: Api, mutation: str) -> None:
    expected = MATRIX[mutation]
    tokens = {role: await staff.staff(api.db, role.lower(), role, "车站街道") for role in ROLES}
    build = BUILDERS[mutation]
    wrong: list[str] = []

    for role in ROLES:
        for cell, wheres in ((f"{role} in", ("in",)), (f"{role} out", ("beside", "above"))):
            for where in wheres:
                request = await build(api.db, where)
                if request is None:  # e.g. a facility cannot sit in a district
                    continue
                audited = await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", mutation)
                body = await api.gql(*request, token=tokens[role])
                allowed = refusal(body) is None
                if allowed and body["data"][mutation]["errors"] != []:
                    # An allowed cell must do its work, or its audit entry goes unchecked.
                    wrong.append(f"{cell} ({where}): allowed but failed {body['data'][mutation]['errors']}")
                elif allowed:
                    # It did its work: the audit log says so, under the mutation's name.
                    now_audited = await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", mutation)
                    if now_audited != audited + 1:
                        wrong.append(f"{cell} ({where}): succeeded without an audit entry")
                if allowed != expected[cell]:
                    wrong.append(f"{cell} ({where}): {'allowed' if allowed else 'refused'}")
                if not allowed and refusal(body) != "FORBIDDEN":
                    wrong.append(f"{cell} ({where}): refused as {refusal(body)}, not FORBIDDEN")

    # (Nothing of a district's level lies inside the tests' scope: those ask above it.)
    anonymous = await api.gql(*(await build(api.db, "in") or await build(api.db, "above")))  # type: ignore[misc]
    if refusal(anonymous) != "UNAUTHENTICATED" or expected["anonymous"]:
        wrong.append(f"anonymous: {refusal(anonymous)}")

    assert wrong == [], f"{mutation}: " + "; ".join(wrong)
