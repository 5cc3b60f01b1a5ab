"""Residents sign up for an event without an account: consent, one mobile parser, places, window, merging."""

from __future__ import annotations

import re
from datetime import timedelta

from strawberry.relay import to_base64

from tests.api.conftest import Api
from tests.api.events.signups.residents import cancel, open_event, sign_up, stored


async def test_a_resident_signs_up_and_is_shown_a_code_and_the_places_left(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=20)

    answer = await sign_up(api, event, " 138 1234 5678 ", name=" 王秀兰 ", people=2)

    assert answer["errors"] == []
    receipt = answer["signUp"]
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{6}", receipt["code"])
    assert (receipt["name"], receipt["people"], receipt["merged"]) == ("王秀兰", 2, False)
    assert receipt["event"]["placesLeft"] == 18 and receipt["event"]["signUpState"] == "OPEN"
    assert await stored(api.db) == [{"name": "王秀兰", "mobile": "13812345678", "people": 2, "code": receipt["code"]}]


async def test_bad_input_gets_chinese_messages_on_its_fields_and_changes_nothing(api: Api) -> None:
    event = await open_event(api.db, api.clock.now)

    answers = [
        await sign_up(api, event, "1381234567"),
        await sign_up(api, event, "010 6512 3456"),
        await sign_up(api, event, "138ABCD5678"),
        await sign_up(api, event, name=""),
        await sign_up(api, event, name="王" * 21),
        await sign_up(api, event, people=0),
        await sign_up(api, event, people=6),
        await sign_up(api, event, consent=False),
        # a link naming another kind of thing (a screen) as the event
        await sign_up(api, event, event=to_base64("Screen", event)),
    ]

    assert [(e["code"], e["field"]) for a in answers for e in a["errors"]] == [
        ("INVALID", "mobile"),
        ("INVALID", "mobile"),
        ("INVALID", "mobile"),
        ("REQUIRED", "name"),
        ("TOO_LONG", "name"),
        ("INVALID", "people"),
        ("INVALID", "people"),
        ("CONSENT_REQUIRED", "consent"),
        ("NOT_FOUND", "event"),
    ]
    assert answers[0]["errors"][0]["message"] == "请填写正确的中国大陆手机号（11位，如 138 1234 5678）"
    assert answers[-2]["errors"][0]["message"] == "请阅读并同意个人信息处理说明后再报名"
    assert answers[-1]["errors"][0]["message"] == "活动不存在或未发布"
    assert all(re.search("[\u4e00-\u9fff]", e["message"]) for a in answers for e in a["errors"])
    assert all(a["signUp"] is None for a in answers)
    assert await stored(api.db) == []
    assert await api.db.fetchval("SELECT count(*) FROM sign_up_attempts") == 0


async def test_the_same_number_signing_up_again_is_merged_and_keeps_its_code(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=5)
    first = (await sign_up(api, event, "13812345678", name="王秀兰", people=2))["signUp"]

    again = (await sign_up(api, event, "+86 138-1234-5678", name="王秀兰（母女）", people=4))["signUp"]

    assert again["merged"] is True and again["code"] == first["code"]
    assert again["event"]["placesLeft"] == 1
    assert await stored(api.db) == [
        {"name": "王秀兰（母女）", "mobile": "13812345678", "people": 4, "code": first["code"]}
    ]


async def test_places_are_honoured_and_the_resident_is_told_how_many_are_left(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=3)
    await sign_up(api, event, "13812345678", people=2)

    too_many = await sign_up(api, event, "13912345678", people=2)
    last_place = await sign_up(api, event, "13912345678", people=1)
    full = await sign_up(api, event, "13712345678", people=1)

    assert too_many["errors"] == [{"code": "INVALID", "field": "people", "message": "名额不足，仅剩1个名额"}]
    assert last_place["signUp"]["event"] == {
        "id": last_place["signUp"]["event"]["id"],
        "placesLeft": 0,
        "signUpState": "FULL",
    }
    assert full["errors"] == [{"code": "INVALID", "field": "people", "message": "名额已满"}]
    assert [r["mobile"] for r in await stored(api.db)] == ["13812345678", "13912345678"]


async def test_sign_up_happens_only_inside_the_window_of_a_published_event(api: Api) -> None:
    now = api.clock.now
    later = await open_event(api.db, now, opens=timedelta(hours=2), closes=timedelta(days=1))
    closed = await open_event(api.db, now, opens=timedelta(days=-2), closes=timedelta(hours=-1))
    no_window = await open_event(api.db, now)
    await api.db.execute("UPDATE events SET sign_up_opens_at = NULL, sign_up_closes_at = NULL WHERE id = $1", no_window)
    draft = await open_event(api.db, now)
    await api.db.execute("UPDATE events SET status = 'DRAFT' WHERE id = $1", draft)

    messages = [(await sign_up(api, e))["errors"][0]["message"] for e in (later, closed, no_window, draft)]

    assert messages == [
        "报名尚未开始，11月28日（周六）12:00开始报名",
        "报名已截止",
        "本活动无需报名，欢迎直接参加",
        "活动不存在或未发布",
    ]
    assert await stored(api.db) == []


async def test_a_resident_cancels_with_their_code_and_the_place_is_free_again(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=2)
    code = (await sign_up(api, event, people=2))["signUp"]["code"]

    wrong = await cancel(api, event, "ZZZZZZ")
    elsewhere = await cancel(api, to_base64("Screen", event), code)
    done = await cancel(api, event, code.lower()[:3] + " " + code.lower()[3:])
    again = await cancel(api, event, code)

    assert wrong["errors"][0]["field"] == "code" and wrong["event"] is None
    assert wrong["errors"][0]["message"] == "取消码不正确，请核对报名成功时显示的6位码"
    assert elsewhere["errors"] == [{"code": "NOT_FOUND", "field": "event", "message": "活动不存在或未发布"}]
    assert done == {"event": {"placesLeft": 2}, "errors": []}
    assert again["errors"][0]["code"] == "NOT_FOUND"
    assert await stored(api.db) == []
