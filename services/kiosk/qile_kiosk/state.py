"""The kiosk's state machine, free of pygame so it is easy to test.

FETCHING  no content yet, first answer pending: standby screen, "正在连接".
SHOWING   content from a poll that succeeded.
OFFLINE   content from the cache or an earlier poll; the API is not answering.
STANDBY   nothing to show and the API is not answering: brand, community, clock.
PAIRING   no token: the screen shows a pairing code until staff claim it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from qile_kiosk.feed import Feed


class Mode(enum.Enum):
    FETCHING = "fetching"
    SHOWING = "showing"
    OFFLINE = "offline"
    STANDBY = "standby"
    PAIRING = "pairing"


@dataclass(frozen=True)
class KioskState:
    mode: Mode
    feed: Feed | None = None
    # When the content shown was last fetched from the API (for the offline mark).
    fetched_at: datetime | None = None
    last_error: str | None = None
    unauthenticated: bool = False
    pairing_code: str | None = None
    pairing_expires_at: datetime | None = None
    # The console page that claims the code (the API's claimUrl), shown with it as a QR code.
    pairing_claim_url: str | None = None

    @classmethod
    def initial(cls, has_token: bool, cached: Feed | None = None, fetched_at: datetime | None = None) -> KioskState:
        if not has_token:
            return cls(Mode.PAIRING, cached, fetched_at)
        if cached is not None:
            # Until the API answers, what is shown comes from the cache: say so.
            return cls(Mode.OFFLINE, cached, fetched_at)
        return cls(Mode.FETCHING)

    def on_feed(self, feed: Feed, fetched_at: datetime) -> KioskState:
        return KioskState(Mode.SHOWING, feed, fetched_at)

    def on_unchanged(self, fetched_at: datetime) -> KioskState:
        if self.feed is None:
            # The API says "unchanged" but we hold nothing: only after a lost
            # cache; the poller then asks again without `since`.
            return replace(self, mode=Mode.FETCHING, last_error=None)
        return replace(self, mode=Mode.SHOWING, fetched_at=fetched_at, last_error=None, unauthenticated=False)

    def on_failure(self, error: str, unauthenticated: bool = False) -> KioskState:
        # Refused, not offline: the content is no longer this screen's to show, and
        # the screen says why instead of looking merely disconnected. That holds
        # until an answer accepts the token again: an API unreachable after refusing
        # must not bring the refused content back as "offline" (fail closed).
        refused = unauthenticated or self.unauthenticated
        mode = Mode.OFFLINE if self.feed is not None and not refused else Mode.STANDBY
        if self.mode is Mode.PAIRING:
            mode = Mode.PAIRING
        return replace(self, mode=mode, last_error=error, unauthenticated=refused)

    def on_pairing_code(self, code: str, expires_at: datetime | None, claim_url: str | None = None) -> KioskState:
        return replace(
            self,
            mode=Mode.PAIRING,
            pairing_code=code,
            pairing_expires_at=expires_at,
            pairing_claim_url=claim_url,
            last_error=None,
        )

    def on_unpaired(self) -> KioskState:
        return KioskState(Mode.PAIRING)

    def on_paired(self) -> KioskState:
        return KioskState(Mode.FETCHING, self.feed, self.fetched_at)
