"""Debian's nginx with the production site (infra/nginx/) in front of two API processes on one database.

A screen polling through nginx gets 304s for an unchanged feed, its polls
spread over both processes, and a notice approved through one process
reaches it within one poll interval and a second, whichever answers.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.freshness import delay, newsroom, screen_client
from tests.servers import REQUEST_LINES, ApiProcess, feed_get_statuses, free_port, logged

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "infra" / "nginx" / "qile.conf"
UPSTREAM = ROOT / "infra" / "nginx" / "qile-upstream.conf"
POLL_INTERVAL = 2.0

MAIN = """daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/upstream.conf;
    include {tmp}/site.conf;
}}
"""


def nginx_binary() -> str:
    """Debian's nginx, installed by the script when missing (as the console's tests do for chromium)."""
    out = subprocess.run(["bash", str(ROOT / "infra" / "install-nginx.sh")], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


@dataclass
class Site:
    url: str
    access_log: Path
    apis: tuple[ApiProcess, ApiProcess]


def configure(tmp: Path, port: int, apis: tuple[ApiProcess, ...]) -> Path:
    """The production files, with the test's listen port and the two processes as the upstream."""
    servers = "".join(f"    server 127.0.0.1:{api.port} max_fails=3 fail_timeout=5s;\n" for api in apis)
    upstream = re.sub(r"    server 127\.0\.0\.1:8000 [^\n]*\n", servers, UPSTREAM.read_text())
    assert servers in upstream
    (tmp / "upstream.conf").write_text(upstream)
    site = SITE.read_text().replace("listen 80;", f"listen 127.0.0.1:{port};")
    assert f"listen 127.0.0.1:{port};" in site
    (tmp / "site.conf").write_text(site)
    main = tmp / "nginx.conf"
    main.write_text(MAIN.format(tmp=tmp, user="user root;" if os.geteuid() == 0 else ""))
    return main


@pytest.fixture
def site(seeded_dsn: str, tmp_path: Path) -> Iterator[Site]:
    env = {"QILE_TRUSTED_PROXIES": "127.0.0.1", **REQUEST_LINES}
    apis = (
        ApiProcess(seeded_dsn, env=env, log=tmp_path / "api-1.log").launch(),
        ApiProcess(seeded_dsn, env=env, log=tmp_path / "api-2.log").launch(),
    )
    port = free_port()
    nginx = subprocess.Popen([nginx_binary(), "-c", str(configure(tmp_path, port, apis)), "-p", str(tmp_path)])
    try:
        for api in apis:
            api.wait_ready()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while not _ready(url):
            assert nginx.poll() is None, (tmp_path / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.1)
        yield Site(url, tmp_path / "access.log", apis)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for api in apis:
            api.stop()


def _ready(url: str) -> bool:
    try:
        return httpx.get(url + "/readyz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


async def test_a_screen_polling_through_nginx_gets_304s_and_fresh_news_from_either_process(
    site: Site, seeded_dsn: str, tmp_path: Path
) -> None:
    room = await newsroom(seeded_dsn)
    client = screen_client(site.url, room, tmp_path)

    # an unchanged feed through nginx is a 304, whichever process nginx asks
    feed = await client.fetch(None)
    assert feed is not None
    assert [await client.fetch(feed.version) for _ in range(6)] == [None] * 6
    nginx_lines = [line for line in site.access_log.read_text().splitlines() if "documentId=" in line]
    assert [int(line.split('" ')[1].split()[0]) for line in nginx_lines] == [200] + [304] * 6
    # both processes answered 304s
    await logged(lambda: all(304 in feed_get_statuses(api.log) for api in site.apis if api.log))

    # a notice approved through one process reaches the screen polling through nginx within the bound
    approving = site.apis[0]
    seconds = await delay(site.url, approving.url, room, tmp_path, POLL_INTERVAL, title="经由代理的通知")
    assert seconds <= POLL_INTERVAL + 1.0, seconds

    # and both processes serve it: two whole feeds in a row, one from each (nginx takes turns)
    served = [feed_get_statuses(api.log).count(200) for api in site.apis if api.log]
    feeds = [await client.fetch(None) for _ in range(2)]
    assert all(f is not None and "经由代理的通知" in [n.title for n in f.notices] for f in feeds)
    # (at least: a line of the last poll before may still have been on its way when `served` was read)
    await logged(
        lambda: all(
            feed_get_statuses(api.log).count(200) >= n + 1 for api, n in zip(site.apis, served, strict=True) if api.log
        )
    )
