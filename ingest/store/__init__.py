"""The DuckDB store, one room per job.

``connection`` (open, wait for the lock, transactions), ``migrations`` (numbered
``schemas/*.sql``, applied once each), ``tables`` (Arrow schemas read from that DDL),
``runs``, ``articles`` (articles, events, fetches, failures), ``sources`` (conditional-GET
state) and ``signatures`` (near-duplicate MinHash and LSH bands). ``ingest.load`` is the
stage's public face over them. Nothing is imported here, so ``ingest.store.connection`` is
cheap for the modules below the loader (clusters, queries).
"""
