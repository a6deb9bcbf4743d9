"""Decoding raw bytes (CONTRACT §2) on chardet's Arabic test files and edge cases."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.errors import DecodeError
from arnews_cli.io.decode import canonical, decode

from .conftest import CORPUS

LEGACY = CORPUS / "encoding" / "legacy"
UTF8 = LEGACY / "utf-8-arabic"

# The encoding each folder's files must be reported in. BOM-less UTF-16 and
# UTF-32 files in the "utf-16"/"utf-32" folders are little-endian.
FOLDER_ENCODING = {
    "cp720-arabic": "cp720",
    "iso-8859-6-arabic": "iso-8859-6",
    "utf-16-arabic": "utf-16-le",
    "utf-16be-arabic": "utf-16-be",
    "utf-16le-arabic": "utf-16-le",
    "utf-32-arabic": "utf-32-le",
    "utf-32be-arabic": "utf-32-be",
    "utf-32le-arabic": "utf-32-le",
    "utf-8-arabic": "utf-8",
    "windows-1256-arabic": "windows-1256",
}
# chardet's test data files the windows-1256 page under iso-8859-6.
MISFILED = {"_chromium_windows-1256_with_no_encoding_specified.html": "windows-1256"}


def legacy_files() -> list[Path]:
    return sorted(p for d in sorted(LEGACY.iterdir()) for p in sorted(d.iterdir()))


def test_every_legacy_folder_is_covered() -> None:
    assert {d.name for d in LEGACY.iterdir()} == set(FOLDER_ENCODING)


@pytest.mark.parametrize("path", legacy_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_legacy_file_decodes_to_its_utf8_sibling(path: Path) -> None:
    text, encoding = decode(path.read_bytes())
    assert encoding == MISFILED.get(path.name, FOLDER_ENCODING[path.parent.name])
    sibling = UTF8 / path.name
    if sibling.exists():
        expected = sibling.read_text("utf-8").replace("\r\n", "\n")
        if encoding in ("cp720", "iso-8859-6"):
            # cp720 cannot hold the Arabic comma, and the ISO files were made
            # from the same ASCII-comma text: compare with what the bytes can say.
            expected = expected.replace("،", ",")
        assert text == expected
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    "name",
    ["_ude_1.txt", "culturax_mC4_98641.txt"],
)
def test_same_text_in_every_legacy_encoding(name: str) -> None:
    texts = {
        d.name: decode((d / name).read_bytes())[0].replace("،", ",")
        for d in LEGACY.iterdir()
        if (d / name).exists()
    }
    assert len(texts) >= 2 and len(set(texts.values())) == 1


def test_iso_and_windows_sample_pages_say_the_same() -> None:
    iso = decode((LEGACY / "iso-8859-6-arabic" / "iso-8859-6.txt").read_bytes())
    win = decode((LEGACY / "windows-1256-arabic" / "windows-1256.txt").read_bytes())
    assert iso[1] == "iso-8859-6" and win[1] == "windows-1256"
    assert iso[0] == win[0]


def real_lines() -> list[str]:
    text = (UTF8 / "culturax_mC4_98635.txt").read_text("utf-8")
    return [line for line in text.split("\n") if len(line) > 45]


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6", "cp720"])
@pytest.mark.parametrize("size", [20, 40])
def test_short_single_line_is_detected(encoding: str, size: int) -> None:
    for line in real_lines():
        data = line.replace("،", ",").encode(encoding)[:size]
        text, used = decode(data)
        assert used == encoding, data.decode(encoding)
        assert text == data.decode(encoding)


def test_forty_byte_windows_1256_line() -> None:
    data = "أعلنت وزارة الصحة اليوم عن حالات جديدة للمرض".encode("windows-1256")[:40]
    assert len(data) == 40
    assert decode(data) == (data.decode("windows-1256"), "windows-1256")


@pytest.mark.parametrize(
    "bom,codec,name",
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides(bom: bytes, codec: str, name: str) -> None:
    assert decode(bom + "خبر\r\nعاجل".encode(codec)) == ("خبر\nعاجل", name)


def test_arabic_only_utf16_without_nul_or_bom() -> None:
    # No NUL byte, and valid UTF-8 as well: letters between U+0006 controls.
    assert decode("سلام".encode("utf-16-le")) == ("سلام", "utf-16-le")
    assert decode("سلام".encode("utf-16-be")) == ("سلام", "utf-16-be")


def test_binary_is_an_error_with_a_short_message() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(bytes(range(256)) * 4)


def test_bad_bom_is_an_error() -> None:
    with pytest.raises(DecodeError, match="BOM"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfa")


def test_explicit_encoding_skips_detection() -> None:
    data = "مرحبا".encode("windows-1256")
    assert decode(data, "cp1256") == ("مرحبا", "windows-1256")
    assert decode("مرحبا".encode("iso-8859-6"), "ISO-8859-6")[1] == "iso-8859-6"
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(data, "no-such-codec")
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode(data, "utf-8")


def test_canonical_names() -> None:
    assert canonical("UTF8") == "utf-8"
    assert canonical("utf_16_be") == "utf-16-be"
    assert canonical("arabic") == "iso-8859-6"
    assert canonical("latin-1") == "iso-8859-1"
    assert canonical("cp720") == "cp720"


def test_empty_and_newlines() -> None:
    assert decode(b"") == ("", "utf-8")
    assert decode(b"a\rb\r\nc") == ("a\nb\nc", "utf-8")


_TEXT = st.text(
    st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ،؛؟ ًٌٍَُِّ٠١٢abcXYZ019 .,!?\n\t«»")),
    min_size=1,
    max_size=200,
)


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_utf8_round_trip(text: str) -> None:
    assert decode(text.encode("utf-8")) == (text, "utf-8")


@given(_TEXT, st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
@settings(max_examples=200, deadline=None)
def test_bom_round_trip(text: str, codec: str) -> None:
    assert decode(text.encode(codec))[0] == text
