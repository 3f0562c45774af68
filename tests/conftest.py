"""Shared fixtures: a real loopback site, real DuckDB files, one Prefect test harness.

No test reaches past 127.0.0.1: the sample site and pytest-httpserver both bind to
loopback, and the fetcher's private-address guard is switched off only for them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("EVENTWIRE_PROGRESS", "0")

from ingest.config import Settings  # noqa: E402
from ingest.samplesite import serve_site, site_dir  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def prefect_harness():
    """One real Prefect API (temporary database) for the whole session: it takes ~9 s to start."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_site():
    """The bundled demo site, served over real HTTP on 127.0.0.1."""
    with serve_site(site_dir()) as base:
        yield base


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def settings(db: Path, tmp_path: Path) -> Settings:
    """Settings for loopback tests: private addresses allowed, no retries' waiting, no events."""
    return Settings(db=db, allow_private=True, retries=0, cache_dir=tmp_path / "cache", events=False)


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return DATA / "seed"


@pytest.fixture(scope="session")
def feeds_dir() -> Path:
    return DATA / "feeds"
