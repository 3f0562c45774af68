"""The deployment path, for real: a local Prefect server, a process work pool, `prefect deploy`
from the project's prefect.yaml, and a process worker that runs every deployment's flow against
the loopback site. Slow (~1.5 min) but it runs in CI: it is how users schedule eventwire."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
import yaml

from flows.server import TELEMETRY_OFF, prefect_executable, start_server, stop
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
DEPLOYMENTS = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]


@pytest.mark.parametrize("entrypoint", [d["entrypoint"] for d in DEPLOYMENTS])
def test_every_entrypoint_loads_the_way_a_worker_loads_it(entrypoint: str):
    """A worker loads an entrypoint as a script, with the script's folder first on sys.path:
    a flow file named like a library package (``flows/ingest.py`` vs ``ingest/``) shadowed it,
    and the scheduled export crashed on its first run. Fresh process, working directory = repo."""
    code = ("from prefect.flows import load_flow_from_entrypoint; import sys; "
            "print(load_flow_from_entrypoint(sys.argv[1], use_placeholder_flow=False).name)")
    r = subprocess.run([sys.executable, "-c", code, entrypoint], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, **TELEMETRY_OFF}, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.split()[-1] == entrypoint.rsplit(":", 1)[1]


@pytest.mark.slow  # a real Prefect server and processes: ~1.5 min
def test_deploy_from_prefect_yaml_and_run_every_flow_on_a_process_worker(tmp_path: Path, sample_site: str):
    port = free_port()
    home = tmp_path / "prefect-home"
    server = start_server(port=port, home=home, log=tmp_path / "server.log")
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **TELEMETRY_OFF, "PREFECT_API_URL": api,
           "PREFECT_HOME": str(home), "EVENTWIRE_PROGRESS": "0"}
    workers: list[subprocess.CompletedProcess] = []

    def prefect(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        r = subprocess.run([prefect_executable(), *args], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=timeout)
        assert r.returncode == 0, f"prefect {' '.join(args)} failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
        return r

    def runs() -> list[dict]:
        return httpx.post(f"{api}/flow_runs/filter", json={}, timeout=10).json()

    def deployment_names() -> dict[str, str]:
        return {d["id"]: d["name"] for d in httpx.post(f"{api}/deployments/filter", json={}, timeout=10).json()}

    def work() -> None:
        # a process worker picks the due runs up, runs each in a subprocess and exits (--run-once)
        workers.append(subprocess.run(
            [prefect_executable(), "worker", "start", "--pool", "eventwire", "--run-once"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300))

    try:
        prefect("work-pool", "create", "--type", "process", "eventwire")
        prefect("--no-prompt", "deploy", "--all")
        # the schedules from prefect.yaml are live: ingest and export runs get queued
        scheduled: set[str] = set()
        for _ in range(60):
            names = deployment_names()
            scheduled = {names[r["deployment_id"]] for r in runs() if r["state_type"] == "SCHEDULED"}
            if scheduled >= {"ingest", "export"}:
                break
            time.sleep(1)
        assert scheduled == {"ingest", "export"}
        # then cleared, so that a run coming due (every 15 min, and 03:00 UTC) cannot join the test's
        for d in DEPLOYMENTS:
            if d.get("schedules"):
                prefect("deployment", "schedule", "clear", f"{d['name']}/{d['name']}", "-y")
        for _ in range(30):
            if not [r for r in runs() if r["state_type"] == "SCHEDULED"]:
                break
            time.sleep(1)
        assert [r["state_type"] for r in runs()] == []

        db = tmp_path / "deployed.duckdb"
        settings = {"db": str(db), "feeds": [f"{sample_site}/feed.xml"], "allow_private": True, "events": False}
        prefect("deployment", "run", "ingest/ingest", "--params", json.dumps({"settings": settings}))
        work()
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM articles").fetchall() == [(33,)]
            assert con.execute("SELECT flow, status FROM runs").fetchall() == [("ingest", "completed")]
        finally:
            con.close()

        # the on-demand and daily flows run on the same worker, from the same checkout
        prefect("deployment", "run", "reprocess/reprocess", "--params", json.dumps({"settings": settings}))
        work()
        out = tmp_path / "exports"
        prefect("deployment", "run", "export/export",
                "--params", json.dumps({"out_dir": str(out), "settings": settings}))
        work()
        names = deployment_names()
        states = sorted((names[r["deployment_id"]], r["state_type"]) for r in runs())
        assert states == [("export", "COMPLETED"), ("ingest", "COMPLETED"), ("reprocess", "COMPLETED")]
        assert all(r["parameters"]["settings"]["db"] == str(db) for r in runs())
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert sorted(con.execute("SELECT flow, status FROM runs").fetchall()) == [
                ("ingest", "completed"), ("reprocess", "completed")]
        finally:
            con.close()
        assert list(out.rglob("*.parquet")), "the export flow wrote no Parquet files"
    except AssertionError:
        for w in workers:
            print(w.stdout[-3000:], w.stderr[-3000:])
        raise
    finally:
        stop(server)
