"""A resident signing up for an event, or cancelling, without an account.

Order of checks, so that bad input changes nothing: the form's values are
checked first (no database at all); then the attempt is counted per address
and per number (only counters move); then one transaction locks the event
row, checks the window and the places left, and writes. Sign-ups for one
event take turns on that lock, so concurrent requests cannot sell the same
place twice; a second sign-up by the same number is merged into the first
(its name and head count updated, its code kept).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from qile_api.db.database import Database, Executor
from qile_api.events.signups import sql
from qile_api.events.signups.mobile import parse_mobile
from qile_api.events.signups.sql import SignUpEvent, SignUpRow
from qile_api.events.signups.timefmt import day_and_time
from qile_api.limits import SIGN_UP_NAME
from qile_api.problems import ErrorCode, Problem, Refused, problem

# Read off a phone and typed by staff at the door: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
_WINDOW = timedelta(hours=1)

NOT_FOUND = "活动不存在或未发布"


@dataclass(frozen=True)
class SignUpForm:
    event_id: int
    name: str
    mobile: str
    people: int
    consent: bool
    screen_id: int | None = None


@dataclass(frozen=True)
class Receipt:
    sign_up: SignUpRow
    # True when the number had signed up already and this updated that sign-up.
    merged: bool


def normalise_code(code: str) -> str:
    """What residents and staff type: any case, spaces and dashes ignored."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def check_form(form: SignUpForm, max_people: int) -> tuple[list[Problem], str | None]:
    """Problems with the form's values, and the mobile number as stored."""
    problems: list[Problem] = []
    name = form.name.strip()
    if not name:
        problems.append(problem(ErrorCode.REQUIRED, "请填写姓名", "name"))
    elif len(name) > SIGN_UP_NAME.max:
        problems.append(problem(ErrorCode.TOO_LONG, f"姓名不能超过{SIGN_UP_NAME.max}个字", "name"))
    mobile = parse_mobile(form.mobile)
    if not form.mobile.strip():
        problems.append(problem(ErrorCode.REQUIRED, "请填写手机号", "mobile"))
    elif mobile is None:
        problems.append(problem(ErrorCode.INVALID, "请填写正确的中国大陆手机号（11位，如 138 1234 5678）", "mobile"))
    if not 1 <= form.people <= max_people:
        problems.append(problem(ErrorCode.INVALID, f"报名人数须在1到{max_people}人之间", "people"))
    if not form.consent:
        problems.append(problem(ErrorCode.CONSENT_REQUIRED, "请阅读并同意个人信息处理说明后再报名", "consent"))
    return problems, mobile


def mobile_key(mobile: str, key: bytes) -> str:
    """The throttle's key for a number: keyed, so the table holds no number."""
    return "mobile:" + hmac.new(key, mobile.encode(), hashlib.sha256).hexdigest()


async def count_attempts(db: Executor, keys_and_limits: list[tuple[str, int]], now: datetime) -> None:
    """Count this attempt under each key; THROTTLED past any key's hourly limit."""
    for key, limit in keys_and_limits:
        if await sql.count_attempt(db, key, now, _WINDOW) > limit:
            raise Refused(problem(ErrorCode.THROTTLED, "操作过于频繁，请一小时后再试"))


def _open_for_sign_up(event: SignUpEvent | None, now: datetime, timezone: str) -> SignUpEvent:
    if event is None or not event.public:
        raise Refused(problem(ErrorCode.NOT_FOUND, NOT_FOUND, "event"))
    if event.sign_up_opens_at is None or event.sign_up_closes_at is None:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, "本活动无需报名，欢迎直接参加", "event"))
    if now < event.sign_up_opens_at:
        opens = day_and_time(event.sign_up_opens_at, timezone)
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, f"报名尚未开始，{opens}开始报名", "event"))
    if now >= event.sign_up_closes_at or now >= event.ends_at:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, "报名已截止", "event"))
    return event


def _room_for(event: SignUpEvent, taken: int, people: int) -> None:
    if event.capacity is None or taken + people <= event.capacity:
        return
    left = max(event.capacity - taken, 0)
    message = "名额已满" if left == 0 else f"名额不足，仅剩{left}个名额"
    raise Refused(problem(ErrorCode.INVALID, message, "people"))


async def sign_up(db: Database, form: SignUpForm, mobile: str, *, name: str, now: datetime, timezone: str) -> Receipt:
    """Sign up (or merge into the number's sign-up); Refused leaves everything as it was."""
    async with db.transaction() as tx:
        event = _open_for_sign_up(await sql.lock_event(tx, form.event_id), now, timezone)
        existing = await sql.sign_up_of_mobile(tx, event.id, mobile)
        if existing is not None and existing.checked_in_at is not None:
            # Already at the door: nothing left to change.
            return Receipt(existing, merged=True)
        _room_for(event, await sql.people_taken(tx, event.id, existing.id if existing else None), form.people)
        if existing is not None:
            return Receipt(await sql.merge_sign_up(tx, existing.id, name, form.people, now), merged=True)
        for _ in range(10):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            row = await sql.insert_sign_up(tx, event.id, name, mobile, form.people, code, form.screen_id, now)
            if row is not None:
                return Receipt(row, merged=False)
        # 31^6 codes against one event's sign-ups: practically unreachable.
        raise RuntimeError("no free sign-up code")


async def cancel(db: Database, event_id: int, code: str, *, now: datetime) -> None:
    """Delete the sign-up holding `code` (its places free at once); Refused when there is none to cancel."""
    async with db.transaction() as tx:
        event = await sql.lock_event(tx, event_id)
        if event is None or not event.public:
            raise Refused(problem(ErrorCode.NOT_FOUND, NOT_FOUND, "event"))
        found = await sql.sign_up_of_code(tx, event.id, normalise_code(code))
        if found is None:
            raise Refused(problem(ErrorCode.NOT_FOUND, "取消码不正确，请核对报名成功时显示的6位码", "code"))
        if found.checked_in_at is not None:
            raise Refused(problem(ErrorCode.INVALID_TRANSITION, "已签到的报名不能取消", "code"))
        if now >= event.ends_at:
            raise Refused(problem(ErrorCode.INVALID_TRANSITION, "活动已结束，无需取消", "code"))
        await sql.delete_sign_up(tx, found.id)
