"""The README's examples answer the same way whatever day it is, over `make run`'s demo content."""

from __future__ import annotations

from datetime import datetime

import pytest

from qile_api.seed.demo import seed_demo
from tests.api import staff
from tests.api.conftest import Api
from tests.api.test_demo import DAYS
from tests.test_readme import BLOCKS


def example(marker: str) -> str:
    (block,) = [b for path, _, b in BLOCKS if path.name == "README.md" and marker in b]
    return block


COMING = example("events(from: $now")
ASSESSMENT = example("assessment {")
PROGRAMME = example("pilotProgramme(")


@pytest.mark.parametrize("now", DAYS, ids=[d.date().isoformat() for d in DAYS])
async def test_the_examples_find_the_demo_on_any_day(api: Api, now: datetime) -> None:
    # Given the demo seeded on that day, and the README read on it
    api.clock.now = now
    async with api.db.transaction() as tx:
        await seed_demo(tx, now=now)
    community = await api.gql('{ communities(filter: {name: "工盛社区"}) { nodes { id } } }')
    gongsheng = community["data"]["communities"]["nodes"][0]["id"]
    token = await staff.staff(api.db, "city.reviewer", "REVIEWER", "淄博市")

    # When a developer runs the examples
    coming = await api.gql(COMING, {"community": gongsheng, "now": now.isoformat()})
    assessed = await api.gql(ASSESSMENT, token=token)
    programme = await api.gql(PROGRAMME, token=token)

    # Then the coming events are there, and this year's assessment shows every status
    events = coming["data"]["events"]["nodes"]
    assert len(events) >= 5 and all(datetime.fromisoformat(e["startsAt"]) > now for e in events)
    assert {n["title"] for n in coming["data"]["notices"]["nodes"]} >= {"3号楼周四上午停水检修"}
    assert "errors" not in assessed, assessed["errors"]
    counts = assessed["data"]["communities"]["nodes"][0]["assessment"]["counts"]
    assert counts["met"] > 0 and counts["notMet"] > 0 and counts["unknown"] > 0, counts
    assert len(programme["data"]["pilotProgramme"]["themes"]) == 5
