"""The staff console (services/console, built by `make`) and GraphiQL, served by the API itself.

The console is a single-page app under /console/: its hashed assets are cached
for a year, index.html is revalidated on every load (so a new build reaches
browsers at once), and any other path under /console/ is a client route that
answers index.html. GraphiQL's page at /graphql loads its scripts from the
same build (dist/graphiql/), never from a CDN: it works on a network without
internet.

Every page carries a strict Content-Security-Policy: scripts from this origin
only, no inline script, no framing. Styles are from this origin too; Element
Plus and Vue set styles through the CSSOM (`element.style`), which CSP leaves
alone, so no 'unsafe-inline' is needed (the e2e suite fails on any CSP
violation). Fonts and small images may be data: URIs (GraphiQL's bundled
fonts, Element Plus's icons in CSS).
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

# Vite names these files by their content's hash: a changed file gets a new name.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED_DIRS = ("assets/", "graphiql/assets/")


def default_console_dir() -> Path:
    """services/console/dist beside this package's source (an editable install, as `make` makes)."""
    return Path(__file__).resolve().parents[3] / "console" / "dist"


def _page(title: str, lines: list[str], status: int) -> HTMLResponse:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return HTMLResponse(
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}</body></html>",
        status_code=status,
        headers={**SECURITY_HEADERS, "Cache-Control": "no-store"},
    )


@dataclass
class ConsoleSite:
    """Files of one console build; `root` may not exist yet (then a page says how to build it)."""

    root: Path
    _graphiql: tuple[float, str] | None = field(default=None, repr=False)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/console", self.redirect, methods=["GET", "HEAD"]),
            Route("/console/{path:path}", self.serve, methods=["GET", "HEAD"]),
        ]

    async def redirect(self, request: Request) -> Response:
        return RedirectResponse("/console/", status_code=308)

    def not_built(self, what: str) -> HTMLResponse:
        return _page(
            f"{what}尚未构建",
            [
                f"{what}的网页文件还没有生成（应在 {html.escape(str(self.root))}）。",
                "请在仓库根目录运行 <code>make</code>（或 <code>make run</code>）：它会安装前端依赖并构建工作台，"
                "需要 Node.js 20 和 npm。构建完成后刷新本页即可。",
            ],
            503,
        )

    async def serve(self, request: Request) -> Response:
        root = self.root.resolve()
        index = root / "index.html"
        if not index.is_file():
            return self.not_built("工作台")
        path: str = request.path_params["path"]
        if path:
            segments = path.split("/")
            target = (root / path).resolve()
            # Dot-files (the build's manifest) and anything outside the build stay private.
            if any(s.startswith(".") for s in segments) or not target.is_relative_to(root):
                return _page("页面不存在", ["没有这个文件。"], 404)
            if target.is_file():
                cache = IMMUTABLE if path.startswith(HASHED_DIRS) else REVALIDATE
                return FileResponse(target, headers={**SECURITY_HEADERS, "Cache-Control": cache})
            if path.startswith(HASHED_DIRS) or "." in segments[-1]:
                # A missing script must not be answered with the app's HTML.
                return _page("页面不存在", ["没有这个文件。"], 404)
        # A client route (/console/notices/…): the app draws it.
        return FileResponse(index, media_type="text/html", headers={**SECURITY_HEADERS, "Cache-Control": REVALIDATE})

    def graphiql_page(self) -> HTMLResponse:
        """GraphiQL's HTML, loading the bundle this API serves (no external host)."""
        manifest = self.root / "graphiql" / ".vite" / "manifest.json"
        try:
            mtime = manifest.stat().st_mtime
        except OSError:
            return self.not_built("GraphiQL")
        if self._graphiql is None or self._graphiql[0] != mtime:
            try:
                page = self._render_graphiql(json.loads(manifest.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, StopIteration) as exc:
                log.warning("GraphiQL build manifest unreadable: %s", exc)
                return self.not_built("GraphiQL")
            self._graphiql = (mtime, page)
        return HTMLResponse(self._graphiql[1], headers={**SECURITY_HEADERS, "Cache-Control": REVALIDATE})

    @staticmethod
    def _render_graphiql(manifest: dict[str, dict[str, object]]) -> str:
        entry = next(chunk for chunk in manifest.values() if chunk.get("isEntry"))
        base = "/console/graphiql/"
        css = entry.get("css", [])
        styles = "".join(
            f'<link rel="stylesheet" href="{html.escape(base + str(sheet))}">'
            for sheet in (css if isinstance(css, list) else [])
        )
        script = html.escape(base + str(entry["file"]))
        return (
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="icon" type="image/svg+xml" href="/console/favicon.svg">'
            f'<title>齐乐 API · GraphiQL</title>{styles}<script type="module" src="{script}"></script>'
            '</head><body><div id="graphiql">正在加载 GraphiQL…</div></body></html>'
        )
