"""Prefect flows and the ``eventwire`` CLI: thin wiring over the ``ingest`` library.

Importing this package switches off Prefect's and its dependencies' telemetry
(``PREFECT_SERVER_ANALYTICS_ENABLED=false``, ``DO_NOT_TRACK=1``) before Prefect is
imported: without them every run tries to reach the internet.
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
