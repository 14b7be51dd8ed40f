"""The event-source registry and what every imported event keeps: the dataset's id, place and figures; hosted
visits read visitor -> host; placeholders are no actors; the layouts seen in the wild (GDELT re-saved by pandas,
ICEWS of 2017 onward, POLECAT header variants); exit 2 when a file gives nothing.

Rows are the 12 real GDELT rows in ../shared and rows written here in each dataset's documented layout."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.event_sources import SOURCES, import_events, iter_records, iter_rows
from realpolitik.sources.event_files import ImportReport
from realpolitik.sources.gdelt import EVENT_FIELDS
from realpolitik.store.db import Store
from realpolitik.store.schema import IMPORTED_EVENT_COLUMNS, IMPORTED_EXTRA_COLUMNS

FIX = Path(__file__).parent / "fixtures" / "events"

ICEWS_HEADER = (
    "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
    "Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t"
    "Province\tCountry\tLatitude\tLongitude"
)
# ICEWS rows of the 2017-onward kind (m/d/Y dates), written for these tests in ICEWS's column layout.
ICEWS_ROWS = [
    "30000001\t1/5/2018\tNarendra Modi\tGovernment,Executive,Executive Office\tIndia\tHost a visit\t043\t2.8\t"
    "Shinzo Abe\tExecutive,Government\tJapan\t40000001\t1\tExample Times\tNew Delhi\t\tDelhi\tIndia\t28.6\t77.2",
    "30000002\t1/6/2018\tUnspecified Actor\t\t\tCriticize or denounce\t111\t-2.0\tGovernment (Syria)\tGovernment\t"
    "Syria\t40000002\t2\tExample Times\t\t\t\tSyria\t35.0\t38.0",
    "30000003\t12/31/2017\tAndrés Manuel López Obrador\tParties\tMexico\tMake a visit\t042\t1.9\tMexico\t\tMexico\t"
    "40000003\t1\tExample Diario\tMonterrey\t\tNuevo Leon\tMexico\t25.67\t-100.31",
    "30000004\t1/7/2018\tWorld Food Programme\tInternational Government Organization\t\tProvide humanitarian aid\t"
    "073\t7.4\tCitizen (Yemen)\tCitizen\tYemen\t40000004\t1\tExample Wire\tSanaa\t\tAmanat al Asimah\tYemen\t15.35\t44.2",
    "30000005\t1/8/2018\tSergey Shoygu\tGovernment,Military,Defense / Security Ministry\tRussian Federation\t"
    "Threaten with military force\t138\t-7.0\tUkraine\t\tUkraine\t40000005\t3\tExample Wire\t\t\t\tUkraine\t\t",
    "30000006\t31/31/2018\tRussia\t\tRussian Federation\tMake a visit\t042\t1.9\tChina\t\tChina\t40000006\t1\tX\t\t\t\t\t\t",
]
# The same kind of file without a CAMEO Code column: the code comes from the Event Text.
ICEWS_NO_CAMEO_HEADER = ICEWS_HEADER.replace("CAMEO Code\t", "")
ICEWS_NO_CAMEO_ROWS = [
    "30000011\t2/1/2019\tEmmanuel Macron\tExecutive,Government\tFrance\tHost a visit\t2.8\tAngela Merkel\t"
    "Executive,Government\tGermany\t40000011\t1\tExample Wire\tParis\t\tIle-de-France\tFrance\t48.85\t2.35",
    "30000012\t2/2/2019\tFrance\t\tFrance\tMake statement\t0.0\tGermany\t\tGermany\t40000012\t1\tX\t\t\t\tFrance\t\t",
]

POLECAT_HEADER = (
    "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tQuad Code\tContexts\tActor Name\tActor Country\t"
    "Actor COW\tPrimary Actor Sector\tActor Sectors\tActor Title\tActor Name Raw\tWikipedia Actor ID\t"
    "Recipient Name\tRecipient Country\tRecipient COW\tPrimary Recipient Sector\tRecipient Sectors\t"
    "Recipient Title\tRecipient Name Raw\tWikipedia Recipient ID\tPlacename\tCity\tState\tCountry\tLatitude\t"
    "Longitude\tGeoNames ID\tRaw Placename\tFeature Type\tSource\tPublication Date\tStory People\t"
    "Story Organizations\tStory Locations\tLanguage\tVersion"
)
# POLECAT rows written for these tests in POLECAT's column layout, with `Intensity` for `Event Intensity`.
POLECAT_ROWS = [
    "20230301-0001-aaa\t2023-03-01\tconsult\tmultilateral\t3.5\t1\tdiplomatic\tJoe Biden;Rishi Sunak\tUSA;GBR\t"
    "2;200\tGOV\tGOV\tPresident\t\t\tAnthony Albanese\tAUS\t900\tGOV\tGOV\tPrime Minister\t\t\tSan Diego\t"
    "San Diego\tCalifornia\tUSA\t32.72\t-117.16\t\t\t\tExample Wire\t2023-03-01\t\t\t\ten\tv1.1",
    "20230302-0002-bbb\t2023-03-02\tprotest\tdemo\t-5\t4\tNone\tNone\tIRN\tNone\tCVL\tNone\tNone\tNone\tNone\t"
    "None\tNone\tNone\tNone\tNone\tNone\tNone\tNone\tNone\tTehran\tTehran\tIRN\t35.69\t51.39\tNone\tNone\tNone\t"
    "Example Wire\t2023-03-02\tNone\tNone\tNone\ten\tv1.1",
]


def _write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _rows(store: Store) -> dict[str, dict]:
    """Stored events by the dataset's id (nulls as None, not pandas' NaN)."""
    cur = store.con.execute("SELECT * FROM events ORDER BY source_event_id")
    cols = [d[0] for d in cur.description]
    return {r[cols.index("source_event_id")]: dict(zip(cols, r, strict=True)) for r in cur.fetchall()}


@pytest.fixture()
def export_12(shared_dir: Path) -> Path:
    return shared_dir / "data" / "gdelt" / "gdelt2_export_12rows.export.CSV"


@pytest.fixture()
def samples(tmp_path: Path, export_12: Path) -> dict[str, Path]:
    """One file per registry entry, in its dataset's layout."""
    return {
        "gdelt": export_12,
        "icews": _write(tmp_path / "icews.tab", ICEWS_HEADER, ICEWS_ROWS),
        "polecat": _write(tmp_path / "polecat.tsv", POLECAT_HEADER, POLECAT_ROWS),
        "acled": FIX / "acled_sample.csv",
    }


# --- the registry ---------------------------------------------------------------------------------------


def test_every_source_imports_with_its_ids_and_a_command(samples: dict[str, Path], tmp_path: Path) -> None:
    assert set(samples) == set(SOURCES)  # a new source brings a sample here
    db = tmp_path / "all.duckdb"
    for name, src in SOURCES.items():
        res = CliRunner().invoke(main, ["import", name, str(samples[name]), "--db", str(db), "--json", "-q"])
        assert res.exit_code == 0, res.output
        out = json.loads(res.stdout)
        assert out["inserted"] > 0 and out["files_without_events"] == []
        report = ImportReport()
        recs = list(iter_records(src, [str(samples[name])], report))
        assert len(recs) == out["parsed"]
        assert all(rec.origin == name and rec.source_event_id for rec, _, _ in recs)
    with Store(db, read_only=True) as store:
        by_origin = dict(store.con.execute("SELECT origin, count(*) FROM events GROUP BY 1").fetchall())
        assert set(by_origin) == set(SOURCES)
        assert store.con.execute("SELECT count(*) FROM events WHERE source_event_id IS NULL").fetchall()[0][0] == 0


def test_spark_partitions_carry_the_same_rows(samples: dict[str, Path]) -> None:
    """The Spark executors run the registry's readers: the same rows, with ids, places and figures."""
    from realpolitik.spark.engine import spark_event_row
    from realpolitik.spark.importing import parse_partition

    for name, src in SOURCES.items():
        local = [spark_event_row(r) for r in iter_rows(src, [str(samples[name])], ImportReport())]
        parts = list(parse_partition(name, [str(samples[name])]))
        assert [t[1] for t in parts if t[0] == "e"] == local
        assert all(len(r) == len(IMPORTED_EVENT_COLUMNS) + 1 for r in local)  # + the month partition


def test_a_file_that_gives_nothing_exits_2_and_keeps_the_rest(samples: dict[str, Path], tmp_path: Path) -> None:
    for name in SOURCES:
        wrong = tmp_path / f"{name}-wrong.csv"
        wrong.write_text("a\tb\tc\n1\t2\t3\n", encoding="utf-8")
        db = tmp_path / f"{name}.duckdb"
        res = CliRunner().invoke(main, ["import", name, str(samples[name]), str(wrong), "--db", str(db), "-q"])
        assert res.exit_code == 2, (name, res.output)
        errors = [line for line in res.output.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and str(wrong) in errors[0], res.output
        with Store(db, read_only=True) as store:
            assert store.count("events") > 0  # the good file's events are stored all the same


def test_an_unreadable_zip_exits_2(tmp_path: Path, export_12: Path) -> None:
    good = tmp_path / "20240820.export.CSV.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(export_12, "20240820.export.CSV")
    bad = tmp_path / "20240821.export.CSV.zip"
    bad.write_bytes(good.read_bytes()[:100])
    res = CliRunner().invoke(main, ["import", "gdelt", str(bad), "--db", str(tmp_path / "z.duckdb"), "-q"])
    assert res.exit_code == 2
    assert "20240821.export.CSV.zip: no events read: truncated or corrupt zip" in res.output


def test_an_archive_broken_halfway_exits_2_after_storing_what_came_before(tmp_path: Path, export_12: Path) -> None:
    import gzip

    data = gzip.compress(export_12.read_bytes() * 50)
    bad = tmp_path / "big.export.CSV.gz"
    bad.write_bytes(data[: len(data) * 2 // 3])
    db = tmp_path / "g.duckdb"
    res = CliRunner().invoke(main, ["import", "gdelt", str(bad), "--db", str(db), "--json", "-q"])
    assert res.exit_code == 2
    out = json.loads(res.stdout)
    assert out["inserted"] == 12 and out["broken_archives"] == [str(bad)]
    assert "the rows before the break are stored" in res.stderr


def test_an_old_store_gains_the_new_columns(tmp_path: Path, export_12: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:  # a store as written before the columns existed
        for col in IMPORTED_EXTRA_COLUMNS:
            store.con.execute(f"ALTER TABLE events DROP COLUMN {col}")
        store.con.execute("INSERT INTO events (event_id, event_type, origin) VALUES ('old:1', 'CONSULT', 'text')")
    with Store(db) as store:
        report = import_events("gdelt", store, [str(export_12)])
        assert report.inserted == 12
        old = store.con.execute("SELECT source_event_id, event_type FROM events WHERE event_id = 'old:1'").fetchall()
    assert old == [(None, "CONSULT")]


# --- GDELT ------------------------------------------------------------------------------------------------


def test_gdelt_keeps_ids_places_figures_and_reads_hosted_visits_visitor_to_host(export_12: Path) -> None:
    with Store(":memory:") as store:
        report = import_events("gdelt", store, [str(export_12)])
        assert (report.parsed, report.inserted) == (12, 12)
        rows = _rows(store)
    raw = {line.split("\t")[0]: line.split("\t") for line in export_12.read_text(encoding="utf-8").splitlines()}
    assert set(rows) == set(raw)
    col = {n: i for i, n in enumerate(EVENT_FIELDS)}
    for gid, f in raw.items():
        r = rows[gid]
        assert r["event_id"] == f"gdelt:{gid}"
        assert r["num_mentions"] == int(f[col["NumMentions"]]) and r["num_articles"] == int(f[col["NumArticles"]])
        assert r["avg_tone"] == pytest.approx(float(f[col["AvgTone"]]))
        assert r["quad_class"] == int(f[col["QuadClass"]])
        assert r["place"] == f[col["ActionGeo_FullName"]]
        assert r["latitude"] == pytest.approx(float(f[col["ActionGeo_Lat"]]))
        a1, a2 = f[col["Actor1Code"]] or None, f[col["Actor2Code"]] or None
        hosted = f[col["EventCode"]] == "043"
        assert (r["source_raw_code"], r["target_raw_code"]) == ((a2, a1) if hosted else (a1, a2))
    # the two hosted visits: India hosts Nepal's visitors -> NPL visits IND; the US hosts a president -> to USA
    nepal = rows["1193447433"]
    assert (nepal["source_code"], nepal["target_code"], nepal["mode"], nepal["cameo"]) == ("NPL", "IND", "visit", "043")
    us = rows["1258623893"]
    assert (us["source_text"], us["source_sector"], us["target_code"]) == ("PRESIDENT", "GOV", "USA")
    visit = rows["1193447408"]  # 042, make a visit: GDELT's own direction
    assert (visit["source_code"], visit["target_code"]) == ("GBR", "IRL")


@pytest.mark.parametrize("variant", ["plain", "index", "gdeltpyr", "numbered"])
def test_gdelt_resaved_by_pandas_imports(variant: str, tmp_path: Path, export_12: Path) -> None:
    pd = pytest.importorskip("pandas")
    names = None if variant == "numbered" else list(EVENT_FIELDS)
    df = pd.read_csv(export_12, sep="\t", header=None, names=names)  # codes read as numbers: 043 -> 43
    path = tmp_path / f"{variant}.csv"
    if variant == "gdeltpyr":  # gdeltPyR's normcols: lower case, no underscores
        df.columns = [c.lower().replace("_", "") for c in df.columns]
    df.to_csv(path, index=variant in ("index", "numbered"))
    assert path.read_text(encoding="utf-8").count("\t") == 0
    db = tmp_path / "p.duckdb"
    res = CliRunner().invoke(main, ["import", "gdelt", str(path), "--db", str(db), "--json", "-q"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["inserted"] == 12
    cols = "event_id, cameo, source_code, target_code, num_mentions, place, latitude, avg_tone, date, url"
    with Store(":memory:") as raw_store:
        import_events("gdelt", raw_store, [str(export_12)])
        expected = raw_store.query(f"SELECT {cols} FROM events ORDER BY 1")
    with Store(db, read_only=True) as store:
        got = store.query(f"SELECT {cols} FROM events ORDER BY 1")
    assert got.equals(expected)  # leading zeros of the CAMEO codes restored: 043, 020


# --- ICEWS ------------------------------------------------------------------------------------------------


def test_icews_2017_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "icews.tab", ICEWS_HEADER, ICEWS_ROWS)
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(path)])
        rows = _rows(store)
    assert report.parsed == 5 and [(s.line, s.reason.split(":")[0]) for s in report.skips] == [(7, "bad date")]
    assert set(rows) == {"30000001", "30000002", "30000003", "30000004", "30000005"}
    host = rows["30000001"]  # India hosts Japan's prime minister: stored Japan -> India
    assert (host["source_code"], host["target_code"], host["mode"], host["date"]) == (
        "JPN",
        "IND",
        "visit",
        "2018-01-05",
    )
    assert (host["place"], host["latitude"], host["longitude"]) == ("New Delhi", 28.6, 77.2)
    unspecified = rows["30000002"]
    assert unspecified["source_code"] is None and unspecified["source_text"] is None
    assert unspecified["target_code"] == "SYR" and unspecified["place"] == "Syria"
    amlo = rows["30000003"]
    assert (amlo["source_code"], amlo["source_country"], amlo["date"]) == (
        "ANDRES_MANUEL_LOPEZ_OBRADOR",
        "MEX",
        "2017-12-31",
    )
    wfp = rows["30000004"]
    assert (wfp["source_code"], wfp["source_sector"], wfp["target_code"]) == ("WORLD_FOOD_PROGRAMME", "IGO", "YEM")
    shoygu = rows["30000005"]  # listed under Government and Military: acts for the government
    assert (shoygu["source_code"], shoygu["source_sector"]) == ("RUS", "GOV")
    assert shoygu["latitude"] is None and shoygu["place"] == "Ukraine"  # no coordinates given


def test_icews_as_r_writes_it(tmp_path: Path) -> None:
    """The rows re-saved from R (readr::write_tsv after the icews package's names): lower-case names with `_`,
    missing values as NA, a cell holding a quote wrapped in quotes."""
    header = "\t".join(c.lower().replace(" ", "_") for c in ICEWS_HEADER.split("\t"))
    rows = ["\t".join(c or "NA" for c in r.split("\t")) for r in ICEWS_ROWS[:5]]
    cells = rows[3].split("\t")
    cells[2] = '"World Food Programme ""WFP"""'
    rows[3] = "\t".join(cells)
    path = _write(tmp_path / "events.2018.sample.tab", header, rows)
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(path)])
        got = _rows(store)
    expected_path = _write(tmp_path / "icews.tab", ICEWS_HEADER, ICEWS_ROWS[:5])
    with Store(":memory:") as store:
        import_events("icews", store, [str(expected_path)])
        expected = _rows(store)
    assert report.skipped == 0 and set(got) == set(expected)
    assert got["30000004"]["source_text"] == 'World Food Programme "WFP"'
    assert got["30000002"]["source_code"] is None and got["30000005"]["latitude"] is None
    for eid in ("30000001", "30000003", "30000005"):
        same = ("source_code", "target_code", "date", "cameo", "place", "latitude", "source_sector", "event_id")
        assert [got[eid][c] for c in same] == [expected[eid][c] for c in same]


def test_icews_without_a_cameo_column_reads_the_event_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "icews-2019.tab", ICEWS_NO_CAMEO_HEADER, ICEWS_NO_CAMEO_ROWS)
    with Store(":memory:") as store:
        report = import_events("icews", store, [str(path)])
        rows = _rows(store)
    assert (report.parsed, report.not_events, report.skipped) == (1, 1, 0)  # "Make statement" is CAMEO 010
    visit = rows["30000011"]
    assert (visit["cameo"], visit["source_code"], visit["target_code"]) == ("043", "DEU", "FRA")


# --- POLECAT ----------------------------------------------------------------------------------------------


def test_polecat_intensity_column_none_literals_and_multi_valued_actors(tmp_path: Path) -> None:
    path = _write(tmp_path / "polecat.tsv", POLECAT_HEADER, POLECAT_ROWS)
    with Store(":memory:") as store:
        report = import_events("polecat", store, [str(path)])
        rows = _rows(store)
        nodes = {
            r[0]
            for r in store.con.execute("SELECT source_code FROM events UNION SELECT target_code FROM events").fetchall()
        }
    assert (report.parsed, report.skipped) == (2, 0)
    aukus = rows["20230301-0001-aaa"]
    assert aukus["intensity"] == 3.5 and aukus["cameo"] is None and aukus["quad_class"] == 1
    assert (aukus["source_code"], aukus["source_text"]) == ("USA", "Joe Biden")
    assert list(aukus["source_countries"]) == ["USA", "GBR"] and list(aukus["target_countries"]) == ["AUS"]
    assert (aukus["place"], aukus["latitude"]) == ("San Diego", 32.72)
    protest = rows["20230302-0002-bbb"]
    assert protest["target_code"] is None and protest["target_text"] is None
    assert (protest["source_code"], protest["source_sector"], list(protest["context"])) == ("IRN", "CVL", [])
    assert "NONE" not in nodes


def test_records_carry_the_added_fields(export_12: Path) -> None:
    report = ImportReport()
    recs = {rec.source_event_id: rec for rec, _, _ in iter_records(SOURCES["gdelt"], [str(export_12)], report)}
    d = recs["1193447433"].to_dict()
    assert d["source_event_id"] == "1193447433" and d["place"] == "New Delhi, Delhi, India"
    assert d["figures"]["source_raw_code"] == "NPL" and d["figures"]["quad_class"] == 1
    json.dumps(d, allow_nan=False)  # strict JSON


def test_gdelt_mentions_resaved_with_an_index_and_gdelts_names(shared_dir: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from realpolitik.event_sources import import_mentions
    from realpolitik.sources.gdelt import MENTION_FIELDS

    sample = shared_dir / "data" / "gdelt" / "gdelt2_mentions_sample_gdeltPyR.csv"
    df = pd.read_csv(sample, dtype=str, keep_default_na=False)
    df.columns = list(MENTION_FIELDS)  # GDELT's own names instead of gdeltPyR's
    path = tmp_path / "mentions.csv"
    df.to_csv(path)  # with pandas' index column
    with Store(":memory:") as store:
        report = import_mentions(store, [str(path)])
        assert (report.rows, report.inserted, report.skipped) == (len(df), len(df), 0)


def test_parquet_keeps_the_added_columns_and_reads_older_directories(tmp_path: Path, export_12: Path) -> None:
    from realpolitik.store import scale
    from realpolitik.store.schema import EVENT_COLUMNS

    with Store(tmp_path / "s.duckdb") as store:
        import_events("gdelt", store, [str(export_12)])
        out = scale.write_events_parquet(store.con, tmp_path / "events")
        # a directory written before the added columns: the core columns only
        core = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
        old = scale.write_events_parquet(store.con, tmp_path / "old", relation=f"(SELECT {core} FROM events)")
        expected = store.con.execute("SELECT event_id, source_event_id, place FROM events ORDER BY 1").fetchall()
    got = scale.open_parquet_store(out).con.execute("SELECT event_id, source_event_id, place FROM events ORDER BY 1")
    assert got.fetchall() == expected
    older = scale.open_parquet_store(old).con.execute("SELECT event_id, source_event_id FROM events ORDER BY 1")
    assert older.fetchall() == [(e, None) for e, _, _ in expected]
    with Store(":memory:") as fresh:
        assert scale.load_parquet_events(fresh, out) == 12 and scale.load_parquet_events(fresh, old) == 0
        assert fresh.con.execute("SELECT count(*) FROM events WHERE place IS NOT NULL").fetchall()[0][0] == 12
