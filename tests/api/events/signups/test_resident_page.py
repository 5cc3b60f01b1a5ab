"""The resident page a QR code opens: light, script-free, Chinese; its form signs up and cancels through the API."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import httpx

from tests.api.conftest import Api
from tests.api.events.signups.code_qr import drawn, svg_on
from tests.api.events.signups.residents import open_event, stored

# What a phone fetches on first load: the page is all of it (no script, stylesheet, font or image).
FIRST_LOAD_LIMIT = 100 * 1024


def form(**fields: str) -> dict[str, str]:
    base = {"action": "signup", "name": "王秀兰", "mobile": "138 1234 5678", "people": "2", "consent": "yes", "s": ""}
    return {**base, **fields}


def code_on(page: httpx.Response) -> str:
    found = re.search(r'<p class="code">([2-9A-Z]{6})</p>', page.text)
    assert found, page.text
    return found.group(1)


async def test_the_page_shows_the_event_in_zibo_time_under_100_kb_with_a_strict_policy(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=20, title="邻居节<游园>")

    page = await api.client.get(f"/e/{event}")

    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert len(page.content) < FIRST_LOAD_LIMIT
    assert not re.search(r"<script|<img|src=|stylesheet", page.text)
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy and "'unsafe-inline'" not in policy
    assert page.headers["x-frame-options"] == "DENY"
    text = page.text
    assert "邻居节&lt;游园&gt;" in text and "<游园>" not in text
    assert "12月1日（周二）10:00–13:00" in text  # 02:00 UTC three days on, in Zibo
    assert "社区广场" in text and "工盛社区居委会" in text and "共20人，剩余20人" in text
    assert "活动结束90天后自动删除" in text and 'name="consent"' in text


async def test_a_resident_signs_up_with_the_form_and_sees_the_code_to_keep(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=20)

    done = await api.client.post(f"/e/{event}", data=form(s="77"))

    assert done.status_code == 200 and done.headers["cache-control"] == "no-store"
    assert "报名成功" in done.text and "剩余18人" in done.text
    assert await stored(api.db) == [{"name": "王秀兰", "mobile": "13812345678", "people": 2, "code": code_on(done)}]


async def test_the_confirmation_shows_the_code_as_a_qr_code_a_decoder_reads_without_any_request_or_script(
    api: Api, zbar: None, tmp_path: Path
) -> None:
    # Imported here: the decoder's helper brings pygame's kiosk along.
    from tests.kiosk.qr import decode

    event = await open_event(api.db, api.clock.now, capacity=20)

    done = await api.client.post(f"/e/{event}", data=form())

    code = code_on(done)
    assert len(done.content) < FIRST_LOAD_LIMIT
    assert not re.search(r"<script|<img|src=|stylesheet|style=", done.text)
    svg = svg_on(done.text)
    assert f"<title>报名码 {code} 的二维码</title>" in svg and len(svg) < 2048
    drawn(svg, module_px=8).save(tmp_path / "code.png")
    assert decode(tmp_path / "code.png") == [code]


async def test_bad_input_is_shown_beside_its_field_with_what_was_typed_and_nothing_is_kept(api: Api) -> None:
    event = await open_event(api.db, api.clock.now)

    page = await api.client.post(f"/e/{event}", data=form(mobile="12345", consent="", name="<b>王</b>"))

    assert page.status_code == 400
    assert "请填写正确的中国大陆手机号" in page.text and "请阅读并同意个人信息处理说明后再报名" in page.text
    assert 'value="&lt;b&gt;王&lt;/b&gt;"' in page.text and 'value="12345"' in page.text
    assert await stored(api.db) == []


async def test_the_code_cancels_from_the_page(api: Api) -> None:
    event = await open_event(api.db, api.clock.now, capacity=20)
    code = code_on(await api.client.post(f"/e/{event}", data=form()))

    wrong = await api.client.post(f"/e/{event}", data={"action": "cancel", "code": "ZZZZZZ"})
    done = await api.client.post(f"/e/{event}", data={"action": "cancel", "code": code})

    assert wrong.status_code == 400 and "取消码不正确" in wrong.text
    assert "已取消报名" in done.text and "剩余20人" in done.text
    assert await stored(api.db) == []


async def test_a_closed_event_has_no_form_and_an_unknown_one_is_not_found(api: Api) -> None:
    closed = await open_event(api.db, api.clock.now, opens=timedelta(days=-3), closes=timedelta(hours=-1))
    draft = await open_event(api.db, api.clock.now)
    await api.db.execute("UPDATE events SET status = 'DRAFT' WHERE id = $1", draft)

    page = await api.client.get(f"/e/{closed}")
    missing = [await api.client.get(f"/e/{e}") for e in (draft, 999999, "012", "abc")]

    assert "报名已截止" in page.text and 'value="signup"' not in page.text
    assert [m.status_code for m in missing] == [404, 404, 404, 404]
    assert all("活动不存在" in m.text for m in missing)


async def test_a_form_another_site_makes_the_browser_send_is_refused(api: Api) -> None:
    event = await open_event(api.db, api.clock.now)

    refused = await api.client.post(f"/e/{event}", data=form(), headers={"Sec-Fetch-Site": "cross-site"})

    assert refused.status_code == 403
    assert await stored(api.db) == []
