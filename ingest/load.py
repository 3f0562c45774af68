"""The load stage: the one DuckDB writer, as the flow and the CLI see it.

The work is done in ``ingest.store`` — one room per job: ``connection`` (opening the file,
waiting for another writer's lock, transactions), ``migrations``, ``tables`` (Arrow schemas
read from the DDL), ``runs``, ``articles`` (articles, events, fetches, failures),
``sources`` and ``signatures``. This module is their public face, so callers import one
name (``from ingest import load``) whichever room a function lives in.

DuckDB lets exactly one process open a file read-write, and while it does no other process
may open it at all; eventwire therefore opens it only for the moment it needs it, and a
batch is written in one transaction (all or nothing) as Arrow tables with
``ON CONFLICT DO NOTHING`` on stable keys, so loading the same batch twice adds nothing.
"""

from __future__ import annotations

from ingest.store.articles import (  # noqa: F401
    STORED_COLUMNS, article_rows, as_date, event_rows, fetch_rows, insert_rows, known_urls, load_batch,
    lookup_existing, replace_articles, stored_for_reprocess,
)
from ingest.store.connection import connect, reader, transaction, writer  # noqa: F401
from ingest.store.migrations import migrate, migration_files  # noqa: F401
from ingest.store.runs import RUN_COUNTS, end_run, finish_run, mark_abandoned, start_run  # noqa: F401
from ingest.store.signatures import BandIndex, lookup_signatures, store_signatures  # noqa: F401
from ingest.store.sources import save_sources, source_states  # noqa: F401
from ingest.store.tables import columns, schema_of, to_arrow  # noqa: F401
