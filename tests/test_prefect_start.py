"""A slow Prefect start-up is waited out and retried, not a failed run (``flows.server.ensure_api``).

Run in a child process: the test session's own Prefect harness sets ``PREFECT_API_URL``,
and ``ensure_api`` is about the case where none is set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
from flows.server import ensure_api, healthy
from ingest.errors import PrefectUnavailable, TransientError

try:  # 50 ms is never enough for the server to start: the one attempt fails, and says so
    ensure_api(timeouts=(0.05,))
except PrefectUnavailable as e:
    assert isinstance(e, TransientError) and "1 attempts" in str(e), e
    print("gave up")
url = ensure_api(timeouts=(0.05, 120))  # the first attempt times out, the second waits it out
assert healthy(url), url
print("up", url)
"""


@pytest.mark.slow
def test_a_start_that_times_out_is_retried(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_SERVER_EPHEMERAL_ENABLED="true")
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split("\n")
    assert lines[0] == "gave up" and lines[1].startswith("up http://127.0.0.1:")


def test_the_startup_timeout_is_raised_where_prefect_starts():
    out = subprocess.run([sys.executable, "-c", "import flows, os; print(os.environ["
                          "'PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS'])"],
                         cwd=ROOT, env={k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "90"
