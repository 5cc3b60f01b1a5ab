"""Sign-up abuse: attempts limited per number and per address, within an hour."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.conftest import Api
from tests.api.events.signups.residents import cancel, open_event, sign_up, stored


async def test_one_number_trying_again_and_again_is_stopped_for_an_hour(api: Api) -> None:
    event = await open_event(api.db, api.clock.now)
    limit = api.state.settings.signup_per_mobile_per_hour

    answers = [await sign_up(api, event, "13812345678", people=1 + i % 2) for i in range(limit + 1)]
    other_number = await sign_up(api, event, "13912345678")
    api.clock.now += timedelta(hours=1)
    an_hour_later = await sign_up(api, event, "13812345678", people=3)

    assert all(a["errors"] == [] for a in answers[:limit])
    assert answers[limit]["errors"] == [{"code": "THROTTLED", "field": None, "message": "操作过于频繁，请一小时后再试"}]
    assert other_number["errors"] == []
    assert an_hour_later["errors"] == []
    assert [r["people"] for r in await stored(api.db)] == [3, 1]
    # No number is kept by the counting.
    keys = [k for (k,) in await api.db.fetch("SELECT key FROM sign_up_attempts")]
    assert not any("13812345678" in k for k in keys)


async def test_one_address_signing_up_many_numbers_is_stopped(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    event = await open_event(api.db, api.clock.now)
    monkeypatch.setattr(api.state.settings, "signup_per_address_per_hour", 3)

    answers = [await sign_up(api, event, f"1381234567{i}") for i in range(4)]

    assert [a["errors"][0]["code"] if a["errors"] else None for a in answers] == [None, None, None, "THROTTLED"]
    assert len(await stored(api.db)) == 3


async def test_guessing_cancellation_codes_from_one_address_is_stopped(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = await open_event(api.db, api.clock.now)
    code = (await sign_up(api, event, "13812345678"))["signUp"]["code"]
    monkeypatch.setattr(api.state.settings, "signup_per_address_per_hour", 3)

    guesses = [await cancel(api, event, guess) for guess in ("AAAAAA", "BBBBBB")]
    right_but_too_late = await cancel(api, event, code)

    assert [g["errors"][0]["code"] for g in guesses] == ["NOT_FOUND", "NOT_FOUND"]
    assert right_but_too_late["errors"] == [
        {"code": "THROTTLED", "field": None, "message": "操作过于频繁，请一小时后再试"}
    ]
    assert len(await stored(api.db)) == 1
