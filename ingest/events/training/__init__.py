"""Training the sentence event classifier: pool → annotation → ``make train`` → model + metrics.

Not imported at run time. See ``GUIDE.md`` (annotation guide) and ``README.md`` (the steps,
sources and licences) in this folder.
"""


def rule_coder():  # type: ignore[no-untyped-def]
    """The spaCy pipeline and the rule coder without the classifier (which training builds):
    what ``pool.py`` and ``train.py`` read sentences with. The gazetteer cache is the
    repository's ``.cache`` unless ``EVENTWIRE_CACHE_DIR`` says otherwise."""
    import os
    from pathlib import Path

    from ingest.events import EventExtractor

    root = Path(__file__).resolve().parents[3]
    ex = EventExtractor(cache_dir=Path(os.environ.get("EVENTWIRE_CACHE_DIR", root / ".cache")), classifier=False)
    return ex.nlp, ex.coder
