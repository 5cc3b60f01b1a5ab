"""Serialized feed answers: what GraphQL answered for a screen's feed, kept as bytes.

A screen's feed answer depends on the document, the screen's community and
kind, its own header fields (name, location …), the feed's content and
whether `since` was the current version. The version is a digest of the
content and of the screen's row (`feed.screen_version`), which holds its
community, kind and header fields: so (document, version, unchanged) is the
whole key, and the same answer serves the screen until its version changes.

The one part of the answer that changes by itself is `generatedAt`, the
server's time (the kiosk sets its clock by it). It is cut out of the stored
bytes and the current time put in on every answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Self

from cachetools import LRUCache

from qile_api.settings import Settings

# Cannot occur in an answer: PostgreSQL text holds no NUL.
_HOLE = "\x00generatedAt\x00"

AnswerKey = tuple[str, str, bool]  # document id, version, unchanged


@dataclass(frozen=True)
class Answer:
    version: str
    unchanged: bool  # `since` was the version: notModified, the lists empty
    head: bytes
    tail: bytes | None  # None: the document does not ask for generatedAt

    def size(self) -> int:
        return len(self.head) + len(self.tail or b"") + 200  # with the key and the object around them

    def render(self, generated_at: Callable[[], str], encode: Callable[[object], str]) -> bytes:
        if self.tail is None:
            return self.head
        return self.head + encode(generated_at()).encode() + self.tail


def answer_of(body: bytes, encode: Callable[[object], str]) -> Answer | None:
    """The answer to keep from a GraphQL response body; None when it is no feed to keep."""
    try:
        response: Any = json.loads(body)
    except ValueError:
        return None
    if not isinstance(response, dict) or "errors" in response or not isinstance(response.get("data"), dict):
        return None
    feed = response["data"].get("screenFeed")
    if not isinstance(feed, dict):
        return None
    version, unchanged = feed.get("version"), feed.get("notModified")
    if not isinstance(version, str) or not isinstance(unchanged, bool):
        return None
    if "generatedAt" not in feed:
        return Answer(version, unchanged, encode(response).encode(), None)
    feed["generatedAt"] = _HOLE
    head, hole, tail = encode(response).encode().partition(encode(_HOLE).encode())
    assert hole, "the hole must survive encoding"
    return Answer(version, unchanged, head, tail)


class FeedAnswers:
    """Answers by (document id, version, unchanged), shared by every request of the process."""

    def __init__(self, max_bytes: int) -> None:
        # Bounded by size, not count: a whole feed is some 20 KB, an unchanged one a few hundred bytes.
        self._entries: LRUCache[AnswerKey, Answer] = LRUCache(maxsize=max_bytes, getsizeof=Answer.size)
        # Read by tests and metrics.
        self.hits = 0
        self.misses = 0
        self.stored = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> Self:
        return cls(settings.feed_answers_bytes)

    def get(self, key: AnswerKey) -> Answer | None:
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: AnswerKey, answer: Answer) -> None:
        self._entries[key] = answer
        self.stored += 1

    def clear(self) -> None:
        self._entries.clear()
