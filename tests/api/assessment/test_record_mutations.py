"""Staff recording the assessment's data: validation, versions, audit, effect."""

from __future__ import annotations

from typing import Any

from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

SELECTION = "selection { id version householdsParticipating } errors { code field }"
CREATE = f"mutation($input: SelectionCreateInput!) {{ selectionCreate(input: $input) {{ {SELECTION} }} }}"
UPDATE = f"mutation($input: SelectionUpdateInput!) {{ selectionUpdate(input: $input) {{ {SELECTION} }} }}"
ATTEST = """
mutation($input: AttestationInput!) {
  attestationRecord(input: $input) { attestation { met attestedByName } errors { code field } }
}
"""


async def payload(api: Api, doc: str, token: str, **input: Any) -> dict[str, Any]:
    body = await api.gql(doc, {"input": input}, token=token)
    assert "errors" not in body, body
    (value,) = body["data"].values()
    return value  # type: ignore[no-any-return]


async def test_selections_are_validated_unique_and_versioned(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    community = await r.community_gid(api, "工盛社区")
    base = {"community": community, "year": 2026, "kind": "CIVIL_FAMILY"}

    too_many = await payload(api, CREATE, editor, **base, householdsEligible=100, householdsParticipating=101)
    created = await payload(api, CREATE, editor, **base, householdsEligible=100, householdsParticipating=80)
    again = await payload(api, CREATE, editor, **base, householdsEligible=100, householdsParticipating=80)
    sel = created["selection"]
    updated = await payload(api, UPDATE, editor, id=sel["id"], version=sel["version"], householdsParticipating=95)
    stale = await payload(api, UPDATE, editor, id=sel["id"], version=sel["version"], householdsParticipating=10)

    assert [(e["code"], e["field"]) for e in too_many["errors"]] == [("INVALID", "householdsParticipating")]
    assert [(e["code"], e["field"]) for e in again["errors"]] == [("DUPLICATE", "kind")]
    assert updated["selection"]["householdsParticipating"] == 95
    assert [e["code"] for e in stale["errors"]] == ["CONFLICT"]
    actions = [row["action"] for row in await api.db.fetch("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["selectionCreate", "selectionUpdate"]


async def test_an_attestation_changes_the_assessment_and_names_who(api: Api) -> None:
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    community = await r.community_gid(api, "工盛社区")

    def status(assessment: dict[str, Any]) -> str:
        criteria = [c for p in assessment["parts"] for c in p["criteria"]]
        return next(c["status"] for c in criteria if c["key"] == "civility.environment")

    before = await r.assessment(api)
    recorded = await payload(
        api, ATTEST, reviewer, community=community, year=2026, criterion="civility.environment", met=True
    )
    unknown_key = await payload(api, ATTEST, reviewer, community=community, year=2026, criterion="no.such", met=True)
    after = await r.assessment(api)

    assert status(before) == "UNKNOWN" and status(after) == "MET"
    assert recorded["attestation"] == {"met": True, "attestedByName": "reviewer"}
    assert [(e["code"], e["field"]) for e in unknown_key["errors"]] == [("NOT_FOUND", "criterion")]


MEASURED_ATTEST = """
mutation($input: AttestationInput!) {
  attestationRecord(input: $input) { attestation { id } errors { code field message } }
}
"""
ATTESTATIONS_LISTED = """
query($community: ID!) {
  assessment(community: $community, year: 2026) {
    attestations { criterionKey met }
    parts { criteria { key status } }
  }
}
"""


async def test_a_measured_criterion_cannot_be_attested_and_stays_as_its_records_say(api: Api) -> None:
    # Given a reviewer, and 工盛社区 with no outdoor square recorded (facilities.outdoor_squares: 未达标 or 数据不足)
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    community = await r.community_gid(api, "工盛社区")
    before = (await api.gql(ATTESTATIONS_LISTED, {"community": community}, token=reviewer))["data"]["assessment"]

    # When they attest the measured criterion as met
    refused = await payload(
        api,
        MEASURED_ATTEST,
        reviewer,
        community=community,
        year=2026,
        criterion="facilities.outdoor_squares",
        met=True,
        note="广场看着挺大",
    )

    # Then it is refused at the criterion, saying why, and nothing is recorded or listed as met
    assert refused["attestation"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID", "criterion")]
    assert refused["errors"][0]["message"] == (
        "“室外文化广场、健身活动广场不少于1000平方米”按登记的记录自动评定，不能认定；只有需现场评定的标准项才能认定"
    )
    assert await api.db.fetchval("SELECT count(*) FROM attestations") == 0
    assert await api.db.fetchval("SELECT count(*) FROM audit_log") == 0
    after = (await api.gql(ATTESTATIONS_LISTED, {"community": community}, token=reviewer))["data"]["assessment"]
    assert after == before
    assert after["attestations"] == []


async def test_an_attestation_of_a_measured_criterion_kept_from_before_is_not_listed(api: Api) -> None:
    # Given an attestation of a measured criterion stored before such were refused, beside one judged on site
    await r.attestation(api.db, "facilities.outdoor_squares", True)
    await r.attestation(api.db, "civility.environment", True)

    # When the assessment lists the community's attestations
    community = await r.community_gid(api, "工盛社区")
    found = (await api.gql(ATTESTATIONS_LISTED, {"community": community}))["data"]["assessment"]

    # Then only the one judged on site is listed, and the measured criterion is judged by its records alone
    assert found["attestations"] == [{"criterionKey": "civility.environment", "met": True}]
    status = {c["key"]: c["status"] for p in found["parts"] for c in p["criteria"]}
    assert status["facilities.outdoor_squares"] != "MET"
    assert status["civility.environment"] == "MET"


RECOGNITION_CREATE = """
mutation($input: RecognitionCreateInput!) {
  recognitionCreate(input: $input) { recognition { id } errors { code field } }
}
"""
RECOGNITION_UPDATE = """
mutation($input: RecognitionUpdateInput!) {
  recognitionUpdate(input: $input) { recognition { brandName note version } errors { code field } }
}
"""
LISTED = """
query($community: ID!) {
  assessment(community: $community, year: 2026) {
    selections { id version }
    recognitions { id brandName note version }
  }
}
"""


async def test_records_listed_by_the_assessment_carry_what_a_correction_needs(api: Api) -> None:
    # Given a selection and a recognition recorded by an editor
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    community = await r.community_gid(api, "工盛社区")
    await payload(
        api,
        CREATE,
        editor,
        community=community,
        year=2026,
        kind="CIVIL_FAMILY",
        householdsEligible=100,
        householdsParticipating=80,
    )
    await payload(
        api,
        RECOGNITION_CREATE,
        editor,
        community=community,
        brandName="邻里守望",
        level="PROVINCIAL",
        recognisedBy="大众日报",
        recognisedOn="2026-03-01",
        note="省级媒体专题报道",
    )

    # When the editor reads them back through the assessment and corrects the recognition
    listed = (await api.gql(LISTED, {"community": community}, token=editor))["data"]["assessment"]
    (recognition,) = listed["recognitions"]
    corrected = await payload(
        api, RECOGNITION_UPDATE, editor, id=recognition["id"], version=recognition["version"], brandName="邻里守望站"
    )

    # Then the list gave the versions and the note, and the correction kept the note
    assert [s["version"] for s in listed["selections"]] == [1]
    assert recognition["note"] == "省级媒体专题报道"
    assert corrected == {
        "recognition": {"brandName": "邻里守望站", "note": "省级媒体专题报道", "version": 2},
        "errors": [],
    }
