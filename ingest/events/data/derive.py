"""Regenerate the derived lexicon files in this folder from ../shared/corpus/lexicons.

Run from the repository root: ``python ingest/events/data/derive.py ../shared/corpus/lexicons``.
Outputs: ``cameo_verbs.tsv`` (verb → default CAMEO code, from PETRARCH-2's CAMEO.2.0.txt:
the code on the verb's own line, else the code in its block header; blocks whose code is
``---``, and CAMEO cue 01 (public statements), are left out) and ``agents.tsv`` (agent noun →
sector, from Phoenix.agents.txt) and ``first_names.tsv`` (given names: the first word of the
person entries of Phoenix.Countries.actors.txt, kept when two or more people share it; the
place marker does not tag villages named like them) and ``family_names.tsv`` (the last word
of the same entries, every one) and ``armed_groups.tsv`` (non-state armed group names and
aliases → country, from Phoenix.MilNonState.actors.txt). The other files are verbatim copies.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent


def verbs(src: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    block = None
    in_verbs = False
    for line in src.read_text(encoding="utf-8", errors="replace").splitlines():
        if "VERB PATTERNS" in line:
            in_verbs = True
            continue
        if not in_verbs:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block = m.group(2).strip()
            continue
        body = line.split("#")[0].rstrip()
        if not body.strip() or body.lstrip().startswith("-") or body.startswith("&") or body.startswith("+"):
            continue
        word = body.split()[0]
        if not re.fullmatch(r"[A-Z_]+", word):
            continue
        cm = re.search(r"\[([0-9]{2,4})[:\]]", body)
        code = cm.group(1) if cm else block
        if not code or code.startswith("-") or code.startswith("01"):
            continue
        out.setdefault(word.lower().replace("_", " ").strip(), code)
    return out


def agents(src: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in src.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#")[0].strip()
        m = re.match(r"^([A-Z][A-Z_!\-]*?)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not m:
            continue
        name = m.group(1).replace("!PERSON!", "_PERSON").replace("!MINIST!", "_MINISTER").strip("_")
        key = name.lower().replace("_", " ")
        out.setdefault(key, m.group(3))
        if m.group(2):
            for alt in m.group(2).strip("{}").split():
                out.setdefault(alt.lower().replace("_", " "), m.group(3))
    return out


def armed_groups(src: Path) -> dict[str, str]:
    """Non-state armed group name or alias (lower case, spaces) → ISO 3166 alpha-3 country of its
    Phoenix code ("HAMAS_ … [PSEREBHMS]" → PSE), or "" where the code is regional or
    international (AFR, MEA, IMG) or not a country. Entries with a date range (members valid
    for a period) are left out: a dictionary of 2013 cannot say who leads a group today.

    An entry is a head line, ``+alias`` lines, and its code in brackets, on the head line (the
    aliases after it share it) or on a tab-indented line after the aliases."""
    import pycountry

    out: dict[str, str] = {}
    pending: list[str] = []
    code: str | None = None

    def add(names: list[str], c: str) -> None:
        iso = c[:3] if pycountry.countries.get(alpha_3=c[:3]) is not None else ""
        for name in names:
            key = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", "", name).replace("_", " ")).strip().lower()
            # acronyms (PKK, EPA, ETA …) are left out: matched against lower-cased words they
            # would take the US Environmental Protection Agency for a Venezuelan guerrilla
            if len(key) >= 5 and not key.replace(" ", "").isdigit():
                out.setdefault(key, iso)

    for raw in src.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            pending, code = [], None
            continue
        bracket = re.match(r"^\s+\[([A-Z]+)(\s+\d{8}-\d{8})?\]", line)
        if bracket:  # the code of the names above it
            if not bracket.group(2):
                add(pending, bracket.group(1))
            pending, code = [], None
            continue
        m = re.match(r"^(\+?)([A-Z0-9][A-Z0-9_'\-().]*?)\s*(?:\[([A-Z]+)(\s+\d{8}-\d{8})?\])?\s*$", line.strip())
        if not m:
            continue
        alias, name, own, dated = m.groups()
        if not alias:
            pending, code = [], None
        if own:
            code = None if dated else own
            if code:
                add(pending + [name], code)
            pending = []
        elif code:
            add([name], code)
        else:
            pending.append(name)
    return out


def first_names(src: Path, min_people: int = 2, part: int = 0) -> dict[str, int]:
    """Given name (``part=0``; family name: ``part=-1``) → number of people in the
    CountryInfo person entries ("STANISLAV_GROSS_")."""
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    counts: dict[str, int] = {}
    for i, line in enumerate(lines[:-1]):
        m = re.match(r"^([A-Z][A-Z'\-]+(?:_[A-Z][A-Z'\-]*){1,3})_\s+# CountryInfo", line)
        if m and re.match(r"\s+\[[A-Z]{3}\w* \d{6}-\d{6}\]", lines[i + 1]):
            first = m.group(1).split("_")[part].lower()
            if len(first) > 2:
                counts[first] = counts.get(first, 0) + 1
    return {k: v for k, v in counts.items() if v >= min_people}


_OEDA = "(c) 2014 Open Event Data Alliance"


def write_table(name: str, header: str, rows: dict) -> None:
    """One derived table: a ``#`` header line naming its source and licence, then sorted rows."""
    with (HERE / name).open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for k in sorted(rows):
            fh.write(f"{k}\t{rows[k]}\n")


def main(lex: Path) -> None:
    p2 = lex / "petrarch2"
    v = verbs(p2 / "CAMEO.2.0.txt")
    write_table("cameo_verbs.tsv", f"# verb\tcameo_code  (derived from PETRARCH-2 CAMEO.2.0.txt, MIT, {_OEDA})", v)
    a = agents(p2 / "Phoenix.agents.txt")
    write_table("agents.tsv", f"# agent\tsector  (derived from PETRARCH-2 Phoenix.agents.txt, MIT, {_OEDA})", a)
    f = first_names(p2 / "Phoenix.Countries.actors.txt")
    write_table("first_names.tsv", f"# given_name\tpeople  (derived from PETRARCH-2 Phoenix.Countries.actors.txt, "
                                   f"MIT, {_OEDA})", f)
    write_table("family_names.tsv", f"# family_name\tpeople  (derived from PETRARCH-2 Phoenix.Countries.actors.txt, "
                                    f"MIT, {_OEDA})", first_names(p2 / "Phoenix.Countries.actors.txt", 1, -1))
    write_table("armed_groups.tsv", f"# armed_group\tcountry  (derived from PETRARCH-2 Phoenix.MilNonState.actors.txt, "
                                    f"MIT, {_OEDA}; empty: regional or international)",
                armed_groups(p2 / "Phoenix.MilNonState.actors.txt"))
    shutil.copy(lex / "plover" / "original" / "CAMEO2PLOVER-2021.txt", HERE / "CAMEO2PLOVER-2021.txt")
    shutil.copy(lex / "plover" / "derived" / "plover_modes.tsv", HERE / "plover_modes.tsv")
    shutil.copy(lex / "plover" / "LICENSE-CC-BY-SA-4.0.txt", HERE / "LICENSE-CC-BY-SA-4.0.txt")
    shutil.copy(p2 / "LICENSE", HERE / "LICENSE-MIT-petrarch2.txt")
    print(len(v), "verbs,", len(a), "agents,", len(f), "first names")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpus/lexicons"))
