"""One source of table shapes: the DDL. Arrow schemas are read from it and the row types
(``schemas.models``) must name only its columns, so the three cannot drift apart."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

from ingest.store.articles import row_fields
from ingest.store.tables import columns, schema_of, to_arrow
from schemas.models import Article, Event, SourceState

# fields a row type carries for the stages that are deliberately not stored
STAGE_ONLY = {Article: {"fetched_at"}, Event: set(), SourceState: {"sent", "error_message"}}
TABLE = {Article: "articles", Event: "events", SourceState: "sources"}


@pytest.mark.parametrize("row_type", [Article, Event, SourceState])
def test_every_stored_field_is_a_column(row_type):
    fields = {f.name for f in dataclasses.fields(row_type)} - STAGE_ONLY[row_type]
    assert fields - set(columns(TABLE[row_type])) == set()


def test_rows_carry_every_field_that_is_a_column():
    assert set(row_fields(Event, "events")) == {f.name for f in dataclasses.fields(Event)}
    assert "fetched_at" not in row_fields(Article, "articles")


def test_the_clusterer_reads_only_events_columns():
    from ingest.cluster import EVENT_COLUMNS, Mention

    assert EVENT_COLUMNS == tuple(f.name for f in dataclasses.fields(Mention))
    assert set(EVENT_COLUMNS) <= set(columns("events"))
    assert "num_mentions" in schema_of("event_clusters").names


def test_arrow_types_come_from_the_ddl():
    s = schema_of("events")
    assert s.field("killed").type == pa.int32()
    assert s.field("event_date").type == pa.date32()
    assert schema_of("articles").field("published_at").type == pa.timestamp("us", tz="UTC")


def test_a_name_that_is_not_a_column_is_refused():
    with pytest.raises(KeyError, match="not columns of articles: headline"):
        to_arrow([{"article_id": "a", "headline": "x"}], "articles")
