"""Helpers for the sign-up tests: an event open for sign-up, and a resident signing up through the API."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from strawberry.relay import to_base64

from qile_api.db.database import Database
from tests.api import factories as f
from tests.api.conftest import Api

SIGN_UP = """mutation($input: EventSignUpInput!) {
  eventSignUp(input: $input) {
    signUp { code name people merged event { id placesLeft signUpState } }
    errors { code field message }
  }
}"""
CANCEL = """mutation($input: EventSignUpCancelInput!) {
  eventSignUpCancel(input: $input) { event { placesLeft } errors { code field message } }
}"""


async def open_event(
    db: Database,
    now: datetime,
    *,
    capacity: int | None = 20,
    scope: str = "工盛社区",
    starts_in: timedelta = timedelta(days=3),
    opens: timedelta = timedelta(days=-1),
    closes: timedelta = timedelta(days=2),
    title: str = "邻居节",
) -> int:
    """A published event whose sign-up is open at `now` (window relative to it)."""
    event_id = await f.event(db, scope, title, starts=now + starts_in, hours=3)
    await db.execute(
        "UPDATE events SET capacity = $2, sign_up_opens_at = $3, sign_up_closes_at = $4, venue = '社区广场',"
        " organiser = '工盛社区居委会' WHERE id = $1",
        event_id,
        capacity,
        now + opens,
        now + closes,
    )
    return event_id


def event_gid(event_id: int) -> str:
    return to_base64("Event", event_id)


async def sign_up(
    api: Api, event_id: int, mobile: str = "13812345678", *, name: str = "王秀兰", people: int = 1, **extra: Any
) -> dict[str, Any]:
    payload = {"event": event_gid(event_id), "name": name, "mobile": mobile, "people": people, "consent": True}
    body = await api.gql(SIGN_UP, {"input": {**payload, **extra}}, token=None)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["eventSignUp"]
    return result


async def cancel(api: Api, event: int | str, code: str) -> dict[str, Any]:
    """Cancel with `code`; `event` an event's id, or any global ID a link might carry."""
    gid = event if isinstance(event, str) else event_gid(event)
    body = await api.gql(CANCEL, {"input": {"event": gid, "code": code}}, token=None)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["eventSignUpCancel"]
    return result


async def stored(db: Database) -> list[dict[str, Any]]:
    rows = await db.fetch("SELECT name, mobile, people, code FROM event_sign_ups ORDER BY id")
    return [dict(r) for r in rows]
