from pathlib import Path

import pytest

from ingest.config import Settings, load_settings
from ingest.errors import ConfigError


def test_precedence_defaults_file_env_flags(tmp_path: Path):
    cfg = tmp_path / "eventwire.toml"
    cfg.write_text('db = "from-file.duckdb"\nconcurrency = 3\n[sources]\nfeeds = ["https://a.example/rss"]\n')
    s = load_settings(cfg, env={"EVENTWIRE_CONCURRENCY": "5", "EVENTWIRE_ALLOW_PRIVATE": "1"}, per_host=2)
    assert s.db == Path("from-file.duckdb")
    assert s.concurrency == 5  # env beats file
    assert s.per_host == 2  # flag
    assert s.allow_private is True
    assert s.feeds == ("https://a.example/rss",)
    assert load_settings(cfg, env={"EVENTWIRE_CONCURRENCY": "5"}, concurrency=9).concurrency == 9


def test_bad_values_are_config_errors(tmp_path: Path):
    with pytest.raises(ConfigError, match="concurrency"):
        load_settings(None, env={"EVENTWIRE_CONCURRENCY": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(bad, env={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(unknown, env={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", env={})


def test_round_trip_through_flow_parameters():
    s = Settings(feeds=("https://x.example/rss",), allow_private=True, per_host=7)
    assert Settings.from_dict(s.to_dict()) == s


def test_the_documented_example_config_is_valid_and_complete():
    example = Path(__file__).resolve().parent.parent / "eventwire.example.toml"
    s = load_settings(example, env={})
    assert s.feeds == ("https://www.theguardian.com/world/rss",)
    text = example.read_text()
    undocumented = [f for f in Settings.model_fields if f"{f} =" not in text and f not in ("db",)]
    assert not undocumented, f"settings missing from eventwire.example.toml: {undocumented}"


def test_cluster_settings_reach_the_clusterer_and_are_checked(tmp_path: Path):
    from ingest.cluster import ClusterConfig

    cfg = tmp_path / "eventwire.toml"
    cfg.write_text("[clusters]\ncluster_day_window = 2\ncluster_amount_ratio = 1.2\n")
    s = load_settings(cfg, env={"EVENTWIRE_CLUSTER_UNKNOWN_LOOKBACK": "5"})
    assert ClusterConfig.from_settings(s) == ClusterConfig(day_window=2, unknown_lookback=5, amount_ratio=1.2)
    assert ClusterConfig.from_settings(Settings()) == ClusterConfig()  # same defaults in both places
    with pytest.raises(ConfigError, match="cluster_day_window"):
        load_settings(None, env={"EVENTWIRE_CLUSTER_DAY_WINDOW": "-1"})
    with pytest.raises(ConfigError, match="cluster_amount_ratio"):
        load_settings(None, env={"EVENTWIRE_CLUSTER_AMOUNT_RATIO": "0.5"})


def test_misspelt_tables_and_keys_are_errors_that_name_them(tmp_path: Path):
    """A misspelt table used to be read as if it were right (keys were looked up in any
    table) and a misspelt key could hide in it; both now stop with the name to fix."""
    cfg = tmp_path / "eventwire.toml"
    cfg.write_text("[fecth]\nconcurrency = 3\n")
    with pytest.raises(ConfigError, match=r"unknown table \[fecth\] — did you mean 'fetch'\?"):
        load_settings(cfg, env={})
    cfg.write_text("[fetch]\nconcurency = 3\n")
    with pytest.raises(ConfigError, match=f"{cfg}: unknown setting 'concurency' — did you mean 'concurrency'"):
        load_settings(cfg, env={})
    with pytest.raises(ConfigError, match="command line: per_host = 0: .*at least 1"):
        load_settings(None, env={}, per_host=0)
    with pytest.raises(ConfigError, match=r"unknown setting 'colour' \(known: allow_private, "):
        Settings.from_dict({"colour": "blue"})  # no near miss: the list of known settings
    # the README's [dedup] table and the example's [extract] both hold near_dup_threshold
    cfg.write_text("[dedup]\nnear_dup_threshold = 0.7\n")
    assert load_settings(cfg, env={}).near_dup_threshold == 0.7


def test_settings_are_frozen_and_read_no_environment_by_themselves(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CONCURRENCY", "3")
    s = Settings()
    assert s.concurrency == 16  # only load_settings reads the environment
    assert load_settings(None, env={"EVENTWIRE_CONCURRENCY": "3", "EVENTWIRE_SHARED": "x"}).concurrency == 3
    with pytest.raises(Exception):
        s.concurrency = 2  # type: ignore[misc]
    assert s.replace(concurrency=2, per_host=None).concurrency == 2
