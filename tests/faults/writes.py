"""Staff writing while something breaks: what was acknowledged, and whether it all survived whole.

Each writer creates a notice, edits it, creates the next one, and so on,
over the real API. A write counts as acknowledged when the API answered
with the notice (a payload without errors); everything else is an outage
answer or no answer at all, and the write may or may not have happened.
Afterwards the database must hold every acknowledged write, and every
notice there must match its audit trail: one create entry, one update
entry per version after the first, and the latest entry's title is the
notice's (a change without its entry, or an entry without its change, is a
half-applied write).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx

from qile_api.graphql.ids import parse_global_id, pk_of

NOTICE = "notice { id version title } errors { code message }"
CREATE = f"mutation($input: NoticeCreateInput!) {{ noticeCreate(input: $input) {{ {NOTICE} }} }}"
UPDATE = f"mutation($input: NoticeUpdateInput!) {{ noticeUpdate(input: $input) {{ {NOTICE} }} }}"

# What an answer may be while something is broken.
ACKED = "acknowledged"
OUTAGE = "outage"  # 503, Retry-After, SERVICE_UNAVAILABLE
TIMEOUT = "timeout"  # the statement timeout: 200 with a TIMEOUT error
NO_ANSWER = "no answer"  # the connection failed: only when the API itself is down


@dataclass(frozen=True)
class Answer:
    kind: str
    started: float  # monotonic
    seconds: float
    detail: str = ""


@dataclass
class Writes:
    """What the writers saw: every answer, and the acknowledged state of each notice."""

    answers: list[Answer] = field(default_factory=list)
    # Notice pk → (version, title) as last acknowledged.
    acked: dict[int, tuple[int, str]] = field(default_factory=dict)

    def kinds(self) -> Counter[str]:
        return Counter(a.kind for a in self.answers)

    def between(self, start: float, end: float) -> list[Answer]:
        return [a for a in self.answers if start <= a.started < end]

    def unexpected(self) -> list[Answer]:
        return [a for a in self.answers if a.kind not in (ACKED, OUTAGE, TIMEOUT, NO_ANSWER)]


def classify(response: httpx.Response, field_name: str) -> tuple[str, dict[str, Any] | None, str]:
    """The kind of answer, the notice if acknowledged, and what was odd otherwise."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code} without JSON", None, response.text[:200]
    errors = body.get("errors") or []
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    if response.status_code == 503:
        if codes == ["SERVICE_UNAVAILABLE"] and response.headers.get("retry-after", "").isdigit():
            return OUTAGE, None, ""
        return "503 without its code or Retry-After", None, response.text[:200]
    if response.status_code == 200 and codes == ["TIMEOUT"]:
        return TIMEOUT, None, ""
    payload = (body.get("data") or {}).get(field_name) if response.status_code == 200 and not errors else None
    if payload and payload.get("notice") and not payload.get("errors"):
        return ACKED, payload["notice"], ""
    return f"HTTP {response.status_code}", None, response.text[:300]


class Writer:
    def __init__(self, client: httpx.AsyncClient, token: str, scope: str, name: str, writes: Writes) -> None:
        self.client = client
        self.token = token
        self.scope = scope
        self.name = name
        self.writes = writes

    async def _send(self, document: str, field_name: str, input: dict[str, Any]) -> dict[str, Any] | None:
        started = time.monotonic()
        try:
            response = await self.client.post(
                "/graphql",
                json={"query": document, "variables": {"input": input}},
                headers={"Authorization": f"Bearer {self.token}"},
            )
        except httpx.TransportError as exc:
            self.writes.answers.append(Answer(NO_ANSWER, started, time.monotonic() - started, type(exc).__name__))
            return None
        kind, notice, detail = classify(response, field_name)
        self.writes.answers.append(Answer(kind, started, time.monotonic() - started, detail))
        if notice is not None:
            self.writes.acked[pk_of(parse_global_id(notice["id"]))] = (notice["version"], notice["title"])
        return notice

    async def run(self, stop: asyncio.Event, pause: float = 0.02) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            title = f"{self.name}-{n}"
            input = {"scope": self.scope, "category": "SERVICE", "title": title, "body": "故障测试"}
            created = await self._send(CREATE, "noticeCreate", input)
            if created is not None and not stop.is_set():
                edit = {"id": created["id"], "version": created["version"], "title": f"{title}·改"}
                await self._send(UPDATE, "noticeUpdate", edit)
            await asyncio.sleep(pause)


async def write_while(url: str, token: str, scope: str, writers: int, stop: asyncio.Event, writes: Writes) -> Writes:
    """Run `writers` staff writing until `stop` is set; what they saw goes to `writes` as it comes."""
    # No pooled connections carried over a fault: each writer is its own browser tab.
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        await asyncio.gather(*(Writer(client, token, scope, f"w{i}", writes).run(stop) for i in range(writers)))
    return writes


@dataclass(frozen=True)
class Audit:
    creates: int
    updates: int
    last_title: str | None


async def check_survived(dsn: str, writes: Writes, account_id: int) -> int:
    """Every acknowledged write is there, and nothing is half-applied; the number of notices checked."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch("SELECT id, version, title FROM notices WHERE created_by = $1", account_id)
        entries = await conn.fetch(
            """SELECT object_id, action, after->>'title' AS title FROM audit_log
            WHERE object_type = 'Notice' AND account_id = $1 ORDER BY id""",
            account_id,
        )
    finally:
        await conn.close()
    notices = {r["id"]: (r["version"], r["title"]) for r in rows}
    audits: dict[int, Audit] = {}
    for e in entries:
        a = audits.get(e["object_id"], Audit(0, 0, None))
        audits[e["object_id"]] = Audit(
            a.creates + (e["action"] == "noticeCreate"), a.updates + (e["action"] == "noticeUpdate"), e["title"]
        )

    lost = {pk: acked for pk, acked in writes.acked.items() if pk not in notices}
    assert not lost, f"acknowledged notices missing: {lost}"
    for pk, (version, title) in writes.acked.items():
        now_version, now_title = notices[pk]
        assert now_version >= version, (pk, version, now_version)
        if now_version == version:
            assert now_title == title, (pk, title, now_title)
    orphans = set(audits) - set(notices)
    assert not orphans, f"audit entries of changes that are not there: {sorted(orphans)}"
    for pk, (version, title) in notices.items():
        audit = audits.get(pk)
        assert audit == Audit(1, version - 1, title), (pk, version, title, audit)
    return len(notices)
