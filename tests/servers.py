"""Run the real API as a separate process, as kiosks meet it in the field."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# What an API process started with these (and a `log`) writes: one JSON request line per request.
REQUEST_LINES = {"QILE_ACCESS_LOG": "true", "QILE_LOG_FORMAT": "json"}


def feed_get_statuses(log: Path) -> list[int]:
    """Statuses of the feed GETs an API process answered, from its request lines (query strings never logged)."""
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [
        int(line["status"])
        for line in lines
        if line.get("logger") == "qile_api.access" and line.get("method") == "GET" and line.get("path") == "/graphql"
    ]


async def logged(check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait until `check` holds of what API processes logged: a request's line is written after its response.

    A correctness deadline, generous: not a speed target.
    """
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the request lines never showed it"
        await asyncio.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (uvicorn's workers under its supervisor)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may hold spaces: the fields after it are fixed.
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry.name))
    return found


@dataclass
class ApiProcess:
    dsn: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    # Settings of its own (QILE_…), on top of this process's environment.
    env: dict[str, str] = field(default_factory=dict)
    # `serve --workers N`: a supervisor and N worker processes sharing the port.
    workers: int = 1
    # Where its output goes (a test may read it); by default nowhere.
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> ApiProcess:
        """Start it without waiting (two processes starting at once)."""
        env = dict(os.environ, **self.env, DATABASE_URL=self.dsn, QILE_PORT=str(self.port), QILE_HOST="127.0.0.1")
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - the child holds it
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "qile_api.cli", "serve", "--workers", str(self.workers)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
                # Its own process group: a fault test signals the supervisor and its workers together.
                start_new_session=True,
            )
        finally:
            if self.log:
                out.close()  # type: ignore[union-attr]
        return self

    def wait_ready(self, timeout: float = 30.0) -> ApiProcess:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"API exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/readyz", timeout=1.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise TimeoutError("API did not become ready")

    def start(self, timeout: float = 30.0) -> ApiProcess:
        return self.launch().wait_ready(timeout)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def signal(self, sig: signal.Signals) -> None:
        """To the supervisor and every worker at once."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, sig)

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a power cut ends it: no shutdown runs."""
        if self.process is None:
            return
        self.signal(signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.signal(signal.SIGCONT)  # a paused process cannot stop
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            # Workers whose supervisor died first would keep the port.
            self.signal(signal.SIGKILL)
        self.process = None
