"""Plain-text inputs: bytes → checked text → ``Article``.

Encoding policy (one place, so every input kind follows it):

1. A UTF-16 byte-order mark → UTF-16 (Windows "Unicode" text files), refused unless the result
   reads as text: no private-use or unassigned characters (beyond 1 %), the letters in at most
   three scripts for 80 % of them, some space or punctuation in 16 characters or more, and not
   a quarter of the characters of the form U+xx00 (ASCII in the other byte order).
   Random bytes behind the mark decode to a scatter of CJK, Hangul, Yi and private-use
   characters; a real text in any script passes.
2. NUL bytes (without that mark) → binary, refused.
3. UTF-8, with or without its byte-order mark (which is dropped) → read.
4. Not UTF-8 → read as Windows-1252 only when the result looks like Western text: every byte is
   defined in cp1252, each non-ASCII character is a Latin letter or a typographic mark (é, ß, ’,
   “, —, €, £, °...), at most a quarter of the letters are non-ASCII and no three non-ASCII
   letters follow each other (Cyrillic or Greek in a legacy code page decodes to whole words of
   accented Latin letters). Anything else (KOI8-R, cp1251, Shift-JIS, ...) is refused with an
   error naming the first bad byte and how to fix it, never turned silently into mojibake.
5. After decoding: more than 10 % control characters → binary, refused; blank → empty, refused.

The text is kept exactly as decoded (no stripping, no newline rewriting) so that character
offsets of every annotation point into the file as it is on disk.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

from fogofwar.errors import InputError
from fogofwar.models import Article

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_MAX_CONTROL_RATIO = 0.10
_MAX_CP1252_NON_ASCII_LETTERS = 0.25
_NON_ASCII_LETTER_RUN = re.compile(r"[^\W\d_\x00-\x7f]{3}")
_CP1252_PUNCTUATION = set("‘’‚“”„–—…•€£¥©®°±·×÷§¶«»¡¿™†‡‰‹›ˆ˜¢¤¦¨ª¬¯²³´µ¹º¼½¾ \u00ad")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_HEADLINE_MAX = 150
_MAX_UNASSIGNED_RATIO = 0.01
_MIN_MAIN_SCRIPTS_SHARE = 0.80
_MIN_CHARS_WITHOUT_A_SPACE = 16
_MAX_SWAPPED_RATIO = 0.25  # characters U+xx00: ASCII read in the wrong byte order


def decode_text(data: bytes, where: str) -> str:
    """Decode the bytes of a text input by the policy above; ``InputError`` when refused."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"starts with a UTF-16 byte-order mark but is not UTF-16 text ({exc.reason} at byte "
                             f"{exc.start}); re-save it as UTF-8", where) from None  # fmt: skip
        _refuse_utf16_garbage(text, where)
    elif b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text; give a .txt or .html", where)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_not_utf8(data, exc, where)
    check_text(text, where)
    return text


def _refuse_utf16_garbage(text: str, where: str) -> None:
    """Refuse bytes that decoded as UTF-16 only by chance (policy 1 above)."""
    problem = _why_not_text(text)
    if problem:
        raise InputError(f"starts with a UTF-16 byte-order mark but does not read as text ({problem}); "
                         "re-save it as UTF-8 text", where)  # fmt: skip


def _why_not_text(text: str) -> str | None:
    swapped = sum(1 for ch in text if ord(ch) > 0xFF and ord(ch) & 0xFF == 0)
    if swapped > _MAX_SWAPPED_RATIO * len(text):
        return "its byte order is the opposite of its mark's"
    unassigned = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    if unassigned > _MAX_UNASSIGNED_RATIO * len(text):
        return f"{unassigned} private-use or unassigned characters in {len(text)}"
    scripts = Counter(_script(ch) for ch in text if ch.isalpha())
    letters = sum(scripts.values())
    if letters >= 4 and sum(n for _, n in scripts.most_common(3)) < _MIN_MAIN_SCRIPTS_SHARE * letters:
        return f"its {letters} letters are spread over {len(scripts)} scripts"
    if len(text) >= _MIN_CHARS_WITHOUT_A_SPACE and not any(
        ch.isspace() or unicodedata.category(ch).startswith(("P", "Z")) for ch in text
    ):
        return f"{len(text)} characters without a space or punctuation"
    return None


def _script(ch: str) -> str:
    """The script of a letter, as the first word of its Unicode name (LATIN, CYRILLIC, CJK...)."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def check_text(text: str, where: str) -> None:
    """Refuse text that is blank or mostly control characters (binary read as text)."""
    if not text.strip():
        raise InputError("empty input (no text)", where)
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise InputError("binary file (mostly non-printable characters), not text", where)


def _decode_not_utf8(data: bytes, exc: UnicodeDecodeError, where: str) -> str:
    bad = data[exc.start : exc.start + 1].hex()
    refusal = InputError(
        f"not UTF-8 (byte 0x{bad} at offset {exc.start}) and not plain Western cp1252 text; "
        "re-save it as UTF-8 (e.g. iconv -f ENCODING -t UTF-8)",
        where,
    )
    controls = sum(1 for b in data if (b < 0x20 and chr(b) not in _ALLOWED_CONTROLS) or b == 0x7F)
    if controls > _MAX_CONTROL_RATIO * len(data):
        raise InputError("binary file (mostly non-printable bytes), not text", where)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise refusal from None
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if not all(ch in _CP1252_PUNCTUATION or ch.isalpha() for ch in non_ascii):
        raise refusal
    letters = sum(1 for ch in text if ch.isalpha())
    if sum(1 for ch in non_ascii if ch.isalpha()) > _MAX_CP1252_NON_ASCII_LETTERS * letters:
        raise refusal
    if _NON_ASCII_LETTER_RUN.search(text):
        raise refusal
    return text


def guess_title(text: str) -> str | None:
    """The first line when it clearly reads as a headline: short, several words, no final stop."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or len(first) > _HEADLINE_MAX or len(first.split()) < 3:
        return None
    if re.search(r"[.!?,;:\"'”’]$", first):
        return None
    return first


def article_from_text(
    text: str,
    doc_id: str,
    origin: str,
    published: date | None = None,
    title: str | None = None,
) -> Article:
    """An ``Article`` from checked text; the title is guessed from a headline line when not given."""
    check_text(text, origin)
    return Article(
        id=doc_id,
        text=text,
        title=title if title is not None else guess_title(text),
        published=published,
        origin=origin,
    )


def read_text_file(path: str | Path, published: date | None = None) -> Article:
    """Read one ``.txt`` file; id = file stem. Raises ``InputError``."""
    path = Path(path)
    data = read_file(path)
    return article_from_text(decode_text(data, str(path)), path.stem, str(path), published)


def read_file(path: Path) -> bytes:
    """The bytes of an input file; an unreadable file is an ``InputError`` naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", str(path)) from None
