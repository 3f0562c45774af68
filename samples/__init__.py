"""The demo's sample site (``site/``), shipped as package data so that ``eventwire demo``
works from an installed package; ``build_site.py`` rebuilds it from ``../shared`` by hand."""
