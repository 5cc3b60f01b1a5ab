"""For each scoped mutation: a request touching a region inside, beside or above a scope.

Test accounts are scoped to 车站街道. Inside is 工盛社区 (below it); beside is
柳毅社区 (another subdistrict's community); above is 张店区 (its district).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from strawberry.relay import to_base64

from qile_api.db.database import Database
from qile_api.screens.pairing.flow import start_pairing
from tests.api import factories as f
from tests.api import staff

WHERE = {"in": "工盛社区", "beside": "柳毅社区", "above": "张店区"}
WHEN = datetime(2026, 12, 1, 1, 0, tzinfo=UTC).isoformat()
GIVEN = datetime(2026, 11, 20, 1, 0, tzinfo=UTC).isoformat()  # a consent before the tests' clock

Request = tuple[str, dict[str, Any]]
Builder = Callable[[Database, str], Awaitable[Request | None]]


def gid(type_name: str, pk: int) -> str:
    return to_base64(type_name, pk)


async def region(db: Database, name: str) -> str:
    level = {"工盛社区": "Community", "柳毅社区": "Community", "张店区": "District"}[name]
    return gid(level, await f.region_id(db, name))


def _m(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ code }} }} }}"


def ref_builder(
    name: str, type_name: str, make: Callable[[Database, str], Awaitable[int]], extra: dict[str, Any]
) -> Builder:
    async def build(db: Database, where: str) -> Request | None:
        pk = await make(db, WHERE[where])
        return _m(name, _INPUT_TYPES[name]), {"input": {"id": gid(type_name, pk), "version": 1, **extra}}

    return build


def _notice_in(status: str) -> Callable[[Database, str], Awaitable[int]]:
    async def make(db: Database, scope: str) -> int:
        return await f.notice(db, scope, "通知", start=datetime(2026, 11, 1, tzinfo=UTC), status=status, urgent=True)

    return make


def _honour_in(status: str) -> Callable[[Database, str], Awaitable[int]]:
    async def make(db: Database, scope: str) -> int:
        return await f.honour(db, scope, "王秀兰", status=status)

    return make


def _event_in(status: str) -> Callable[[Database, str], Awaitable[int]]:
    async def make(db: Database, scope: str) -> int:
        return await f.event(db, scope, "活动", starts=datetime(2026, 12, 1, tzinfo=UTC), status=status)

    return make


_notice, _honour, _event = _notice_in("DRAFT"), _honour_in("DRAFT"), _event_in("DRAFT")
# The state each review step starts from, so that every allowed cell succeeds.
_STARTS_FROM = {"Submit": "DRAFT", "Approve": "IN_REVIEW", "Reject": "IN_REVIEW", "Archive": "PUBLISHED"}


async def _community_only(db: Database, scope: str) -> int | None:
    return None if scope == "张店区" else await f.region_id(db, scope)


async def _facility(db: Database, scope: str) -> int:
    value = await db.fetchval(
        "INSERT INTO facilities (community_id, kind, name) VALUES ($1, 'READING_ROOM', '阅览室') RETURNING id",
        await f.region_id(db, scope),
    )
    return int(value)


async def _team(db: Database, scope: str) -> int:
    value = await db.fetchval(
        "INSERT INTO teams (community_id, kind, name, members) VALUES ($1, 'CULTURE', '合唱队', 20) RETURNING id",
        await f.region_id(db, scope),
    )
    return int(value)


async def _screen(db: Database, scope: str) -> int:
    await f.screen(db, scope, name=f"屏{uuid.uuid4().hex[:6]}")
    value = await db.fetchval("SELECT max(id) FROM screens")
    return int(value)


async def _selection(db: Database, scope: str) -> int:
    # One per community, year and kind: each cell gets a fresh one.
    await db.execute("DELETE FROM selections WHERE community_id = $1", await f.region_id(db, scope))
    value = await db.fetchval(
        """INSERT INTO selections (community_id, year, kind, households_eligible, households_participating)
        VALUES ($1, 2026, 'CIVIL_FAMILY', 100, 90) RETURNING id""",
        await f.region_id(db, scope),
    )
    return int(value)


async def _recognition(db: Database, scope: str) -> int:
    value = await db.fetchval(
        """INSERT INTO recognitions (community_id, brand_name, level, recognised_by, recognised_on)
        VALUES ($1, '里仁为美', 'PROVINCIAL', '大众日报', '2026-06-01') RETURNING id""",
        await f.region_id(db, scope),
    )
    return int(value)


async def _no_selections(db: Database, scope: str) -> dict[str, Any]:
    # One selection per community, year and kind: each call starts without it.
    await db.execute("DELETE FROM selections WHERE community_id = $1", await f.region_id(db, scope))
    return {}


async def _pairing_code(db: Database, scope: str) -> dict[str, Any]:
    """A code a kiosk has just shown, and a fresh screen name."""
    started = await start_pairing(
        db, address=f"10.0.0.{uuid.uuid4().int % 250}", now=datetime.now(UTC), minutes=15, per_hour=1000
    )
    return {"code": started.code, "name": f"配对屏{uuid.uuid4().hex[:6]}"}


async def _account(db: Database, scope: str) -> int:
    return await staff.account(db, f"target{uuid.uuid4().hex[:8]}", "EDITOR", scope)


# An event at the door: started at the tests' clock (check-in opens 3 hours before).
AT_THE_DOOR = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)


def door_builder(name: str, input_type: str, extra: dict[str, Any], prepare: str | None = None) -> Builder:
    """`name` on a published event under way; `prepare` (SQL on $1, the event) sets up what the input names."""

    async def build(db: Database, where: str) -> Request | None:
        pk = await f.event(db, WHERE[where], "活动", starts=AT_THE_DOOR)
        if prepare:
            await db.execute(prepare, pk)
        return _m(name, input_type), {"input": {"event": gid("Event", pk), **extra}}

    return build


_INPUT_TYPES = {
    "accountResidentMobilesSet": "AccountResidentMobilesInput",
    "screenScreenshotRequest": "ScreenScreenshotRequestInput",
    "selectionUpdate": "SelectionUpdateInput",
    "selectionDelete": "RecordRefInput",
    "recognitionUpdate": "RecognitionUpdateInput",
    "recognitionDelete": "RecordRefInput",
    "noticeUpdate": "NoticeUpdateInput",
    "honourUpdate": "HonourUpdateInput",
    "eventUpdate": "EventUpdateInput",
    "honourConsentRecord": "ConsentInput",
    "honourConsentWithdraw": "ConsentWithdrawInput",
    "facilityUpdate": "FacilityUpdateInput",
    "facilityDelete": "RecordRefInput",
    "teamUpdate": "TeamUpdateInput",
    "teamDelete": "RecordRefInput",
    "communityUpdate": "CommunityUpdateInput",
    "screenRename": "ScreenRenameInput",
    "screenRotateToken": "ScreenRefInput",
    "screenDecommission": "ScreenRefInput",
    "accountUpdate": "AccountUpdateInput",
    "accountDisable": "AccountRefInput",
    "accountEnable": "AccountRefInput",
    "accountResetPassword": "AccountResetPasswordInput",
    "accountUnlock": "AccountUnlockInput",
}
for _kind in ("notice", "honour", "event"):
    for _verb in ("Submit", "Approve", "Archive"):
        _INPUT_TYPES[_kind + _verb] = "ReviewInput"
    _INPUT_TYPES[_kind + "Reject"] = "RejectInput"
_INPUT_TYPES["noticePublishUrgent"] = "ReviewInput"


Prepare = Callable[[Database, str], Awaitable[dict[str, Any]]]


async def _nothing(db: Database, scope: str) -> dict[str, Any]:
    return {}


def create_builder(
    name: str, input_type: str, fields: dict[str, Any], scope_key: str = "scope", prepare: Prepare = _nothing
) -> Builder:
    """`prepare` makes room for the new object (or gives fields a fresh value) before each call."""

    async def build(db: Database, where: str) -> Request | None:
        if scope_key == "community" and where == "above":
            return None
        fresh = await prepare(db, WHERE[where])
        return _m(name, input_type), {"input": {scope_key: await region(db, WHERE[where]), **fields, **fresh}}

    return build


def community_ref(name: str, extra: dict[str, Any]) -> Builder:
    async def build(db: Database, where: str) -> Request | None:
        pk = await _community_only(db, WHERE[where])
        if pk is None:
            return None
        version = await db.fetchval("SELECT version FROM regions WHERE id = $1", pk)
        return _m(name, _INPUT_TYPES[name]), {"input": {"id": gid("Community", pk), "version": version, **extra}}

    return build


def community_record(
    name: str, type_name: str, make: Callable[[Database, str], Awaitable[int]], extra: dict[str, Any]
) -> Builder:
    inner = ref_builder(name, type_name, make, extra)

    async def build(db: Database, where: str) -> Request | None:
        return None if where == "above" else await inner(db, where)

    return build


def unversioned(inner: Builder) -> Builder:
    """For inputs that name an object without a version (requests, not edits)."""

    async def build(db: Database, where: str) -> Request | None:
        request = await inner(db, where)
        if request is not None:
            request[1]["input"].pop("version")
        return request

    return build


async def _fresh_community(db: Database, scope: str) -> int:
    """A community of its own under the subdistrict of `scope` (tests/api/conftest.py's `clean` removes it)."""
    parent = await db.fetchval("SELECT parent_id FROM regions WHERE id = $1", await f.region_id(db, scope))
    value = await db.fetchval(
        "INSERT INTO regions (level, parent_id, name) VALUES ('COMMUNITY', $1, $2) RETURNING id",
        parent,
        f"新社区{uuid.uuid4().hex[:6]}",
    )
    return int(value)


def tree_builder(
    name: str, input_type: str, parent_key: str, parents: dict[str, str], fields: dict[str, Any]
) -> Builder:
    """A region created under `parents[where]` (a name); None where no such parent can be."""

    async def build(db: Database, where: str) -> Request | None:
        parent = parents.get(where)
        if parent is None:
            return None
        row = await db.fetchrow("SELECT id, level FROM regions WHERE name = $1", parent)
        level = {"CITY": "City", "DISTRICT": "District", "SUBDISTRICT": "Subdistrict"}[row["level"]]
        fresh = {"name": f"新区域{uuid.uuid4().hex[:6]}"}
        return _m(name, input_type), {"input": {parent_key: gid(level, row["id"]), **fields, **fresh}}

    return build


def region_ref(name: str, input_type: str, extra: dict[str, Any]) -> Builder:
    """A fresh community inside or beside the scope; above it, 张店区 itself (left as it is if ever allowed)."""

    async def build(db: Database, where: str) -> Request | None:
        if where == "above":
            pk, type_name, changes = await f.region_id(db, "张店区"), "District", {"name": "张店区"} if extra else {}
        else:
            pk, type_name, changes = await _fresh_community(db, WHERE[where]), "Community", extra
        version = await db.fetchval("SELECT version FROM regions WHERE id = $1", pk)
        return _m(name, input_type), {"input": {"id": gid(type_name, pk), "version": version, **changes}}

    return build


BUILDERS: dict[str, Builder] = {
    "noticeCreate": create_builder(
        "noticeCreate", "NoticeCreateInput", {"category": "SERVICE", "title": "通知", "body": "正文"}
    ),
    "honourCreate": create_builder(
        "honourCreate",
        "HonourCreateInput",
        {"title": "好邻居", "subjectKind": "PERSON", "subjectName": "王秀兰", "citation": "热心", "year": 2024},
    ),
    "eventCreate": create_builder(
        "eventCreate",
        "EventCreateInput",
        {"category": "READING", "title": "读书会", "startsAt": WHEN, "endsAt": "2026-12-01T03:00:00+00:00"},
    ),
    "facilityCreate": create_builder(
        "facilityCreate", "FacilityCreateInput", {"kind": "READING_ROOM", "name": "阅览室"}, "community"
    ),
    "teamCreate": create_builder(
        "teamCreate", "TeamCreateInput", {"kind": "CULTURE", "name": "合唱队", "members": 20}, "community"
    ),
    "screenRegister": create_builder(
        "screenRegister", "ScreenRegisterInput", {"kind": "BULLETIN", "name": "新屏"}, "community"
    ),
    "accountCreate": create_builder(
        "accountCreate",
        "AccountCreateInput",
        {"username": "newbie", "password": "a long enough password", "role": "EDITOR"},
    ),
    "noticeUpdate": ref_builder("noticeUpdate", "Notice", _notice, {"title": "新标题"}),
    "honourUpdate": ref_builder("honourUpdate", "Honour", _honour, {"citation": "新事迹"}),
    "eventUpdate": ref_builder("eventUpdate", "Event", _event, {"venue": "新地点"}),
    "honourConsentRecord": ref_builder(
        "honourConsentRecord", "Honour", _honour, {"givenBy": "本人", "givenAt": GIVEN, "method": "书面签字"}
    ),
    "honourConsentWithdraw": ref_builder("honourConsentWithdraw", "Honour", _honour, {}),
    "noticePublishUrgent": ref_builder("noticePublishUrgent", "Notice", _notice, {}),
    "facilityUpdate": community_record("facilityUpdate", "Facility", _facility, {"name": "新名"}),
    "facilityDelete": community_record("facilityDelete", "Facility", _facility, {}),
    "teamUpdate": community_record("teamUpdate", "Team", _team, {"members": 30}),
    "teamDelete": community_record("teamDelete", "Team", _team, {}),
    "communityUpdate": community_ref("communityUpdate", {"theme": "LOVE"}),
    "selectionCreate": create_builder(
        "selectionCreate",
        "SelectionCreateInput",
        {"year": 2026, "kind": "CIVIL_COURTYARD", "householdsEligible": 50, "householdsParticipating": 45},
        "community",
        _no_selections,
    ),
    "selectionUpdate": community_record("selectionUpdate", "Selection", _selection, {"householdsParticipating": 95}),
    "selectionDelete": community_record("selectionDelete", "Selection", _selection, {}),
    "recognitionCreate": create_builder(
        "recognitionCreate",
        "RecognitionCreateInput",
        {"brandName": "邻里守望", "level": "NATIONAL", "recognisedBy": "人民日报", "recognisedOn": "2026-05-01"},
        "community",
    ),
    "recognitionUpdate": community_record("recognitionUpdate", "Recognition", _recognition, {"note": "补充"}),
    "recognitionDelete": community_record("recognitionDelete", "Recognition", _recognition, {}),
    "attestationRecord": create_builder(
        "attestationRecord",
        "AttestationInput",
        {"year": 2026, "criterion": "civility.environment", "met": True},
        "community",
    ),
    "screenRename": community_record("screenRename", "Screen", _screen, {"name": "改名"}),
    "screenRotateToken": community_record("screenRotateToken", "Screen", _screen, {}),
    "screenDecommission": community_record("screenDecommission", "Screen", _screen, {}),
    "screenPairingClaim": create_builder(
        "screenPairingClaim",
        "ScreenPairingClaimInput",
        {"kind": "GALLERY", "name": "配对屏"},
        "community",
        _pairing_code,
    ),
    "screenScreenshotRequest": unversioned(community_record("screenScreenshotRequest", "Screen", _screen, {})),
    "accountUpdate": ref_builder("accountUpdate", "Account", _account, {"displayName": "新名字"}),
    "accountDisable": ref_builder("accountDisable", "Account", _account, {}),
    "accountEnable": ref_builder("accountEnable", "Account", _account, {}),
    "accountResetPassword": ref_builder(
        "accountResetPassword", "Account", _account, {"password": "another long password"}
    ),
    "accountUnlock": unversioned(ref_builder("accountUnlock", "Account", _account, {})),
    "accountResidentMobilesSet": unversioned(
        ref_builder("accountResidentMobilesSet", "Account", _account, {"granted": True})
    ),
    # Nothing of the city's own level lies inside 车站街道: only the refusals above it are exercised here
    # (tests/api/regions covers a city ADMIN creating districts and subdistricts).
    "districtCreate": tree_builder(
        "districtCreate", "DistrictCreateInput", "city", {"beside": "淄博市", "above": "淄博市"}, {}
    ),
    "subdistrictCreate": tree_builder(
        "subdistrictCreate",
        "SubdistrictCreateInput",
        "district",
        {"beside": "淄川区", "above": "张店区"},
        {"kind": "STREET"},
    ),
    "communityCreate": tree_builder(
        "communityCreate",
        "CommunityCreateInput",
        "subdistrict",
        {"in": "车站街道", "beside": "体育场街道", "above": "张店区"},
        {},
    ),
    "regionUpdate": region_ref("regionUpdate", "RegionUpdateInput", {"name": "改名社区"}),
    "regionRetire": region_ref("regionRetire", "RegionRetireInput", {}),
    "eventCheckIn": door_builder(
        "eventCheckIn",
        "EventCheckInInput",
        {"code": "ABCDEF"},
        "INSERT INTO event_sign_ups (event_id, name, mobile, people, code, consented_at, created_at, updated_at)"
        " VALUES ($1, '王秀兰', '13812345678', 1, 'ABCDEF', now(), now(), now())",
    ),
    "eventWalkInsAdd": door_builder("eventWalkInsAdd", "EventWalkInsInput", {"count": 3}),
    "eventAttendanceCorrect": door_builder(
        "eventAttendanceCorrect",
        "EventAttendanceCorrectInput",
        {"version": 1, "participants": 40},
        "INSERT INTO event_attendance (event_id, walk_ins, updated_at) VALUES ($1, 5, now())",
    ),
}
for _kind, _make, _type in (
    ("notice", _notice_in, "Notice"),
    ("honour", _honour_in, "Honour"),
    ("event", _event_in, "Event"),
):
    for _verb, _status in _STARTS_FROM.items():
        _extra = {"reason": "请补充"} if _verb == "Reject" else {}
        BUILDERS[_kind + _verb] = ref_builder(_kind + _verb, _type, _make(_status), _extra)
