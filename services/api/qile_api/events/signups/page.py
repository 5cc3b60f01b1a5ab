"""The resident page: GET /e/<event>?s=<screen> shows an event; POST /e/<event> signs up or cancels.

Residents reach it from a screen's QR code, with no app and no account. The
page reads the event and posts the form through the public GraphQL API
itself (the same query and `eventSignUp` / `eventSignUpCancel` any client
uses), so what it allows and refuses is exactly what the API does. `s`
names the screen whose code was scanned: each opening is counted for it
(`eventScans`), and a sign-up remembers it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry import Schema
from strawberry.relay import to_base64

from qile_api.events.signups import page_html, sql
from qile_api.events.signups.page_html import EventView, FormView
from qile_api.events.signups.timefmt import day_and_time, span
from qile_api.graphql.context import Context
from qile_api.graphql.ids import parse_pk
from qile_api.state import AppState

EVENT = """query ResidentPage($id: ID!) {
  node(id: $id) {
    ... on Event {
      title venue organiser description startsAt endsAt capacity placesLeft
      signUpState signUpStateLabel signUpOpensAt signUpClosesAt
    }
  }
}"""
SIGN_UP = """mutation ResidentSignUp($input: EventSignUpInput!) {
  eventSignUp(input: $input) { signUp { code name people merged } errors { field message } }
}"""
CANCEL = """mutation ResidentCancel($input: EventSignUpCancelInput!) {
  eventSignUpCancel(input: $input) { errors { field message } }
}"""

UNAVAILABLE = page_html.message_page("暂时无法访问", "服务暂时不可用，请稍后再试。")
NOT_FOUND = page_html.message_page("活动不存在", "没有找到这个活动，它可能尚未发布或已经取消。")


@dataclass
class ResidentPage:
    schema: Schema
    # The composition root's context builder: the page runs the schema as a request to /graphql would.
    build_context: Callable[[Request, Response], Awaitable[Context]]

    def routes(self) -> list[BaseRoute]:
        return [Route("/e/{event}", self.serve, methods=["GET", "HEAD", "POST"])]

    async def serve(self, request: Request) -> Response:
        event_id = parse_pk(request.path_params["event"])
        if event_id is None:
            return _html(NOT_FOUND, 404)
        gid = to_base64("Event", event_id)
        if request.method == "POST":
            # A form another site makes the browser send: modern browsers say so; refuse it.
            if request.headers.get("sec-fetch-site") == "cross-site":
                return _html(page_html.message_page("请求被拒绝", "请在活动页面上提交报名。"), 403)
            return await self._post(request, event_id, gid)
        screen_id = parse_pk(request.query_params.get("s", ""))
        state: AppState = request.app.state.qile
        if screen_id is not None and request.method == "GET":
            await sql.count_scan(state.db, event_id, screen_id, state.clock())
        view = await self._event(request, gid)
        if view is None:
            return _html(NOT_FOUND, 404)
        form = FormView(screen=str(screen_id) if screen_id is not None else "")
        return _html(self._event_page(request, view, form))

    def _event_page(self, request: Request, view: EventView, form: FormView, cancel_errors: list[str] = []) -> str:  # noqa: B006
        settings = _state(request).settings
        return page_html.event_page(
            view,
            form,
            max_people=settings.signup_max_people,
            retention_days=settings.signup_retention_days,
            cancel_errors=cancel_errors,
        )

    async def _post(self, request: Request, event_id: int, gid: str) -> Response:
        data = await request.form()
        values = {k: v if isinstance(v, str) else "" for k, v in data.items()}
        if values.get("action") == "cancel":
            answer = await self._run(request, CANCEL, {"input": {"event": gid, "code": values.get("code", "")}})
            view = await self._event(request, gid)
            if answer is None or view is None:
                return _html(UNAVAILABLE if answer is None else NOT_FOUND, 503 if answer is None else 404)
            errors = answer["eventSignUpCancel"]["errors"]
            if errors:
                form = FormView(screen=values.get("s", ""))
                return _html(self._event_page(request, view, form, [e["message"] for e in errors]), 400)
            return _html(page_html.cancelled_page(view), headers={"Cache-Control": "no-store"})
        people = values.get("people", "1")
        form = FormView(
            name=values.get("name", ""),
            mobile=values.get("mobile", ""),
            people=int(people) if people.isascii() and people.isdigit() and len(people) < 4 else 0,
            screen=values.get("s", ""),
        )
        screen_id = parse_pk(form.screen)
        variables = {
            "input": {
                "event": gid,
                "name": form.name,
                "mobile": form.mobile,
                "people": form.people,
                "consent": values.get("consent") == "yes",
                "screen": to_base64("Screen", screen_id) if screen_id is not None else None,
            }
        }
        answer = await self._run(request, SIGN_UP, variables)
        view = await self._event(request, gid)
        if answer is None or view is None:
            return _html(UNAVAILABLE if answer is None else NOT_FOUND, 503 if answer is None else 404)
        result = answer["eventSignUp"]
        if result["errors"]:
            for e in result["errors"]:
                form.errors.setdefault(e["field"] or "", []).append(e["message"])
            return _html(self._event_page(request, view, form), 400)
        receipt = result["signUp"]
        page = page_html.receipt_page(view, receipt["code"], receipt["name"], receipt["people"], receipt["merged"])
        # The code is the resident's alone: never kept by a cache.
        return _html(page, headers={"Cache-Control": "no-store"})

    async def _run(self, request: Request, document: str, variables: dict[str, Any]) -> dict[str, Any] | None:
        """Run a document through the schema as this request's caller; None when it could not answer."""
        context = await self.build_context(request, Response())
        result = await self.schema.execute(document, variable_values=variables, context_value=context)
        if result.errors or result.data is None:
            return None
        return result.data

    async def _event(self, request: Request, gid: str) -> EventView | None:
        data = await self._run(request, EVENT, {"id": gid})
        node = data["node"] if data else None
        if not node:
            return None
        tz = _state(request).settings.timezone
        window = ""
        if node["signUpOpensAt"] and node["signUpClosesAt"]:
            window = (
                f"{day_and_time(datetime.fromisoformat(node['signUpOpensAt']), tz)} 至 "
                f"{day_and_time(datetime.fromisoformat(node['signUpClosesAt']), tz)}"
            )
        return EventView(
            id=request.path_params["event"],
            title=node["title"],
            when=span(datetime.fromisoformat(node["startsAt"]), datetime.fromisoformat(node["endsAt"]), tz),
            venue=node["venue"],
            organiser=node["organiser"],
            description=node["description"],
            state=node["signUpState"],
            state_label=node["signUpStateLabel"],
            places_left=node["placesLeft"],
            capacity=node["capacity"],
            window=window,
        )


def _state(request: Request) -> AppState:
    state: AppState = request.app.state.qile
    return state


def _html(text: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(
        text, status_code=status, headers={**page_html.HEADERS, "Cache-Control": "no-cache", **(headers or {})}
    )
