"""Article readers: text, HTML, JSONL, directories, stdin, and their errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.sources.articles import read_documents


def test_text_file_keeps_the_text_and_names_the_doc(seed_path: Path) -> None:
    docs = list(read_documents([str(seed_path)], date="2024-11-14"))
    assert len(docs) == 1
    assert docs[0].doc_id == "russia-algeria-2024-11-14"
    assert docs[0].text == seed_path.read_text(encoding="utf-8")
    assert docs[0].date == "2024-11-14"


def test_html_main_text_is_extracted_without_boilerplate(tmp_path: Path, seed_path: Path) -> None:
    paragraphs = seed_path.read_text(encoding="utf-8").split("\n")[:4]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        "<html><head><title>Russia and Algeria</title><script>var tracker = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Russia and Algeria</h1>{body}</article><footer>Cookie settings</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [doc] = list(read_documents([str(path)]))
    assert "third customer of the Russian military industry" in doc.text
    assert "tracker" not in doc.text
    assert "Cookie settings" not in doc.text


def test_jsonl_lines_become_documents_with_their_ids_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "text": "Russia signed an agreement with Algeria.", "date": "2024-01-02"},
        {"id": "b", "text": "France expelled Mali's ambassador."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = list(read_documents([str(path)], date="2024-05-05"))
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert [d.date for d in docs] == ["2024-01-02", "2024-05-05"]


def test_malformed_jsonl_line_names_file_and_line_after_yielding_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "ok", "text": "Mali cut ties with Ukraine."}\n{"id": "bad", "text": \n', encoding="utf-8")
    it = read_documents([str(path)])
    assert next(it).doc_id == "ok"
    with pytest.raises(InputError, match=r"broken\.jsonl:2: malformed JSON"):
        next(it)


def test_stdin_lines_are_numbered_documents() -> None:
    stream = io.StringIO("Russia helped Mali.\n\nAlgeria met NATO.\n")
    docs = list(read_documents(["-"], stdin=stream))
    assert [d.doc_id for d in docs] == ["0", "2"]


def test_directory_reads_supported_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second document about Chad.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First document about Niger.", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    assert [d.doc_id for d in read_documents([str(tmp_path)])] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"   \n\n", "empty document"), (b"Caf\xe9 in Algiers", "cannot decode as UTF-8")],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        list(read_documents([str(path)]))
    assert "bad.txt" in str(info.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_documents([str(tmp_path / "nope.txt")]))


def _large_file(tmp_path: Path, seed_path: Path, copies: int = 3) -> tuple[Path, str]:
    text = seed_path.read_text(encoding="utf-8")
    whole = "\n\n".join([text] * copies)
    path = tmp_path / "dump.txt"
    path.write_text(whole, encoding="utf-8")
    return path, whole


def test_a_large_text_file_is_read_in_parts_that_tile_it(tmp_path: Path, seed_path: Path, monkeypatch) -> None:
    from realpolitik.sources import articles

    monkeypatch.setattr(articles, "LARGE_TEXT_BYTES", 10_000)
    monkeypatch.setattr(articles, "PART_CHARS", 3_000)
    monkeypatch.setattr(articles, "_READ_BYTES", 1_000)  # decode across many reads, split characters included
    path, whole = _large_file(tmp_path, seed_path)
    parts = list(read_documents([str(path)], date="2024-11-14"))
    assert len(parts) > 5
    assert [d.doc_id for d in parts] == [f"dump#{i}" for i in range(1, len(parts) + 1)]
    for d in parts:  # each part is where its offset says, and nothing is lost or repeated
        assert whole[d.offset : d.offset + len(d.text)] == d.text
        assert len(d.text) <= 3_000 and d.date == "2024-11-14"
    covered = "".join(whole[d.offset : d.offset + len(d.text)] for d in parts)
    assert covered.strip() == whole.strip()
    # parts end between paragraphs or sentences, never inside a word
    assert all(d.text[-1] in "\n " for d in parts[:-1])
    # the article repeats, so some parts repeat: each still has its own identity
    assert len({d.key for d in parts}) == len(parts)


def test_undecodable_bytes_in_a_large_text_file_name_the_line(tmp_path: Path, monkeypatch) -> None:
    from realpolitik.sources import articles

    monkeypatch.setattr(articles, "LARGE_TEXT_BYTES", 100)
    monkeypatch.setattr(articles, "_READ_BYTES", 64)
    path = tmp_path / "bad.txt"
    path.write_bytes(("Mali cut ties with Ukraine.\n" * 40).encode() + b"Algeria \xff bought arms.\n")
    with pytest.raises(InputError, match=r"bad\.txt:41: cannot decode as UTF-8 \(byte 0xff at offset 1128\)"):
        list(read_documents([str(path)]))


def test_undecodable_jsonl_line_is_named_after_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Mali cut ties with Ukraine."}).encode()
    path.write_bytes(good + b"\n" + b'{"id": "bad", "text": "Alg\xe9rie"}\n')
    it = read_documents([str(path)])
    assert next(it).doc_id == "ok"
    with pytest.raises(InputError, match=r"mixed\.jsonl:2: cannot decode as UTF-8"):
        next(it)
