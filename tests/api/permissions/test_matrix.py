"""Every cell of the permission matrix in services/api/README.md, against the API."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_the_matrix_names_every_scoped_mutation(api: Api) -> None:
    assert set(MATRIX) == set(BUILDERS)
    assert len(MATRIX) >= 37


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
                if allowed and body["data"][mutation]["errors"] == []:
                    # It did its work: the audit log says so, under the mutation's name.
                    now_audited = await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", mutation)
                    if now_audited != audited + 1:
                        wrong.append(f"{cell} ({where}): succeeded without an audit entry")
                if allowed != expected[cell]:
                    wrong.append(f"{cell} ({where}): {'allowed' if allowed else 'refused'}")
                if not allowed and refusal(body) != "FORBIDDEN":
                    wrong.append(f"{cell} ({where}): refused as {refusal(body)}, not FORBIDDEN")

    anonymous = await api.gql(*(await build(api.db, "in")))  # type: ignore[misc]
    if refusal(anonymous) != "UNAUTHENTICATED" or expected["anonymous"]:
        wrong.append(f"anonymous: {refusal(anonymous)}")

    assert wrong == [], f"{mutation}: " + "; ".join(wrong)
