"""The deployment path, for real: a local Prefect server, a process work pool, `prefect deploy`
from the project's prefect.yaml, a flow run triggered against the loopback site, and a process
worker that runs it. Slow (~1 min) but it runs in CI: it is how users schedule eventwire."""

import json
import os
import subprocess
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.server import TELEMETRY_OFF, prefect_executable, start_server, stop
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.slow  # a real Prefect server and processes: ~1 min


def test_deploy_from_prefect_yaml_and_run_on_a_process_worker(tmp_path: Path, sample_site: str):
    port = free_port()
    home = tmp_path / "prefect-home"
    server = start_server(port=port, home=home, log=tmp_path / "server.log")
    env = {**os.environ, **TELEMETRY_OFF, "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_HOME": str(home), "EVENTWIRE_PROGRESS": "0"}
    worker = None
    try:
        def prefect(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
            r = subprocess.run([prefect_executable(), *args], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=timeout)
            assert r.returncode == 0, f"prefect {' '.join(args)} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
            return r

        prefect("work-pool", "create", "--type", "process", "eventwire")
        prefect("--no-prompt", "deploy", "--all")
        db = tmp_path / "deployed.duckdb"
        params = {"settings": {"db": str(db), "feeds": [f"{sample_site}/feed.xml"], "allow_private": True,
                               "events": False}}
        prefect("deployment", "run", "ingest/ingest", "--params", json.dumps(params))
        # a process worker picks the run up, runs it in a subprocess and exits (--run-once)
        worker = subprocess.run(
            [prefect_executable(), "worker", "start", "--pool", "eventwire", "--run-once"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM articles").fetchall() == [(33,)]
            assert con.execute("SELECT flow, status FROM runs").fetchall() == [("ingest", "completed")]
        finally:
            con.close()
        runs = httpx.post(f"http://127.0.0.1:{port}/api/flow_runs/filter", json={}, timeout=10).json()
        done = [r for r in runs if r["state_type"] == "COMPLETED"]
        assert len(done) == 1 and done[0]["parameters"]["settings"]["db"] == str(db)
        # the schedules from prefect.yaml are live: future ingest and export runs are queued
        assert {r["state_type"] for r in runs if r is not done[0]} == {"SCHEDULED"}
    except AssertionError:
        if worker is not None:
            print(worker.stdout[-3000:], worker.stderr[-3000:])
        raise
    finally:
        stop(server)
