"""Persisted documents: the GraphQL documents this API knows by their hash.

GraphQL-over-HTTP's persisted documents: a client that sends one of these
may name it (`documentId=sha256:<hex>`) instead of sending its text, which
lets a screen poll by `GET /graphql?documentId=…` (a URL an HTTP cache can
revalidate, `screens/front.py`). Only the documents in `persisted/` are known:
the kiosk's own, copied byte for byte (a test compares them), so that a
document id names exactly one text here and in the kiosk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources

PREFIX = "sha256:"


def document_id(text: str) -> str:
    """The id a client sends for a document: `sha256:` and the hex SHA-256 of its UTF-8 text."""
    return PREFIX + hashlib.sha256(text.encode()).hexdigest()


class UnknownDocument(Exception):
    """A document id that is malformed (400) or names no persisted document (404)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PersistedDocuments:
    by_id: dict[str, str]
    ids: dict[str, str] = field(init=False)  # text → id

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", {text: doc_id for doc_id, text in self.by_id.items()})

    @classmethod
    def load(cls) -> PersistedDocuments:
        folder = resources.files("qile_api.graphql") / "persisted"
        texts = [f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".graphql")]
        return cls({document_id(text): text for text in texts})

    def text(self, doc_id: str) -> str:
        """The text of a document id; UnknownDocument says why not."""
        digest = doc_id.removeprefix(PREFIX)
        if not doc_id.startswith(PREFIX) or len(digest) != 64 or digest.strip("0123456789abcdef"):
            raise UnknownDocument(400, "documentId 应为 sha256:<64 位十六进制> (documentId must be sha256:<hex>)")
        text = self.by_id.get(doc_id)
        if text is None:
            raise UnknownDocument(404, "未知的持久化文档 (no persisted document has this documentId)")
        return text
