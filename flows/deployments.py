"""The flows' deployments for ``eventwire serve`` (``prefect.yaml`` declares the same for workers)."""

from __future__ import annotations

from prefect import serve

from flows.export import export
from flows.ingest_flow import ingest
from flows.reprocess import reprocess


def serve_all(config: str | None, cron: str, export_cron: str, export_dir: str) -> None:
    """Serve ingest (on ``cron``), reprocess (on demand) and export (on ``export_cron``); blocks."""
    params = {"config": config} if config else {}
    serve(
        ingest.to_deployment(name="ingest", cron=cron, parameters=params, concurrency_limit=1),
        reprocess.to_deployment(name="reprocess", parameters=params, concurrency_limit=1),
        export.to_deployment(name="export", cron=export_cron,
                             parameters={**params, "out_dir": export_dir}),
    )
