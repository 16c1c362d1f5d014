"""Real processes for the tests that need them: a private PostgreSQL cluster (never the shared one
on 5432) and granian app servers, on free ports, stopped by the tests that started them."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
SECRET_KEY = "a-test-only-secret-key-that-is-long-and-random-enough-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def why_no_private_postgres() -> str:
    """Empty when a private cluster can be started here; otherwise the reason."""
    if not (POSTGRES_BIN / "initdb").exists():
        return f"no PostgreSQL 15 server binaries in {POSTGRES_BIN}"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser: initdb refuses root"
    return ""


@dataclass
class PrivatePostgres:
    """A throw-away cluster in a temporary folder, run as `postgres` when we are root."""

    port: int
    folder: Path

    @classmethod
    def start(cls) -> PrivatePostgres:
        folder = Path(tempfile.mkdtemp(prefix="referral-pg-", dir="/tmp"))
        cluster = cls(port=free_port(), folder=folder)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        cluster.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync")
        cluster.pg_ctl("start", "-w", "-t", "60", "-l", str(folder / "log"), "-o", cluster.options())
        return cluster

    def options(self) -> str:
        return f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"

    def run(self, program: str, *args: str) -> None:
        command = [str(POSTGRES_BIN / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def pg_ctl(self, action: str, *args: str) -> None:
        self.run("pg_ctl", action, "-D", str(self.folder / "data"), *args)

    def stop(self) -> None:
        """Stops at once, as a crash or a fail-over would: open connections break."""
        self.pg_ctl("stop", "-m", "immediate", "-w")

    def restart(self) -> None:
        self.pg_ctl("start", "-w", "-t", "60", "-l", str(self.folder / "log"), "-o", self.options())

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def app_environment(database_url: str, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DB_CONNECT_TIMEOUT": "2",
        **extra,
    }


def manage(environment: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@dataclass
class AppServer:
    """granian serving config.wsgi, as `make serve` does."""

    port: int
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, environment: dict[str, str], workers: int = 1, threads: int = 4) -> AppServer:
        port = free_port()
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
                *("--workers", str(workers), "--blocking-threads", str(threads), "--no-log", "config.wsgi:application"),
            ],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = cls(port=port, process=process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"granian exited with {process.returncode}")
            try:
                if server.get("/healthz")[0] == 200:
                    return server
            except OSError:
                time.sleep(0.05)
        server.stop()
        raise RuntimeError("granian did not answer /healthz within 60 s")

    def request(
        self, path: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        """Status, body and headers (names in lower case)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=data,
            headers={"Content-Type": "application/json", **(headers or {})} if data else headers or {},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as error:
            return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}

    def get(self, path: str) -> tuple[int, bytes]:
        status, content, _headers = self.request(path)
        return status, content

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, bytes]:
        status, content, _headers = self.request(path, body)
        return status, content

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
