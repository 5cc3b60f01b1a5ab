"""What may exist only once, created twice at the same moment: once, and nobody gets an internal error.

A check that reads "does it exist yet?" before inserting passes for both
requests when they arrive together; the database's unique constraint then
refuses the second insert, and that refusal must come back as the payload's
DUPLICATE error at the right field, not as an internal error.
"""

from __future__ import annotations

from typing import Any

import pytest

from qile_api.screens.plays import sql as plays_sql
from tests.api import factories as f
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


PLAYS = "mutation($plays: [PlayInput!]!) { screenPlaysRecord(plays: $plays) { accepted errors { code } } }"


async def test_a_batch_of_plays_sent_twice_at_once_is_counted_once(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a kiosk whose upload timed out, sending the same plays again while the first is still on its way
    screen = await f.screen(api.db, "工盛社区")
    started = api.clock.now.isoformat()
    plays = [{"id": f"play-{i}", "item": "events", "startedAt": started, "seconds": 12.0} for i in range(50)]

    meeting = Rendezvous(2)
    meeting.hold(monkeypatch, plays_sql, "insert_plays")
    answers = await meeting.run(*(api.gql(PLAYS, {"plays": plays}, token=screen) for _ in range(2)))

    # then both answers accept every play (the kiosk may forget them), and each is stored once
    for answer in answers:
        assert sorted(answer["data"]["screenPlaysRecord"]["accepted"]) == sorted(p["id"] for p in plays)
    assert await api.db.fetchval("SELECT count(*) FROM plays") == 50
