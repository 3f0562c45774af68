"""Sentence splitting for the event coder: a regex splitter that keeps character offsets.

The offsets index ``Event.sentence_index``; the news-gold scorer's evidence strings were checked
against this splitter, so changing it changes what the benchmark can match.
"""

from __future__ import annotations

import re

_ABBR = {"mr", "ms", "mrs", "dr", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jan", "feb", "mar",
         "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "jr", "sr", "prof",
         "capt", "maj", "adm", "cmdr", "brig", "corp", "inc", "ltd", "co", "ft", "mt", "approx", "u.s", "u.k",
         "u.n", "a.m", "p.m", "e.g", "i.e"}
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z“\"])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # N.C, D.C, U.S — the final "." was matched
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")


# a news label before the sentence ("UPDATE: Since this article was written, a judge denied …"):
# not part of the sentence, and the parser reads "UPDATE" as the main clause, burying the act
_LABEL = re.compile(r"(?:UPDATE|UPDATED|BREAKING|BREAKING NEWS|EXCLUSIVE|CORRECTION|CLARIFICATION|EDITOR'?S NOTE|"
                    r"EDITOR’S NOTE|WATCH|ANALYSIS|DEVELOPING)\s*:\s+(?=\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``; a leading news label
    ("UPDATE:", "BREAKING:") is left out of its sentence."""
    return [(m.end() if (m := _LABEL.match(text, s, e)) else s, e) for s, e in _split(text)]


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        head = text[pos:m.start() + 1]
        w = _LAST_WORD.search(head)
        if w and text[m.start()] == "." and (w.group(1).lower() in _ABBR or len(w.group(1)) == 1
                                             or _INITIALS.fullmatch(w.group(1))):
            continue  # "Gen.", "N.C. (AP)", "D.C. police": an abbreviation, not a sentence end
        seg = text[pos:m.end()]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((pos + lead, pos + len(seg.rstrip())))
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        spans.append((pos + len(tail) - len(tail.lstrip()), pos + len(tail.rstrip())))
    return spans


