"""`eventwire serve`: a local server started for us, the three flows served with their
schedules, and everything stopped by Ctrl-C (SIGINT)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from flows.server import TELEMETRY_OFF, healthy
from tests.helpers import free_port


pytestmark = pytest.mark.slow  # a real Prefect server and processes: ~1 min


def test_serve_starts_a_server_serves_flows_and_stops_on_ctrl_c(tmp_path: Path):
    port = free_port()
    (tmp_path / "eventwire.toml").write_text('feeds = ["http://127.0.0.1:9/feed.xml"]\n')
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(TELEMETRY_OFF, PREFECT_HOME=str(tmp_path / "home"))
    exe = Path(sys.executable).parent / "eventwire"
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        names: set[str] = set()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(names) < 3:
            time.sleep(1)
            if healthy(api):
                deps = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
                names = {d["name"] for d in deps}
                schedules = {d["name"]: [s["schedule"].get("cron") for s in d["schedules"]] for d in deps}
        assert names == {"ingest", "reprocess", "export"}
        assert schedules["ingest"] == ["*/15 * * * *"] and schedules["export"] == ["0 3 * * *"]
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0, out[-2000:]
        assert "stopped serving" in out
        assert not healthy(api)  # the server we started is gone
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
