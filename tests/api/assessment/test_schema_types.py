"""The assessment's records as the schema describes them: nodes, enums with Chinese labels, dates as dates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from qile_api.root.schema import build_schema
from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

NODE = """
query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Selection { kind kindLabel }
    ... on Recognition { level levelLabel recognisedOn }
    ... on Attestation { criterionKey attestedAt }
  }
}
"""
RECORDS = """
query($community: ID!) {
  assessment(community: $community, year: 2026) {
    selections { id kind kindLabel }
    recognitions { id level levelLabel recognisedOn }
    attestations { id attestedAt }
  }
}
"""
ENUM = "query($name: String!) { __type(name: $name) { enumValues { name description } } }"
FACILITY = """
mutation($input: FacilityCreateInput!) {
  facilityCreate(input: $input) { facility { kind kindLabel } errors { code field } }
}
"""


async def records(api: Api) -> dict[str, Any]:
    await r.selection(api.db, "CIVIL_COURTYARD", 95)
    await r.recognition(api.db, "PROVINCIAL", on=date(2026, 5, 1))
    await r.attestation(api.db, "civility.environment", True)
    body = await api.gql(RECORDS, {"community": await r.community_gid(api)})
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["assessment"]
    return found


async def test_each_record_is_a_node_for_staff_in_scope_only(api: Api) -> None:
    # Given a selection, a recognition and an attestation of 工盛社区, read through its assessment
    found = await records(api)
    ids = [found["selections"][0]["id"], found["recognitions"][0]["id"], found["attestations"][0]["id"]]
    beside = await staff.staff(api.db, "zichuan", "REVIEWER", "淄川区")

    # When each is asked for by its ID, by the city's reviewer, by another district's and anonymously
    mine = [(await api.gql(NODE, {"id": i}))["data"]["node"] for i in ids]
    theirs = [(await api.gql(NODE, {"id": i}, token=beside))["data"]["node"] for i in ids]
    api.default_token = None
    public = [(await api.gql(NODE, {"id": i}))["data"]["node"] for i in ids]

    # Then staff whose scope holds the community find them; nobody else does
    assert [n["__typename"] for n in mine] == ["Selection", "Recognition", "Attestation"]
    assert [n["id"] for n in mine] == ids
    assert theirs == [None, None, None] and public == [None, None, None]


async def test_kinds_and_levels_are_enums_with_their_chinese_labels(api: Api) -> None:
    found = await records(api)

    assert found["selections"][0] | {"id": None} == {"id": None, "kind": "CIVIL_COURTYARD", "kindLabel": "文明楼院"}
    assert (found["recognitions"][0]["level"], found["recognitions"][0]["levelLabel"]) == ("PROVINCIAL", "省级")
    # The enum's values say in Chinese what the label fields say
    values = build_schema()._schema.type_map["FacilityKind"].values  # type: ignore[union-attr]
    assert values["PRACTICE_STATION"].description == "新时代文明实践站"
    assert len(values) == 18


async def test_dates_are_dates_and_times_carry_the_citys_offset(api: Api) -> None:
    found = await records(api)

    assert found["recognitions"][0]["recognisedOn"] == "2026-05-01"
    attested = datetime.fromisoformat(found["attestations"][0]["attestedAt"])
    assert attested.utcoffset() is not None and attested.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


async def test_a_kind_outside_the_enum_is_refused_before_anything_runs(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    community = await r.community_gid(api)

    bad = await api.gql(FACILITY, {"input": {"community": community, "kind": "SWIMMING_POOL", "name": "泳池"}}, editor)
    good = await api.gql(
        FACILITY, {"input": {"community": community, "kind": "READING_ROOM", "name": "阅览室"}}, editor
    )

    assert bad["data"] is None and "FacilityKind" in bad["errors"][0]["message"]
    assert good["data"]["facilityCreate"] == {
        "facility": {"kind": "READING_ROOM", "kindLabel": "图书阅览室"},
        "errors": [],
    }
