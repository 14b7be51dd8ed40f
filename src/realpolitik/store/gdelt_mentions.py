"""The `gdelt_mentions` table: GDELT 2.0 Mentions rows (one article's mention of an event), linked to the
events table by `event_id` = gdelt:<GLOBALEVENTID>. Created by its importer (`CREATE TABLE IF NOT EXISTS`), as
reference tables are; rows come in as Arrow tables, one statement a batch, duplicates left alone.

Why its own key (unlike the events table): a mention is identified by the event, the article and its place in
the article; the table is small beside the events and re-imports must not double it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from realpolitik.store.db import Store

MENTIONS_DDL = """
CREATE TABLE IF NOT EXISTS gdelt_mentions (
    globaleventid     BIGINT NOT NULL,
    event_id          VARCHAR NOT NULL,   -- the events table's id of the event mentioned: gdelt:<GLOBALEVENTID>
    event_time        TIMESTAMP,
    mention_time      TIMESTAMP,
    mention_type      INTEGER,
    source_name       VARCHAR,
    url               VARCHAR,            -- MentionIdentifier
    sentence_id       INTEGER,
    actor1_offset     INTEGER,
    actor2_offset     INTEGER,
    action_offset     INTEGER,
    in_raw_text       BOOLEAN,
    confidence        INTEGER,
    doc_len           INTEGER,
    doc_tone          DOUBLE,
    translation_info  VARCHAR,
    PRIMARY KEY (globaleventid, url, sentence_id, actor1_offset, actor2_offset, action_offset)
)
"""
MENTION_COLUMNS: tuple[str, ...] = (
    "globaleventid", "event_id", "event_time", "mention_time", "mention_type", "source_name", "url",
    "sentence_id", "actor1_offset", "actor2_offset", "action_offset", "in_raw_text", "confidence",
    "doc_len", "doc_tone", "translation_info",
)  # fmt: skip


def ensure_table(store: Store) -> None:
    store.con.execute(MENTIONS_DDL)


def insert_mentions(store: Store, rows: Sequence[tuple]) -> int:
    """Insert mention rows (MENTION_COLUMNS order); those already stored are left alone. Returns rows added."""
    import pyarrow as pa

    if not rows:
        return 0
    con = store.con
    data = list(zip(*rows, strict=True))
    table = pa.table({c: list(v) for c, v in zip(MENTION_COLUMNS, data, strict=True)})
    before = con.execute("SELECT count(*) FROM gdelt_mentions").fetchall()[0][0]
    con.register("_rp_mentions_batch", table)
    try:
        con.execute(
            f"INSERT INTO gdelt_mentions ({', '.join(MENTION_COLUMNS)}) SELECT globaleventid, event_id, "
            "CAST(event_time AS TIMESTAMP), CAST(mention_time AS TIMESTAMP), mention_type, source_name, url, "
            "sentence_id, actor1_offset, actor2_offset, action_offset, in_raw_text, confidence, doc_len, doc_tone, "
            "translation_info FROM _rp_mentions_batch ON CONFLICT DO NOTHING"
        )
    finally:
        con.unregister("_rp_mentions_batch")
    return int(con.execute("SELECT count(*) FROM gdelt_mentions").fetchall()[0][0] - before)


def mentions_of(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The stored mentions of one event (by its events-table id, gdelt:<GLOBALEVENTID>)."""
    ensure_table(store)
    df = store.query(
        "SELECT * FROM gdelt_mentions WHERE event_id = ? ORDER BY mention_time, url, sentence_id", [event_id]
    )
    return df.to_dict(orient="records")
