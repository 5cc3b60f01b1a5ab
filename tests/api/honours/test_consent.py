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


async def drafted(api: Api, editor: str, kind: str = "PERSON", name: str = "王秀兰") -> dict[str, Any]:
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
    return created["honour"]  # type: ignore[no-any-return]


async def record_consent(api: Api, token: str, honour: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """honourConsentRecord with the usual answer, changed by `overrides`."""
    fields = {"givenBy": "王秀兰本人", "givenAt": "2026-11-20T10:00:00+08:00", "method": "书面签字", **overrides}
    return await call(api, CONSENT, token, id=honour["id"], version=honour["version"], **fields)


async def test_a_person_goes_to_review_only_with_recorded_consent(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    honour = await drafted(api, editor)

    # Refused when the editor submits it, where it can be put right, not later at the reviewer's.
    refused = await call(api, SUBMIT, editor, id=honour["id"], version=honour["version"])
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONSENT_REQUIRED", "consent")]
    assert "本人同意" in refused["errors"][0]["message"]

    consented = (await record_consent(api, editor, honour))["honour"]
    in_review = (await call(api, SUBMIT, editor, id=consented["id"], version=consented["version"]))["honour"]
    approved = await call(api, APPROVE, reviewer, id=in_review["id"], version=in_review["version"])

    assert approved["honour"]["status"] == "PUBLISHED"
    assert await names(api, gallery) == ["王秀兰"]
    assert await names(api, doc=PUBLIC) == ["王秀兰"]


async def test_a_household_needs_consent_to_be_submitted_too(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    honour = await drafted(api, editor, kind="HOUSEHOLD", name="刘强家庭")

    refused = await call(api, SUBMIT, editor, id=honour["id"], version=honour["version"])

    assert [e["code"] for e in refused["errors"]] == ["CONSENT_REQUIRED"]
    assert (await honour_of(api, honour["id"], editor))["status"] == "DRAFT"


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
    draft = await drafted(api, editor, kind="MERCHANT", name="老街坊便民超市")
    honour = (await call(api, SUBMIT, editor, id=draft["id"], version=draft["version"]))["honour"]

    approved = await call(api, APPROVE, reviewer, id=honour["id"], version=honour["version"])

    assert approved["errors"] == [] and approved["honour"]["status"] == "PUBLISHED"


async def test_contact_is_kept_but_never_returned(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    await drafted(api, editor)

    stored = await api.db.fetchval("SELECT contact FROM honours")
    everything = await api.client.post(
        "/graphql",
        json={"query": "{ honours { nodes { subjectName citation title } } }"},
        headers={"Authorization": f"Bearer {editor}"},
    )

    assert stored == "13800000000"
    assert "13800000000" not in everything.text


CONSENT_OF = """query($id: ID!) { node(id: $id) { ... on Honour { status version
  consent { state givenBy givenAt method withdrawnAt formPhoto { url } } } } }"""


async def honour_of(api: Api, gid: str, token: str | None) -> dict[str, Any]:
    return (await api.gql(CONSENT_OF, {"id": gid}, token=token))["data"]["node"]  # type: ignore[no-any-return]


async def test_withdrawal_shows_why_and_consent_again_goes_back_through_review(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    await f.honour(api.db, "工盛社区", "王秀兰")  # published, with consent
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]

    await call(api, WITHDRAW, editor, id=gid, version=1)
    taken_down = await honour_of(api, gid, editor)

    assert taken_down["status"] == "ARCHIVED"
    assert taken_down["consent"]["state"] == "WITHDRAWN"
    assert taken_down["consent"]["withdrawnAt"] is not None

    again = await record_consent(api, editor, {"id": gid, **taken_down}, givenAt="2026-11-28T09:00:00+08:00")

    # Consent alone does not put a name back on the wall: a reviewer must approve it again.
    assert again["errors"] == []
    assert again["honour"]["status"] == "DRAFT"
    assert (await honour_of(api, gid, editor))["consent"]["state"] == "GIVEN"
    assert await names(api, gallery) == []
    submitted_again = await call(api, SUBMIT, editor, id=gid, version=again["honour"]["version"])
    assert await names(api, gallery) == []
    approved = await call(api, APPROVE, reviewer, id=gid, version=submitted_again["honour"]["version"])
    assert approved["honour"]["status"] == "PUBLISHED"
    assert await names(api, gallery) == ["王秀兰"]


async def test_a_consent_dated_in_the_future_is_refused(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    honour = await drafted(api, editor)

    refused = await record_consent(api, editor, honour, givenAt="2030-01-01T09:00:00+08:00")

    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID", "givenAt")]
    assert (await honour_of(api, honour["id"], editor))["consent"]["state"] == "NONE"


async def test_consent_is_for_staff_in_scope_only(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    elsewhere = await staff.staff(api.db, "elsewhere", "EDITOR", "柳毅社区")
    await f.honour(api.db, "工盛社区", "王秀兰")
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]

    mine = await honour_of(api, gid, editor)
    public = await honour_of(api, gid, None)
    other = await honour_of(api, gid, elsewhere)

    assert mine["consent"]["state"] == "GIVEN"
    assert mine["consent"]["givenBy"] == "本人"
    assert public["consent"] is None
    assert other["consent"] is None


async def test_a_consent_form_photo_must_exist(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    honour = await drafted(api, editor)

    refused = await record_consent(api, editor, honour, formPhoto="0" * 64)

    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_FOUND", "formPhoto")]


UPDATE = f"mutation($input: HonourUpdateInput!) {{ honourUpdate(input: $input) {{ {HONOUR} }} }}"
REVISION = """query($id: ID!) { node(id: $id) { ... on Honour { status citation
  consent { state givenBy } original { citation consent { state } } } } }"""
AUDIT = "{ auditLog(first: 5) { nodes { action objectType before after } } }"


async def test_withdrawal_is_audited_and_takes_the_honour_down_at_once(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    await f.honour(api.db, "工盛社区", "王秀兰")
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]

    await call(api, WITHDRAW, admin, id=gid, version=1)
    entry = (await api.gql(AUDIT, token=admin))["data"]["auditLog"]["nodes"][0]
    archived = await api.gql("{ honours(filter: {status: [ARCHIVED]}) { nodes { subjectName } } }", token=admin)

    assert await names(api, gallery) == []
    assert (entry["action"], entry["objectType"]) == ("honourConsentWithdraw", "Honour")
    assert (entry["before"]["status"], entry["after"]["status"]) == ("PUBLISHED", "ARCHIVED")
    assert archived["data"]["honours"]["nodes"] == [{"subjectName": "王秀兰"}]


async def test_a_revision_shows_the_consent_an_approval_keeps_and_takes_none_of_its_own(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    gallery = await f.screen(api.db, "工盛社区", "GALLERY")
    await f.honour(api.db, "工盛社区", "王秀兰")  # published, consent given by 本人
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]
    revision = (await call(api, UPDATE, editor, id=gid, version=1, citation="二十年照顾独居老人"))["honour"]

    seen = (await api.gql(REVISION, {"id": revision["id"]}, token=editor))["data"]["node"]
    withdraw_draft = await call(api, WITHDRAW, editor, id=revision["id"], version=revision["version"])

    assert seen["consent"] == {"state": "GIVEN", "givenBy": "本人"}
    assert seen["original"] == {"citation": "热心助人", "consent": {"state": "GIVEN"}}
    # Withdrawing on the draft would leave the person on the wall: refused, pointing at the honour.
    assert [(e["code"], e["field"]) for e in withdraw_draft["errors"]] == [("INVALID_TRANSITION", "id")]
    assert await names(api, gallery) == ["王秀兰"]


async def test_a_revision_is_submitted_on_the_consent_of_its_published_honour(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    await f.honour(api.db, "工盛社区", "王秀兰")  # published, with consent
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]
    revision = (await call(api, UPDATE, editor, id=gid, version=1, citation="二十年照顾独居老人"))["honour"]

    sent = await call(api, SUBMIT, editor, id=revision["id"], version=revision["version"])

    assert sent["errors"] == [] and sent["honour"]["status"] == "IN_REVIEW"
