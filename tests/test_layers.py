"""The import graph, read from the source: one-way arrows down the pipeline, no cycles.

Every module of ``ingest/``, ``schemas/`` and ``flows/`` is put in a *layer*; a module may
import modules of its own layer or of a lower one, never of a higher one. The stages stand
in pipeline order (discover → fetch → extract → dedup → events → cluster → load), the small
shared modules (URLs, compression, time parsing, settings, the DuckDB connection) below all
of them, and the programs that drive several stages (reprocess, report, parallel, …) above.
Imports inside functions count too: a lazy import is still an arrow.

A new module fails ``test_every_module_has_a_layer`` until it is placed here, which is the
point: placing it is a decision about what it may depend on.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "schemas", "flows")

# lowest first; a module matches the longest prefix listed (``ingest.events`` covers its package)
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("values", ("schemas", "schemas.models", "ingest", "ingest.errors")),
    ("shared", ("ingest.urls", "ingest.texts", "ingest.timeparse", "ingest.compression", "ingest.headers",
                "ingest.topics", "ingest.progress", "ingest.config", "ingest.store", "ingest.store.migrations",
                "ingest.store.connection", "ingest.store.tables", "ingest.store.runs", "ingest.store.sources")),
    ("discover", ("ingest.discover",)),
    ("fetch", ("ingest.transport", "ingest.fetch", "ingest.robots")),
    ("archive", ("ingest.archive",)),
    ("extract", ("ingest.extract",)),
    ("dedup", ("ingest.neardup", "ingest.dedup", "ingest.store.signatures")),
    ("events", ("ingest.events", "ingest.events_stage")),
    ("cluster", ("ingest.cluster",)),
    ("load", ("ingest.store.articles", "ingest.load")),
    ("programs", ("ingest.reprocess", "ingest.localfiles", "ingest.parallel", "ingest.batches", "ingest.query",
                  "ingest.export", "ingest.report", "ingest.samplesite", "ingest.demo")),
    ("flows", ("flows",)),
]


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module ``name`` refers to (the longest known prefix), or None."""
    parts = name.split(".")
    while parts:
        cand = ".".join(parts)
        if cand in MODULES:
            return cand
        parts.pop()
    return None


def imports_of(module: str) -> set[str]:
    """Project modules that ``module`` imports anywhere in its body (functions included)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    is_pkg = MODULES[module].name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[:len(anchor) - node.level + (1 if is_pkg else 0)]
                base = ".".join(anchor + ([base] if base else []))
            # ``from pkg import mod`` imports the module pkg.mod; ``from mod import name``, mod
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for n in names:
            target = _resolve(n)
            if target is not None and target != module:
                out.add(target)
    return out


def layer_of(module: str) -> int | None:
    best, rank = -1, None
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, rank = len(p), i
    return rank


def room_of(module: str) -> str:
    """The unit whose cycles matter: a package of the events owner counts as one room."""
    return "ingest.events" if module.startswith("ingest.events.") else module


def test_every_module_has_a_layer():
    assert [m for m in MODULES if layer_of(m) is None] == []


def test_no_import_points_up_the_pipeline():
    bad = []
    for m in MODULES:
        for t in imports_of(m):
            if layer_of(t) > layer_of(m):
                bad.append(f"{m} ({LAYERS[layer_of(m)][0]}) imports {t} ({LAYERS[layer_of(t)][0]})")
    assert bad == []


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for m in MODULES:
        graph.setdefault(room_of(m), set()).update(room_of(t) for t in imports_of(m) if room_of(t) != room_of(m))
    # Tarjan's strongly connected components: any with more than one room is a cycle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("source, expected", [
    ("from ingest.dedup import canonicalize_url\n", {"ingest.dedup"}),
    ("def f():\n    from ingest import load\n", {"ingest.load"}),
    ("import ingest.fetch\n", {"ingest.fetch"}),
])
def test_the_reader_sees_every_kind_of_import(tmp_path, monkeypatch, source, expected):
    """The checks above are only as good as this reader: it must see lazy and ``from X
    import module`` imports, or an upward arrow would pass unseen."""
    f = tmp_path / "probe.py"
    f.write_text(source)
    monkeypatch.setitem(MODULES, "ingest.probe", f)
    assert imports_of("ingest.probe") == expected


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    f = tmp_path / "probe.py"
    f.write_text("from ingest.load import writer\n")
    monkeypatch.setitem(MODULES, "ingest.discover", f)
    with pytest.raises(AssertionError):
        test_no_import_points_up_the_pipeline()
