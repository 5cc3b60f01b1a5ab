"""The resident page's HTML: small, script-free, Chinese, for any phone browser.

No script at all: a plain form POST works in WeChat's in-app browser and on a
basic Android browser alike (tests/console/test_resident.py signs up with
JavaScript switched off), and the Content-Security-Policy can forbid
every script. The style keeps to CSS old Android browsers know (no grid,
no custom properties, no flex gap). The one inline style block is allowed
by its hash. Everything shown is escaped here; callers pass plain text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

STYLE = (
    "body{margin:0;font:16px/1.6 system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "color:#222;background:#f6f1ea}"
    "main{max-width:34em;margin:0 auto;padding:1em}"
    "h1{font-size:1.4em;margin:.2em 0 .6em;color:#9b1b1b}"
    "section{background:#fff;border-radius:8px;padding:1em;margin-bottom:1em}"
    "dl{margin:0}dt{color:#777;font-size:.85em}dd{margin:0 0 .5em}"
    "label{display:block;margin:.8em 0 .2em}"
    "input[type=text],input[type=tel],select{width:100%;box-sizing:border-box;font-size:1.1em;padding:.5em;"
    "border:1px solid #bbb;border-radius:6px}"
    # No flex `gap`: Android's WebView before Chrome 84 (many a WeChat on an old phone) ignores it.
    ".consent label{display:flex;align-items:flex-start}.consent input{margin:.35em .5em 0 0;flex:none}"
    "button{width:100%;font-size:1.15em;padding:.7em;margin-top:1em;border:0;border-radius:6px;"
    "background:#c62828;color:#fff}"
    "button.quiet{background:#777}"
    ".err{color:#c62828;font-size:.9em;margin:.2em 0}"
    ".notice{font-size:.85em;color:#555;background:#faf7f2;padding:.6em;border-radius:6px}"
    ".code{font-size:2.4em;letter-spacing:.25em;font-weight:bold;text-align:center;color:#9b1b1b;margin:.3em 0}"
    ".state{font-weight:bold;color:#9b1b1b}"
)
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        f"style-src '{STYLE_HASH}'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True)
class EventView:
    id: str
    title: str
    when: str
    venue: str
    organiser: str
    description: str
    state: str  # SignUpState
    state_label: str
    places_left: int | None
    capacity: int | None
    window: str


@dataclass
class FormView:
    name: str = ""
    mobile: str = ""
    people: int = 1
    screen: str = ""
    # Field name → message; "" for the form as a whole.
    errors: dict[str, list[str]] = field(default_factory=dict)


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        # No favicon to fetch: one request is all a slow connection pays.
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def _errors(messages: Sequence[str]) -> str:
    return "".join(f'<p class="err">{escape(m)}</p>' for m in messages)


def _event(e: EventView) -> str:
    rows = [("时间", e.when), ("地点", e.venue), ("主办", e.organiser)]
    if e.capacity is not None:
        rows.append(("名额", f"共{e.capacity}人，剩余{e.places_left}人"))
    if e.window:
        rows.append(("报名时间", e.window))
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    about = f"<p>{escape(e.description)}</p>" if e.description else ""
    state = f'<p class="state">{escape(e.state_label)}</p>'
    return f"<h1>{escape(e.title)}</h1><section><dl>{items}</dl>{about}{state}</section>"


def privacy_notice(retention_days: int) -> str:
    return (
        "个人信息说明：报名需填写姓名和手机号，仅用于本次活动的名额确认、现场签到，以及活动变动时通知您；"
        "不收集其他信息。工作人员只能看到部分隐藏的手机号（如 138****5678），"
        f"获授权的工作人员可在必要时与您联系。报名信息在活动结束{retention_days}天后自动删除；"
        "您可随时凭取消码取消报名，报名信息随即删除。"
    )


def _sign_up_form(e: EventView, form: FormView, max_people: int, retention_days: int) -> str:
    most = max_people if e.places_left is None else max(1, min(max_people, e.places_left))
    options = "".join(
        f'<option value="{n}"{" selected" if n == form.people else ""}>{n}人</option>' for n in range(1, most + 1)
    )
    err = form.errors
    return (
        f'<section><form method="post" action="/e/{escape(e.id)}">'
        '<input type="hidden" name="action" value="signup">'
        f'<input type="hidden" name="s" value="{escape(form.screen)}">'
        f"{_errors(err.get('', []))}"
        '<label for="name">姓名</label>'
        '<input type="text" id="name" name="name" maxlength="20" required autocomplete="name" '
        f'value="{escape(form.name)}">'
        f"{_errors(err.get('name', []))}"
        '<label for="mobile">手机号</label>'
        f'<input type="tel" id="mobile" name="mobile" maxlength="20" required inputmode="tel" autocomplete="tel" '
        f'value="{escape(form.mobile)}">'
        f"{_errors(err.get('mobile', []))}"
        f'<label for="people">人数（含本人）</label><select id="people" name="people">{options}</select>'
        f"{_errors(err.get('people', []))}"
        f'<p class="notice">{escape(privacy_notice(retention_days))}</p>'
        '<div class="consent"><label><input type="checkbox" name="consent" value="yes" required>'
        "<span>我已阅读并同意上述个人信息处理说明</span></label></div>"
        f"{_errors(err.get('consent', []))}"
        '<button type="submit">提交报名</button></form></section>'
    )


def _cancel_form(e: EventView, errors: Sequence[str] = ()) -> str:
    return (
        f'<section><form method="post" action="/e/{escape(e.id)}">'
        '<input type="hidden" name="action" value="cancel">'
        '<label for="code">已报名？输入取消码可取消报名</label>'
        '<input type="text" id="code" name="code" maxlength="10" required autocomplete="off" '
        'autocapitalize="characters">'
        f"{_errors(errors)}"
        '<button type="submit" class="quiet">取消报名</button></form></section>'
    )


def event_page(
    e: EventView, form: FormView, *, max_people: int, retention_days: int, cancel_errors: Sequence[str] = ()
) -> str:
    body = _event(e)
    if e.state == "OPEN":
        body += _sign_up_form(e, form, max_people, retention_days)
    elif form.errors:
        body += f"<section>{_errors([m for ms in form.errors.values() for m in ms])}</section>"
    if e.state != "NONE":
        body += _cancel_form(e, cancel_errors)
    return _page(e.title, body)


def receipt_page(e: EventView, code: str, name: str, people: int, merged: bool) -> str:
    head = "报名信息已更新" if merged else "报名成功"
    body = (
        f"<h1>{head}</h1><section><p>{escape(name)}，您已报名“{escape(e.title)}”，共{people}人。</p>"
        f'<p>您的报名码（签到、取消报名时使用）：</p><p class="code">{escape(code)}</p>'
        "<p>请截图或记下此码。活动当天向工作人员出示即可签到。</p></section>"
    )
    return _page(head, body + _event(e) + _cancel_form(e))


def cancelled_page(e: EventView) -> str:
    return _page("已取消报名", f"<h1>已取消报名</h1><section><p>您的报名信息已删除。</p></section>{_event(e)}")


def message_page(title: str, message: str) -> str:
    return _page(title, f"<h1>{escape(title)}</h1><section><p>{escape(message)}</p></section>")
