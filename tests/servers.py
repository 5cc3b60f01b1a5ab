"""Run the real API as a separate process, as kiosks meet it in the field."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ApiProcess:
    dsn: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    # Settings of its own (QILE_…), on top of this process's environment.
    env: dict[str, str] = field(default_factory=dict)
    # Where its output goes (a test may read it); by default nowhere.
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> ApiProcess:
        env = dict(os.environ, **self.env, DATABASE_URL=self.dsn, QILE_PORT=str(self.port), QILE_HOST="127.0.0.1")
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - the child holds it
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "qile_api.cli", "serve"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
            )
        finally:
            if self.log:
                out.close()  # type: ignore[union-attr]
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

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
