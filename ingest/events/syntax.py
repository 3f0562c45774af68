"""Dependency-parse helpers the event coder and the classifier share (spaCy ``Token``/``Doc``).

Tokens are compared with ``==`` (same document, same index): spaCy builds a new ``Token``
object on every access, so ``t.head is t`` is never true, even for the root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def depth(t: "Token") -> int:
    d = 0
    while t.head != t and d < 50:
        t = t.head
        d += 1
    return d


def in_relcl(t: "Token") -> bool:
    x = t
    for _ in range(10):
        if x.dep_ in ("relcl",):
            return True
        if x.head == x:
            return False
        x = x.head
    return False


def under_relcl(t: "Token", top: "Token") -> bool:
    x = t
    for _ in range(12):
        if x == top:
            return False
        if x.dep_ in ("relcl", "acl") and x != top:
            return True
        if x.head == x:
            return False
        x = x.head
    return False


CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "conj", "parataxis"}


def same_clause(t: "Token", head: "Token") -> bool:
    """``t`` hangs from ``head`` without crossing another verb's clause."""
    x = t
    for _ in range(15):
        if x == head:
            return True
        if x.dep_ in CLAUSE_DEPS and x.pos_ in ("VERB", "AUX"):
            return False
        if x.head == x:
            return False
        x = x.head
    return False


def quoted(doc: "Doc", open_at_start: bool = False) -> set[int]:
    """Token indices inside “direct quotes”; ``open_at_start``: the sentence begins inside a
    quotation an earlier sentence opened (a witness quoted over several sentences)."""
    out: set[int] = set()
    inside = open_at_start
    for t in doc:
        if t.text in ("“",) or (t.text == '"' and not inside):
            inside = True
            continue
        if t.text in ("”",) or (t.text == '"' and inside):
            inside = False
            continue
        if inside:
            out.add(t.i)
    return out
