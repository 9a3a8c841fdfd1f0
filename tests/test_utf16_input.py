"""A UTF-16 byte-order mark followed by garbage is refused with one clear line; real UTF-16 reads."""

from __future__ import annotations

import random

import pytest

from fogofwar.errors import InputError
from fogofwar.ingest.sources import read_path
from fogofwar.ingest.text import decode_text

REAL_TEXTS = {
    "English": "Three soldiers were killed in Kharkiv on Monday, officials said.",
    "Russian": "Три солдата погибли в Харькове в понедельник, заявили официальные лица (ВСУ).",
    "Arabic": "قُتل ثلاثة جنود في خاركيف يوم الاثنين، بحسب مسؤولين.",
    "Chinese": "周一，三名士兵在哈尔科夫遇难，官员表示。据报道，另有五人受伤。",
    "Japanese": "月曜日、ハルキウで兵士3人が死亡したと当局者が発表した。ロシア軍のドローン攻撃による。",
    "Korean": "월요일 하르키우에서 군인 3명이 사망했다고 관리들이 밝혔다.",
    "Hebrew": "שלושה חיילים נהרגו בחרקוב ביום שני, כך אמרו גורמים רשמיים.",
    "Hindi": "सोमवार को खार्किव में तीन सैनिक मारे गए, अधिकारियों ने कहा।",
    "Thai": "ทหารสามนายเสียชีวิตในคาร์คิฟเมื่อวันจันทร์ เจ้าหน้าที่กล่าว",
    "Greek": "Τρεις στρατιώτες σκοτώθηκαν στο Χάρκοβο τη Δευτέρα, δήλωσαν αξιωματούχοι.",
    "mixed scripts and emoji": "Kyiv (Київ) — 基辅 — كييف: drones 🚀 hit the city 😢 at 03:00.",
    "a short Chinese line": "哈尔科夫遇难",
}


@pytest.mark.parametrize("language", sorted(REAL_TEXTS))
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_real_utf16_text_reads_in_every_script(language, codec):
    text = REAL_TEXTS[language]
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    assert decode_text(bom + text.encode(codec), "a.txt") == text


@pytest.mark.parametrize("size", [64, 256, 4096, 100_000])  # 32 bytes: ~98 % refused
def test_a_utf16_mark_followed_by_random_bytes_is_refused(size):
    rnd = random.Random(size)
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        for _ in range(100 if size < 4096 else 5):
            garbage = bom + rnd.randbytes(size)
            with pytest.raises(InputError, match="UTF-16 byte-order mark but") as refused:
                decode_text(garbage, "junk.txt")
            message = str(refused.value)
            assert "\n" not in message and message.startswith("[F100] junk.txt: ")


def test_garbage_behind_the_mark_is_one_error_line_naming_the_file(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\xff\xfe" + random.Random(7).randbytes(2000))
    items = list(read_path(junk))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(junk) in str(items[0]) and "UTF-16" in str(items[0])


def test_text_in_the_wrong_byte_order_is_refused():
    text = REAL_TEXTS["English"]
    swapped = b"\xff\xfe" + text.encode("utf-16-be")  # little-endian mark, big-endian text
    with pytest.raises(InputError, match="UTF-16"):
        decode_text(swapped, "swapped.txt")
