"""What the series tests share: their documents and a weekly 周末下午茶 in 工盛社区."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.content.test_times import create as call
from tests.api.permissions.builders import region

EVENT = "id title status version startsAt endsAt signUpOpensAt signUpClosesAt participants series { id }"
SERIES = f"series {{ id rule startsAt skipped copiedFrom {{ id }} events {{ {EVENT} }} }}"
ERRORS = "errors { code field message }"
CREATE = f"mutation($input: EventSeriesCreateInput!) {{ eventSeriesCreate(input: $input) {{ {SERIES} {ERRORS} }} }}"
COPY = f"mutation($input: EventCopyInput!) {{ eventCopy(input: $input) {{ events {{ {EVENT} }} {ERRORS} }} }}"
COPY_SERIES = f"mutation($input: EventSeriesCopyInput!) {{ eventSeriesCopy(input: $input) {{ {SERIES} {ERRORS} }} }}"
BATCH = "events { id status version } " + ERRORS
SUBMIT_ALL = f"mutation($input: BatchReviewInput!) {{ eventBatchSubmit(input: $input) {{ {BATCH} }} }}"
APPROVE_ALL = f"mutation($input: BatchReviewInput!) {{ eventBatchApprove(input: $input) {{ {BATCH} }} }}"
REJECT_ALL = f"mutation($input: BatchRejectInput!) {{ eventBatchReject(input: $input) {{ {BATCH} }} }}"
PREVIEW = f"""query($startsAt: DateTime!, $rule: String!, $skip: [Date!]) {{
  eventRecurrencePreview(startsAt: $startsAt, rule: $rule, skip: $skip) {{ rule dates skipped {ERRORS} }}
}}"""

# Saturday 5 December 2026, 07:30 in Zibo, written in UTC (the evening before there).
FIRST_START = "2026-12-04T23:30:00Z"
FIRST_END = "2026-12-05T01:30:00Z"
# Every weekend to Sunday 3 January 2027: across a month and a year.
WEEKENDS = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20270103"


async def tea_series(api: Api, token: str, rule: str = WEEKENDS, **extra: Any) -> dict[str, Any]:
    """eventSeriesCreate's payload for a weekend 周末下午茶 in 工盛社区."""
    fields: dict[str, Any] = {
        "scope": await region(api.db, "工盛社区"),
        "category": "AFTERNOON_TEA",
        "title": "周末下午茶",
        "venue": "社区会客厅",
        "startsAt": FIRST_START,
        "endsAt": FIRST_END,
        "rule": rule,
    }
    return await call(api, token, CREATE, **{**fields, **extra})


def items(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batch input naming these events at the versions read."""
    return [{"id": e["id"], "version": e["version"]} for e in events]


async def audited(api: Api, action: str) -> int:
    return int(await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", action))
