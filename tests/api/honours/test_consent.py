"""Honours name real residents: no consent, no publication; withdrawn, gone from screens."""

from __future__ import annotations

from typing import Any

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import region

HONOUR = "honour { id status version } errors { code field message }"
CREATE = f"mutation($input: HonourCreateInput!) {{ honourCreate(input: $input) {{ {HONOUR} }} }}"
SUBMIT = f"mutation($input: ReviewInput!) {{ honourSubmit(input: $input) {{ {HONOUR} }} }}"
APPROVE = f"mutation($input: ReviewInput!) {{ honourApprove(input: $input) {{ {HONOUR} }} }}"
CONSENT = f"mutation($input: ConsentInput!) {{ honourConsentRecord(input: $input) {{ {HONOUR} }} }}"
WITHDRAW = f"mutation($input: ConsentWithdrawInput!) {{ honourConsentWithdraw(input: $input) {{ {HONOUR} }} }}"
GALLERY = "{ screenFeed { honours { subjectName } } }"
PUBLIC = "{ honours { nodes { subjectName } } }"


async def call(api: Api, doc: str, token: str, **input: Any) -> dict[str, Any]:
    body = await api.gql(doc, {"input": input}, token=token)
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    return payload  # type: ignore[no-any-return]


async def names(api: Api, token: str | None = None, doc: str = GALLERY) -> list[str]:
    body = await api.gql(doc, token=token)
    data = body["data"]["screenFeed"]["honours"] if doc == GALLERY else body["data"]["honours"]["nodes"]
    return [h["subjectName"] for h in data]


async def submitted(api: Api, editor: str, kind: str = "PERSON", name: str = "王秀兰") -> dict[str, Any]:
    created = await call(
        api,
        CREATE,
        editor,
        scope=await region(api.db, "工盛社区"),
        title="好邻居",
        subjectKind=kind,
        subjectName=name,
        citation="十年照顾独居老人",
        year=2024,
        contact="13800000000",
    )
    honour = created["honour"]
    return (await call(api, SUBMIT, editor, id=honour["id"], version=honour["version"]))["honour"]  # type: ignore[no-any-return]


async def test_a_person_is_published_only_with_recorded_consent(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    honour = await submitted(api, editor)

    refused = await call(api, APPROVE, reviewer, id=honour["id"], version=honour["version"])
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONSENT_REQUIRED", "consent")]

    consented = await call(
        api,
        CONSENT,
        editor,
        id=honour["id"],
        version=honour["version"],
        givenBy="王秀兰本人",
        givenAt="2026-11-20T10:00:00+08:00",
        method="书面签字",
    )
    honour = consented["honour"]
    approved = await call(api, APPROVE, reviewer, id=honour["id"], version=honour["version"])

    assert approved["honour"]["status"] == "PUBLISHED"
    assert await names(api, gallery) == ["王秀兰"]
    assert await names(api, doc=PUBLIC) == ["王秀兰"]


async def test_withdrawn_consent_takes_it_off_every_screen_at_the_next_poll(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    await f.honour(api.db, "工盛社区", "王秀兰")  # published, with consent
    assert await names(api, gallery) == ["王秀兰"]
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]

    withdrawn = await call(api, WITHDRAW, editor, id=gid, version=1)

    assert withdrawn["errors"] == []
    assert await names(api, gallery) == []
    assert await names(api, doc=PUBLIC) == []


async def test_a_merchant_needs_no_personal_consent(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    honour = await submitted(api, editor, kind="MERCHANT", name="老街坊便民超市")

    approved = await call(api, APPROVE, reviewer, id=honour["id"], version=honour["version"])

    assert approved["errors"] == [] and approved["honour"]["status"] == "PUBLISHED"


async def test_contact_is_kept_but_never_returned(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    await submitted(api, editor)

    stored = await api.db.fetchval("SELECT contact FROM honours")
    everything = await api.client.post(
        "/graphql",
        json={"query": "{ honours { nodes { subjectName citation title } } }"},
        headers={"Authorization": f"Bearer {editor}"},
    )

    assert stored == "13800000000"
    assert "13800000000" not in everything.text
