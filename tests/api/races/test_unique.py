"""Two staff creating at once what may exist only once: one is created, the other is told, nothing breaks.

A check that reads "does it exist yet?" before inserting passes for both
requests when they arrive together; the database's unique constraint then
refuses the second insert, and that refusal must come back as the payload's
DUPLICATE error at the right field, not as an internal error.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import region
from tests.api.races.together import Rendezvous

CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    # mutation: (input type, table, input without the community)
    "selectionCreate": (
        "SelectionCreateInput",
        "selections",
        {"year": 2026, "kind": "CIVIL_COURTYARD", "householdsEligible": 50, "householdsParticipating": 45},
    ),
    "screenRegister": ("ScreenRegisterInput", "screens", {"kind": "BULLETIN", "name": "大厅东屏"}),
    "accountCreate": (
        "AccountCreateInput",
        "accounts",
        {"username": "newbie", "password": "a long enough password", "role": "EDITOR"},
    ),
}


@pytest.mark.parametrize("mutation", list(CASES))
async def test_one_of_two_simultaneous_creations_of_the_same_thing_is_refused(
    api: Api, monkeypatch: pytest.MonkeyPatch, mutation: str
) -> None:
    # given two administrators about to record the same thing
    input_type, table, values = CASES[mutation]
    first = await staff.staff(api.db, "admin1", "ADMIN", "淄博市")
    second = await staff.staff(api.db, "admin2", "ADMIN", "淄博市")
    where = "scope" if mutation == "accountCreate" else "community"
    variables = {"input": {**values, where: await region(api.db, "工盛社区")}}
    doc = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ errors {{ code field }} }} }}"
    existing = int(await api.db.fetchval(f"SELECT count(*) FROM {table}"))

    # when both save it at the same moment
    meeting = Rendezvous(2)
    meeting.hold_transactions(monkeypatch)
    answers = await meeting.run(api.gql(doc, variables, token=first), api.gql(doc, variables, token=second))

    # then one is created and the other is refused as a duplicate (no internal error)
    assert all("errors" not in a for a in answers), answers
    codes = sorted(str([e["code"] for e in a["data"][mutation]["errors"]]) for a in answers)
    assert codes == ["['DUPLICATE']", "[]"]
    assert await api.db.fetchval(f"SELECT count(*) FROM {table}") == existing + 1
    assert await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", mutation) == 1
