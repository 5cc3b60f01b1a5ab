"""The kiosk's state machine as a table: every state, every event, the state that follows.

The states are reached the way a screen reaches them (from `initial`, through
events); each cell says the mode that follows, which content it holds (`new`:
the feed that arrived, `old`: the one it had, `none`) and `!` when the API's
refusal is what the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from qile_kiosk.feed import Feed, parse_feed
from qile_kiosk.state import KioskState, Mode
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed

OLD = parse_feed(raw_feed(notices=[notice("a", "停水通知", "周四停水")]))
NEW = parse_feed({**raw_feed(notices=[notice("b", "招聘会", "周六")]), "version": "v2"})
LATER = NOW + timedelta(minutes=1)

STATES: dict[str, Callable[[], KioskState]] = {
    "fetching": lambda: KioskState.initial(True),
    "showing": lambda: KioskState.initial(True).on_feed(OLD, NOW),
    "offline": lambda: KioskState.initial(True).on_feed(OLD, NOW).on_failure("ConnectError: refused"),
    "cached": lambda: KioskState.initial(True, OLD, NOW),
    "standby": lambda: KioskState.initial(True).on_failure("ConnectError: refused"),
    "refused": lambda: KioskState.initial(True).on_feed(OLD, NOW).on_failure("Unauthenticated", True),
    "pairing": lambda: KioskState.initial(False).on_pairing_code("123456", None),
    "pairing+cache": lambda: KioskState.initial(False, OLD, NOW),
}

EVENTS: dict[str, Callable[[KioskState], KioskState]] = {
    "feed": lambda s: s.on_feed(NEW, LATER),
    "unchanged": lambda s: s.on_unchanged(LATER),
    "failure": lambda s: s.on_failure("ConnectError: refused"),
    "refusal": lambda s: s.on_failure("Unauthenticated: token revoked", unauthenticated=True),
    "code": lambda s: s.on_pairing_code("654321", LATER),
    "paired": lambda s: s.on_paired(),
    "unpaired": lambda s: s.on_unpaired(),
}

TABLE = """
state          feed          unchanged      failure        refusal        code           paired         unpaired
fetching       showing/new   fetching/none  standby/none   standby/none!  pairing/none   fetching/none  pairing/none
showing        showing/new   showing/old    offline/old    standby/old!   pairing/old    fetching/old   pairing/none
offline        showing/new   showing/old    offline/old    standby/old!   pairing/old    fetching/old   pairing/none
cached         showing/new   showing/old    offline/old    standby/old!   pairing/old    fetching/old   pairing/none
standby        showing/new   fetching/none  standby/none   standby/none!  pairing/none   fetching/none  pairing/none
refused        showing/new   showing/old    standby/old!   standby/old!   pairing/old!   fetching/old   pairing/none
pairing        showing/new   fetching/none  pairing/none   pairing/none!  pairing/none   fetching/none  pairing/none
pairing+cache  showing/new   showing/old    pairing/old    pairing/old!   pairing/old    fetching/old   pairing/none
"""


def cells() -> list[tuple[str, str, str]]:
    header, *rows = (line.split() for line in TABLE.strip().splitlines())
    return [(row[0], event, cell) for row in rows for event, cell in zip(header[1:], row[1:], strict=True)]


def test_the_table_covers_every_state_and_every_event() -> None:
    assert {(state, event) for state, event, _ in cells()} == {(s, e) for s in STATES for e in EVENTS}


@pytest.mark.parametrize(("state", "event", "expected"), cells(), ids=[f"{s}-{e}" for s, e, _ in cells()])
def test_each_event_leads_to_the_state_in_the_table(state: str, event: str, expected: str) -> None:
    # given a screen in `state`
    before = STATES[state]()

    # when `event` happens
    after = EVENTS[event](before)

    # then it is in the mode the table says, holding the content it says
    mode, content = expected.rstrip("!").split("/")
    held: dict[str, Feed | None] = {"new": NEW, "old": OLD, "none": None}
    assert after.mode is Mode(mode)
    assert after.feed is held[content]
    assert after.unauthenticated is expected.endswith("!")


@pytest.mark.parametrize("state", STATES)
def test_an_answer_clears_the_error_and_a_failure_sets_it(state: str) -> None:
    before = STATES[state]()
    assert EVENTS["feed"](before).last_error is None
    assert EVENTS["unchanged"](before).last_error is None
    assert EVENTS["failure"](before).last_error == "ConnectError: refused"


@pytest.mark.parametrize("state", STATES)
def test_the_offline_mark_keeps_the_time_content_was_last_fetched(state: str) -> None:
    before = STATES[state]()
    assert EVENTS["failure"](before).fetched_at == before.fetched_at
    assert EVENTS["feed"](before).fetched_at == LATER
    if before.feed is not None:
        assert EVENTS["unchanged"](before).fetched_at == LATER


def test_a_pairing_code_is_kept_until_paired() -> None:
    pairing = STATES["pairing"]()
    assert (pairing.pairing_code, pairing.pairing_expires_at) == ("123456", None)
    renewed = EVENTS["code"](EVENTS["failure"](pairing))
    assert (renewed.pairing_code, renewed.pairing_expires_at, renewed.last_error) == ("654321", LATER, None)
    assert EVENTS["paired"](renewed).pairing_code is None
