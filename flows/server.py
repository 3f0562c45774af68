"""Start (or reuse) a local Prefect server: schedules need one in Prefect 3.

Ephemeral mode — what ``eventwire run`` uses when ``PREFECT_API_URL`` is unset — runs a
flow without a server, but nothing in it can *schedule* runs. ``eventwire serve`` and the
deployment test use this module to get a real server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx

from ingest.errors import EventwireError, PrefectUnavailable

TELEMETRY_OFF = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}


def healthy(api_url: str, timeout: float = 1.0) -> bool:
    try:
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def prefect_executable() -> str:
    """The ``prefect`` CLI next to this Python (the project's venv), else on PATH."""
    here = Path(sys.executable).parent / "prefect"
    return str(here) if here.exists() else (shutil.which("prefect") or "prefect")


def start_server(host: str = "127.0.0.1", port: int = 4200, home: Path | None = None,
                 log: Path | None = None, wait: float = 90.0) -> subprocess.Popen:
    """Start ``prefect server start`` and wait until ``/api/health`` answers."""
    env = {**os.environ, **TELEMETRY_OFF}
    env.pop("PREFECT_API_URL", None)
    if home is not None:
        env["PREFECT_HOME"] = str(home)
        home.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [prefect_executable(), "server", "start", "--host", host, "--port", str(port)],
        env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    api = f"http://{host}:{port}/api"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise EventwireError(f"prefect server exited with status {proc.returncode}"
                                 + (f"; see {log}" if log else ""))
        if healthy(api):
            return proc
        time.sleep(0.5)
    stop(proc)
    raise EventwireError(f"prefect server did not become healthy within {wait:g}s" + (f"; see {log}" if log else ""))


def stop(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a process we started, and its children (the server runs workers of its own)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@contextlib.contextmanager
def local_server(host: str = "127.0.0.1", port: int = 4200, home: Path | None = None,
                 log: Path | None = None) -> Iterator[str]:
    """Yield the API URL of a healthy server: an existing one on host:port, or one we start
    (and stop on exit)."""
    api = f"http://{host}:{port}/api"
    if healthy(api):
        yield api
        return
    proc = start_server(host, port, home, log)
    try:
        yield api
    finally:
        stop(proc)


def ensure_api(timeouts: tuple[float, ...] | None = None) -> str | None:
    """With no ``PREFECT_API_URL``: start Prefect's ephemeral API server now, waiting out a
    slow start and retrying one that failed; returns its URL (``None`` when a server is
    configured, or ephemeral mode is off).

    Prefect starts that server lazily, inside the flow call, waiting
    ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` (Prefect's default 20 s; eventwire
    raises it to 90 s in ``flows/__init__.py``). On a busy machine the start can take longer,
    and the run then failed with "Timed out while attempting to connect to ephemeral Prefect
    API server" before any work. Started here, a start that fails is stopped and tried again
    (``timeouts``: seconds per attempt, default three of the setting), and the flow then
    reuses the running server (Prefect keeps one per process). Raises ``PrefectUnavailable``
    (transient) when every attempt failed.
    """
    from prefect.settings import (
        PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    timeouts = timeouts or (float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()),) * 3
    last: Exception | None = None
    for wait in timeouts:
        server = SubprocessASGIServer()
        try:
            server.start(timeout=wait)  # type: ignore[arg-type]
            return server.api_url
        except (RuntimeError, httpx.HTTPError) as e:  # what start() raises when the server is not up in time
            last = e
            server.stop()  # a half-started process must not linger beside the next attempt
    raise PrefectUnavailable(
        f"the ephemeral Prefect API server did not start after {len(timeouts)} attempts "
        f"({', '.join(f'{t:g}' for t in timeouts)} s): {str(last)[:200]}; raise "
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or point PREFECT_API_URL at a running server")
