"""Reading articles: text files, HTML pages, JSON Lines dumps, folders and standard input.

``read_inputs(paths)`` yields ``Article`` objects and ``InputError`` objects in input order;
errors are yielded rather than raised so one bad file never stops a batch.
"""

from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.html import article_from_html, read_html_file
from fogofwar.ingest.jsonl import read_jsonl
from fogofwar.ingest.sources import folder_files, read_inputs, read_path
from fogofwar.ingest.text import article_from_text, decode_text, read_text_file

__all__ = [
    "article_from_html",
    "article_from_text",
    "decode_text",
    "folder_files",
    "parse_published",
    "read_html_file",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "read_text_file",
]
