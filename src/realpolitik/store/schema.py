"""DDL of the core tables. Flat columns (no nested structs) so that events scale to Parquet/DuckDB
scans of hundreds of millions of rows and read naturally in pandas.

Other layers add their own tables (reference data, claims) with `CREATE TABLE IF NOT EXISTS` in
their own modules; the core tables below are the contract between extract, store and analysis.

Why documents, sentences, mentions and events declare no PRIMARY KEY: DuckDB keeps a key's index (an ART)
in memory, whole and unevictable, so an ingest's memory would grow with every row stored (about 65 bytes a
key: a gigabyte of news makes tens of millions of rows). Their keys stay unique by construction instead:
`Store` writes a document's rows only in the transaction that adds its new `doc_key`, and event ids are
derived from the `doc_key` (imported events are checked against the stored ids in batches). Stores made
before this change keep their keys; nothing relies on them.
"""

from __future__ import annotations

#: Nullable event columns that imported events fill (null for events read from text): the dataset's own id,
#: where the event happened, and the source-specific figures of `model.FIGURE_FIELDS`. Added with ALTER TABLE
#: so that older stores keep working; kept out of EVENT_COLUMNS so that text events and Parquet event
#: directories written before them read as before.
IMPORTED_EXTRA: tuple[tuple[str, str], ...] = (
    ("source_event_id", "VARCHAR"),  # ICEWS Event ID, GDELT GLOBALEVENTID, POLECAT Event ID, ACLED event_id_cnty
    ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"),
    ("place", "VARCHAR"),  # the finest place name the dataset gives
    ("num_mentions", "INTEGER"),  # GDELT
    ("num_sources", "INTEGER"),  # GDELT
    ("num_articles", "INTEGER"),  # GDELT
    ("avg_tone", "DOUBLE"),  # GDELT
    ("quad_class", "INTEGER"),  # GDELT QuadClass, POLECAT Quad Code
    ("source_raw_code", "VARCHAR"),  # GDELT Actor1Code/Actor2Code, aligned with the stored source/target
    ("target_raw_code", "VARCHAR"),
    ("source_countries", "VARCHAR[]"),  # every country of a multi-valued actor (POLECAT)
    ("target_countries", "VARCHAR[]"),
    ("fatalities", "INTEGER"),  # ACLED
    ("source_event_type", "VARCHAR"),  # ACLED "event type: sub-event type"
)
IMPORTED_EXTRA_COLUMNS: tuple[str, ...] = tuple(name for name, _ in IMPORTED_EXTRA)

CORE_DDL: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS documents (
        doc_key      VARCHAR NOT NULL,      -- sha256 of the text (first 32 hex): identity, unique
        doc_id       VARCHAR NOT NULL,      -- what the user named it (file stem, JSONL id, line no.)
        path         VARCHAR,
        url          VARCHAR,
        title        VARCHAR,
        pub_date     VARCHAR,
        origin       VARCHAR NOT NULL DEFAULT 'text',
        n_chars      INTEGER,
        text         VARCHAR,
        ingested_at  TIMESTAMP DEFAULT current_timestamp,
        text_offset  BIGINT DEFAULT 0       -- where text starts in its file (a part of a large file), else 0
    )
    """,
    # stores written before parts existed
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS text_offset BIGINT DEFAULT 0",
    """
    CREATE TABLE IF NOT EXISTS sentences (
        doc_key   VARCHAR NOT NULL,
        sentence  INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        "end"     INTEGER NOT NULL,
        text      VARCHAR NOT NULL   -- one row per (doc_key, sentence): see the module docstring
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS mentions (
        doc_key   VARCHAR NOT NULL,
        sentence  INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        "end"     INTEGER NOT NULL,
        text      VARCHAR NOT NULL,
        code      VARCHAR,
        country   VARCHAR,
        sector    VARCHAR           -- one row per (doc_key, start, end)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS actors (
        code      VARCHAR PRIMARY KEY,
        name      VARCHAR,
        country   VARCHAR,
        kind      VARCHAR          -- state, igo, group, firm, person, unknown
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS events (
        event_id        VARCHAR NOT NULL,  -- unique: see the module docstring
        doc_key         VARCHAR,
        doc_id          VARCHAR,
        sentence        INTEGER,
        event_type      VARCHAR NOT NULL,
        mode            VARCHAR,
        context         VARCHAR[],
        cameo           VARCHAR,
        intensity       DOUBLE,
        source_code     VARCHAR,
        source_country  VARCHAR,
        source_sector   VARCHAR,
        source_text     VARCHAR,
        source_start    INTEGER,
        source_end      INTEGER,
        target_code     VARCHAR,
        target_country  VARCHAR,
        target_sector   VARCHAR,
        target_text     VARCHAR,
        target_start    INTEGER,
        target_end      INTEGER,
        date            VARCHAR,         -- as precise as known: YYYY-MM-DD, YYYY-MM or YYYY
        date_start      DATE,            -- first day of that period, for range queries
        negated         BOOLEAN,
        hypothetical    BOOLEAN,
        attributed_to   VARCHAR,
        confidence      DOUBLE,
        evidence_text   VARCHAR,
        evidence_start  INTEGER,
        evidence_end    INTEGER,
        trigger         VARCHAR,
        origin          VARCHAR,         -- text, gdelt, icews, polecat, acled
        url             VARCHAR
    )
    """,
    # imported events' own ids, places and figures (IMPORTED_EXTRA_COLUMNS); stores made before them gain them
    *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {sql}" for name, sql in IMPORTED_EXTRA),
)

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_key",
    "doc_id",
    "sentence",
    "event_type",
    "mode",
    "context",
    "cameo",
    "intensity",
    "source_code",
    "source_country",
    "source_sector",
    "source_text",
    "source_start",
    "source_end",
    "target_code",
    "target_country",
    "target_sector",
    "target_text",
    "target_start",
    "target_end",
    "date",
    "date_start",
    "negated",
    "hypothetical",
    "attributed_to",
    "confidence",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "trigger",
    "origin",
    "url",
)

#: The columns an imported event fills: the core ones, then its id, place and figures.
IMPORTED_EVENT_COLUMNS: tuple[str, ...] = EVENT_COLUMNS + IMPORTED_EXTRA_COLUMNS

#: Events that count as having happened: the text neither denies nor merely imagines them (a SQL condition).
FACTUAL = "NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)"
