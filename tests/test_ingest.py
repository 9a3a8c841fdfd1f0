"""Reading inputs: every bad kind is an InputError naming file(:line); the rest still reads."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import InputError
from fogofwar.ingest import decode_text, read_inputs, read_jsonl
from fogofwar.models import Article

REPORT = (
    "Ukrainian forces said on Sunday that a drone strike destroyed an ammunition depot near "
    "Kursk, killing at least 12 soldiers. The claim could not be independently verified.\n"
)
PAGE = """<!doctype html><html><head><title>Strike hits depot | Kyiv Daily</title>
<meta property="og:site_name" content="Kyiv Daily">
<meta property="og:title" content="Strike hits depot near Kursk">
<meta property="article:published_time" content="2024-12-15T10:00:00Z">
<link rel="canonical" href="https://kyivdaily.example/strike"></head>
<body><nav>Home | World | Sport</nav><article><h1>Strike hits depot near Kursk</h1>
<p>Ukrainian forces said on Sunday that a drone strike destroyed an ammunition depot near Kursk,
killing at least 12 soldiers. The claim could not be independently verified by reporters.</p>
<p>Russia's defence ministry said its air defences shot down 30 drones overnight over several
regions, including Belgorod and Kursk, according to a statement on Telegram.</p></article>
<footer>Copyright Kyiv Daily</footer></body></html>"""


def split(items):
    items = list(items)
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, InputError)],
    )


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


@pytest.fixture
def good(tmp_path):
    return write(tmp_path / "good.txt", REPORT)


def test_text_file_is_read_verbatim_with_stem_as_id(good):
    (article,) = list(read_inputs([good]))
    assert article.id == "good"
    assert article.text == REPORT
    assert article.origin == good


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("nul.txt", b"Kursk\x00\x01\x02\x03" * 20, "binary"),
        ("noise.txt", bytes(range(1, 32)) * 10, "binary"),
        ("koi8.txt", "Украинские военные сообщили о потерях.".encode("koi8-r"), "UTF-8"),
        ("html-empty.html", "<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_input_is_an_error_naming_the_file_and_others_still_read(
    tmp_path, good, name, data, message
):
    bad = write(tmp_path / name, data)
    articles, errors = split(read_inputs([bad, good]))
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1
    assert errors[0].where == bad
    assert message in errors[0].message


def test_cp1252_western_text_is_read_correctly():
    data = "Reuters reported the strike on the caf\u00e9 \u2014 \u201cit was huge\u201d.".encode(
        "cp1252"
    )
    assert (
        decode_text(data, "x.txt")
        == "Reuters reported the strike on the caf\u00e9 \u2014 \u201cit was huge\u201d."
    )


def test_utf8_bom_is_dropped_and_utf16_is_read():
    assert decode_text(b"\xef\xbb\xbfKyiv said", "a.txt") == "Kyiv said"
    assert decode_text("Kyiv said".encode("utf-16"), "b.txt") == "Kyiv said"


def test_headline_first_line_becomes_title(tmp_path):
    path = write(
        tmp_path / "n.txt",
        "North Korea's conflict role: First losses in Russian alliance\n" + REPORT,
    )
    (article,) = list(read_inputs([path]))
    assert article.title == "North Korea's conflict role: First losses in Russian alliance"


def test_sentence_first_line_is_not_a_title(good):
    (article,) = list(read_inputs([good]))
    assert article.title is None


def test_html_metadata_is_read(tmp_path):
    path = write(tmp_path / "page.html", PAGE)
    (article,) = list(read_inputs([path]))
    assert article.id == "page"
    assert "killing at least 12 soldiers" in article.text
    assert "Home | World" not in article.text
    assert article.title == "Strike hits depot near Kursk"
    assert article.source == "Kyiv Daily"
    assert article.published == date(2024, 12, 15)
    assert article.url == "https://kyivdaily.example/strike"


def test_jsonl_bad_lines_are_errors_naming_the_line_and_other_lines_read(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": REPORT, "published": "2024-12-15T08:00:00Z",
                    "source": "Kyiv Daily", "url": "https://k.example/a1", "title": "Depot hit"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"id": "a3", "title": "No body"}),
        "",
        json.dumps({"id": "a4", "html": PAGE}),
        json.dumps(["not", "an", "object"]),
    ]  # fmt: skip
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    articles, errors = split(read_jsonl(path))
    assert [a.id for a in articles] == ["a1", "a4"]
    assert [e.where for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "not valid JSON" in errors[0].message
    assert 'no "text"' in errors[1].message
    first = articles[0]
    assert (first.published, first.source, first.url, first.title) == (
        date(2024, 12, 15),
        "Kyiv Daily",
        "https://k.example/a1",
        "Depot hit",
    )
    assert first.origin == f"{path}:1"
    assert articles[1].source == "Kyiv Daily" and "12 soldiers" in articles[1].text


def test_jsonl_bad_published_date_is_an_error_for_that_line(tmp_path):
    path = write(
        tmp_path / "d.jsonl", json.dumps({"id": "x", "text": REPORT, "published": "15/12/2024"})
    )
    (error,) = list(read_jsonl(path))
    assert isinstance(error, InputError) and error.where == f"{path}:1"


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", REPORT)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "c.html", PAGE)
    write(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": REPORT + " Again."}))
    write(tmp_path / "notes.md", "ignored")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden" / "x.txt", REPORT)
    articles, errors = split(read_inputs([str(tmp_path)]))
    assert errors == []
    assert [a.id for a in articles] == ["j1", "b", "c"]


def test_missing_path_is_an_error_and_reading_goes_on(tmp_path, good):
    missing = str(tmp_path / "nope.txt")
    articles, errors = split(read_inputs([missing, good]))
    assert [e.where for e in errors] == [missing]
    assert len(articles) == 1


def test_stdin_dash_reads_text():
    (article,) = list(read_inputs(["-"], stdin=io.BytesIO(REPORT.encode())))
    assert article.text == REPORT
    assert article.origin == "<stdin>"


def test_user_published_date_fills_only_articles_without_one(tmp_path, good):
    page = write(tmp_path / "page.html", PAGE)
    given = date(2025, 1, 1)
    text_article, page_article = list(read_inputs([good, page], published=given))
    assert text_article.published == given
    assert page_article.published == date(2024, 12, 15)
