"""`make run`: the whole system on one machine, for trying Qile out.

Starts PostgreSQL (embedded when DATABASE_URL is unset), applies migrations,
loads the reference data and the demo content, serves the API (with the staff
console that `make run` built, at /console/), and runs one
kiosk on a demo screen: in a window when there is a display, else headless,
writing its latest frames to .data/frames. Ctrl-C stops everything.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from qile_api.db.database import Database
from qile_api.db.embedded import describe, resolve_dsn
from qile_api.db.migrate import migrate
from qile_api.screens.sql import set_screen_token
from qile_api.screens.tokens import new_screen_token
from qile_api.seed.demo import seed_demo
from qile_api.seed.reference import seed_reference
from qile_api.settings import Settings

DEMO_KIOSK_SCREEN = "s-gongsheng-bulletin"
# The demo's city administrator, created at first start when no account exists.
# For trying Qile out only: a real deployment sets its own QILE_BOOTSTRAP_ADMIN.
DEMO_ADMIN = "admin:qile-demo-2024"
# Headless, the kiosk writes a frame (~86 KB) per change: keep only the latest.
KEEP_FRAMES = 50


async def prepare(dsn: str) -> str:
    """Migrate, seed, and give the demo kiosk's screen a fresh token."""
    await migrate(dsn)
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
            counts = await seed_demo(tx)
            screen_id = await tx.fetchval("SELECT id FROM screens WHERE demo_key = $1", DEMO_KIOSK_SCREEN)
            token, token_hash = new_screen_token()
            await set_screen_token(tx, screen_id, token_hash)
    finally:
        await db.close()
    print("demo content:", ", ".join(f"{n} {k}" for k, n in counts.items()))
    return token


def wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the API exited with code {process.returncode}")
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit("the API did not become ready")


def start_kiosk(api_url: str, token: str, data_dir: Path) -> subprocess.Popen[bytes] | None:
    # The kiosk's script sits beside this interpreter: `make run` does not activate the venv.
    script = Path(sys.executable).with_name("qile-kiosk")
    if importlib.util.find_spec("qile_kiosk") is None or not script.exists():
        print("kiosk: not installed, serving the API only")
        return None
    env = dict(os.environ)
    args = [str(script), "--api-url", api_url, "--token", token, "--cache-dir", str(data_dir / "kiosk")]
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        print("kiosk: in a window on this display (大厅东屏, 工盛社区)")
    else:
        frames = data_dir / "frames"
        frames.mkdir(parents=True, exist_ok=True)
        env["SDL_VIDEODRIVER"] = "dummy"
        args += ["--headless", "--frames", str(frames), "--keep-frames", str(KEEP_FRAMES)]
        print(f"kiosk: no display here, so headless: the last {KEEP_FRAMES} frames are kept in {frames}")
    return subprocess.Popen(args, env=env)


def main() -> int:
    settings = Settings()
    where = describe(settings.database_url, settings.embedded_pgdata)
    dsn, embedded = resolve_dsn(settings.database_url, settings.embedded_pgdata)
    print(f"database: {where}")
    token = asyncio.run(prepare(dsn))

    api_url = f"http://{settings.host}:{settings.port}"
    bootstrap = os.environ.get("QILE_BOOTSTRAP_ADMIN", DEMO_ADMIN)
    # For developers: GraphiQL, and the introspection it needs (off in production by default).
    introspection = os.environ.get("QILE_INTROSPECTION", "true")
    env = dict(os.environ, DATABASE_URL=dsn, QILE_BOOTSTRAP_ADMIN=bootstrap, QILE_INTROSPECTION=introspection)
    # A log for a person at a terminal: plain text, one line per request (production: JSON, no request lines).
    env.setdefault("QILE_LOG_FORMAT", "text")
    env.setdefault("QILE_ACCESS_LOG", "true")
    api = subprocess.Popen([sys.executable, "-m", "qile_api.cli", "serve"], env=env)
    children = [api]
    try:
        wait_ready(api_url, api)
        print(f"staff console: {api_url}/console/ (工作台, in a browser)")
        if bootstrap == DEMO_ADMIN:
            username, _, password = bootstrap.partition(":")
            print(f"staff: sign in as {username} / {password} (the demo's city administrator)")
        print(f"API: {api_url}/graphql (GraphiQL in a browser, for developers)")
        kiosk = start_kiosk(api_url, token, settings.data_dir.resolve())
        if kiosk:
            children.append(kiosk)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while api.poll() is None:
            if kiosk is not None and kiosk.poll() is not None:
                # What systemd's Restart=always does on a real player (infra/kiosk):
                # the kiosk's watchdog exits when frames stop; bring it back.
                print(f"kiosk: exited with code {kiosk.returncode}; starting it again")
                time.sleep(2)
                children.remove(kiosk)
                kiosk = start_kiosk(api_url, token, settings.data_dir.resolve())
                if kiosk:
                    children.append(kiosk)
            time.sleep(0.5)
        return api.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        del embedded


if __name__ == "__main__":
    sys.exit(main())
