"""Prefect flows and the ``eventwire`` CLI: thin wiring over the ``ingest`` library.

Importing this package switches off Prefect's and its dependencies' telemetry
(``PREFECT_SERVER_ANALYTICS_ENABLED=false``, ``DO_NOT_TRACK=1``) before Prefect is
imported: without them every run tries to reach the internet.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# Prefect waits 20 s for its ephemeral API server to start; a busy two-core machine can take
# longer, and the run used to fail before doing anything (see flows.server.ensure_api)
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
