"""Cross-site request forgery: a POST to /graphql that a web page could send must prove it is not one.

A browser sends a "simple" request (a form or `fetch` with a body of type
multipart/form-data, application/x-www-form-urlencoded or text/plain, and no
header of its own) to any site without asking first. Staff sign in with a
bearer header, not a cookie, so such a request carries nobody's session; it
can still fire anonymous mutations from any page a resident visits: sign-ins
that feed the lock-out, `screenPairingStart` that spends an address's quota.

Photos arrive as multipart/form-data (the GraphQL multipart request spec),
so that type cannot simply be refused. Such a POST must carry a header a
page cannot add without the browser's preflight, which this API never
approves: `X-Qile-Client` (the kiosk and the console send it) or
`Apollo-Require-Preflight` (what GraphQL clients know). JSON POSTs need
nothing: their content type already forces the preflight.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

PREFLIGHT_HEADERS = ("x-qile-client", "apollo-require-preflight")
# The bodies a browser sends cross-site without a preflight (Fetch standard,
# "CORS-safelisted request-header" for Content-Type). No type at all is
# treated the same: a page's `fetch` with a string body sends text/plain.
SIMPLE_CONTENT_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded", "text/plain", ""})

MESSAGE = (
    "请求被拒绝：以 multipart/form-data 等表单方式提交须带 X-Qile-Client 请求头"
    "（或 Apollo-Require-Preflight），以防跨站请求伪造。"
    " (Refused: a form-style POST (multipart/form-data, urlencoded, text/plain) must carry an "
    "X-Qile-Client header (or Apollo-Require-Preflight), to prevent cross-site request forgery.)"
)


def media_type(content_type: str) -> str:
    """The type without parameters, as the browser's safelist compares it."""
    return content_type.split(";", 1)[0].strip().lower()


def needs_preflight_header(method: str, headers: Headers) -> bool:
    if method != "POST" or media_type(headers.get("content-type", "")) not in SIMPLE_CONTENT_TYPES:
        return False
    return not any(headers.get(name, "").strip() for name in PREFLIGHT_HEADERS)


async def refused_form_post(scope: Scope, receive: Receive, send: Send) -> bool:
    """Answer a simple POST without the header with a 400 before anything reads its body; True if it did."""
    if scope["type"] != "http" or not needs_preflight_header(scope["method"], Headers(scope=scope)):
        return False
    response = JSONResponse(
        {"errors": [{"message": MESSAGE, "extensions": {"code": "CSRF_PREVENTED"}}]},
        status_code=400,
    )
    await response(scope, receive, send)
    return True
