"""Event mentions → event clusters: one row per real-world event, however often it is reported.

The coder writes one ``events`` row per *mention*: a sentence that states an event. One
missile strike on Kharkiv is stated in two sentences of one article, in three outlets and
again in tomorrow's follow-ups; counting rows would count it six times (GDELT's best-known
flaw). This module groups the mentions into ``event_clusters`` and points
``events.cluster_id`` at them.

Matching is greedy and incremental: mentions not yet clustered are taken in a fixed order
(first seen, published, article, sentence) and each joins the most compatible cluster, or
founds a new one whose ``cluster_id`` is a hash of its founding mention's ``event_id``. A
mention is compatible with a cluster (its best-supported fields, see ``summarize``) when

- the types are the same or compatible (``COMPATIBLE_TYPES``: a pledge coded AGREE and the
  AID it announces; ASSAULT and COERCE), and modes do not contradict;
- the place is the same GeoNames place, or one is an admin1 region and the other lies in it.
  Country-level places and mentions without a place also need the same actor (country and
  name, or country and target country) or the same stated death toll (two or more):
  "Russia" alone says little;
- the dates overlap, each date standing for the span its precision allows (a day, a week, a
  month, a year), widened by ``day_window`` days (±1 by default). A mention dated only by its
  article's publication date (``date_precision='unknown'``) stands for the ``unknown_lookback``
  days before publication; two such mentions must have been published within ``day_window``
  days of each other. Month- and year-dated mentions only join clusters dated as coarsely,
  so "in October" never absorbs every strike of October;
- actors and targets do not name different countries, and stated amounts agree.

A cluster's date is anchored on its most precisely dated mentions, so mentions cannot drag it
along day by day, and a mention joins one cluster: clusters are never bridged.

Syndicated copies (``articles.duplicate_of``) are not coded again: every copy counts once
more for each mention of its original (``num_mentions``), and adds its article and domain.

``update_clusters`` is what the loader calls after each batch, inside its short write
connection: it reads what it needs back from DuckDB and writes through Arrow (an ``UPDATE …
FROM`` for ``events.cluster_id``, ``INSERT … BY NAME … ON CONFLICT DO UPDATE`` for the
clusters) in one transaction, rewriting only clusters whose fields changed, so a re-run
changes nothing.

One room per job: ``rules`` (the configuration, ``Mention``/``Source`` and when two mentions
can be one event), ``summary`` (a cluster's best-supported fields), ``matching`` (the greedy
``Matcher``, in memory) and ``store`` (``update_clusters``: the database side). Their public
names are re-exported here.
"""

from __future__ import annotations

from ingest.cluster.rules import (  # noqa: F401
    COMPATIBLE_TYPES,
    ClusterConfig,
    EVENT_COLUMNS,
    Mention,
    Source,
    actors_agree,
    actors_conflict,
    date_span,
    figures_agree,
    modes_compatible,
    norm_name,
    place_match,
    place_rank,
    types_compatible,
)
from ingest.cluster.summary import (  # noqa: F401
    summarize,
)
from ingest.cluster.matching import (  # noqa: F401
    Matcher,
    cluster_mentions,
    mention_order,
    new_cluster_id,
)
from ingest.cluster.store import (  # noqa: F401
    cluster_row,
    update_clusters,
)
