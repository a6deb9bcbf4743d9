"""clean (CONTRACT §5.1): each rule and flag on real corpus lines, mojibake, invariants."""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter
from unittest.mock import patch

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arnews_cli.steps.clean as clean_mod
from arnews_cli import arabic
from arnews_cli.steps.clean import (
    NORMALIZATIONS,
    PRESETS,
    CleanOptions,
    clean_text,
    looks_like_mojibake,
)

from .conftest import BULK_SAMPLE, CORPUS

MOJIBAKE = CORPUS / "encoding" / "mojibake"
SAFE = PRESETS["safe"]

# Real lines from the corpus (bulk records and articles), quoted as found.
RLM_IN_NUMBER = (
    "وانخفض الدولار 5.\u200f0 في المائة أمس متراجعا للمرة الأولى في أسبوع أمام سلة من العملات"
)
NBSP = "معظم برمجياتها.وقالت الشركة إن الخلل من الخطورة بحيث لم يحتمل انتظار تحديثها الدوري\xa0وساهم باحثون"
ZWNJ_ARABIC = (
    "والمسيّرة \u200cشاهد - 136، وصاروخ كروز خلال مراسم ذكرى إحياء الثورة في \u200cإيران\u2069."
)
SHADDA = "وأحمد سالم رُبيّع وكيلاً أول."
FARSI_YEH = "علي رضا عنايتي إعادة فتح سفارتي إیران والسعودية"
TATWEEL = "خلال تصريحات لـ«الشرق الأوسط»، مفوض الأمم المتحدة"
QUESTION = "ومن بينها: «لماذا يكره الطلاب المدرسة؟»، وأيضا كتاب"
URL_LINE = "المصدر: http://sabq.org/sabq/user/articles.do?id=897 (سبق)"


def options(**kw: object) -> CleanOptions:
    if "normalize" in kw:
        kw["normalize"] = frozenset(kw["normalize"])  # type: ignore[arg-type]
    return CleanOptions(**kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------- safe rules


def test_bidi_mark_inside_a_number() -> None:
    stats: Counter[str] = Counter()
    out = clean_text(RLM_IN_NUMBER, stats=stats)
    assert "5.0 في المائة" in out and "\u200f" not in out
    assert stats == Counter({"invisible": 1})


def test_no_break_space_becomes_space() -> None:
    assert clean_text(NBSP) == NBSP.replace("\xa0", " ")


def test_zwnj_is_noise_in_arabic() -> None:
    out = clean_text(ZWNJ_ARABIC)
    assert "\u200c" not in out and "\u2069" not in out
    assert "في إيران." in out


def test_zwnj_kept_in_persian_and_urdu_words() -> None:
    persian = "می\u200cخواهم کتاب\u200cها را بخوانم"
    assert clean_text(persian) == persian
    urdu = "پاکستان\u200cمیں بارش"
    assert clean_text(urdu) == urdu
    # ... but not at the edge of a word, even in Persian
    assert clean_text("کتاب \u200cها") == "کتاب ها"


def test_zwj_kept_in_emoji_sequences_and_other_scripts() -> None:
    family = "عائلة 👨\u200d👩\u200d👧 سعيدة"
    assert clean_text(family) == family
    hindi = "क्\u200dष"
    assert clean_text(hindi) == hindi
    assert clean_text("كلمة\u200dأخرى") == "كلمةأخرى"


def test_presentation_forms_and_ligatures_become_letters() -> None:
    stats: Counter[str] = Counter()
    out = clean_text("ﻻ ﺇﻟﻪ ﺇﻻ ﷲ ﷺ", stats=stats)
    assert out == "لا إله إلا الله صلى الله عليه وسلم"
    assert stats["presentation-forms"] == 8


def test_tatweel_removed_but_abbreviation_mark_kept() -> None:
    # a detached one-letter preposition keeps its tatweel: لـ«الشرق»
    assert clean_text(TATWEEL) == TATWEEL
    assert clean_text("الســـــلام عليكـــم") == "السلام عليكم"
    assert clean_text("في عام 1436هـ الموافق") == "في عام 1436هـ الموافق"
    # SPA datelines glue the next word to the Hijri mark: the tatweel stays (else هالموافق)
    line = "نجران 26 شوال 1436 هـالموافق 11 اغسطس 2015 م واس"
    assert clean_text(line) == line
    assert clean_text("عام ١٤٣٦هـــالموافق") == "عام ١٤٣٦هـالموافق"
    assert clean_text("مـحمد وهـالة") == "محمد وهالة"
    assert clean_text("ط§ظ„ظ€ FAQ") == "الـ FAQ"


def test_controls_soft_hyphen_bom() -> None:
    assert clean_text("\ufeffمرح\u00adبا\x07 بكم\x1b") == "مرحبا بكم"


def test_spaces_lines_and_paragraphs() -> None:
    text = "  العنوان  \r\n\r\n\r\n\r\nالفقرة\tالأولى\u2003هنا   \n \nالثانية\u2028سطر\n\n"
    stats: Counter[str] = Counter()
    out = clean_text(text, stats=stats)
    assert out == "العنوان\n\nالفقرة الأولى هنا\n\nالثانية\nسطر"
    assert stats["newlines"] == 5 and stats["spaces"] == 2 and stats["whitespace"] > 0


def test_decomposed_hamza_is_composed() -> None:
    assert clean_text("سا\u0654ل") == "سأل"


def test_non_arabic_text_is_kept() -> None:
    text = "Reuters — שלום עולם 北京 Ελλάδα café 🎉 ✓"
    assert clean_text(text) == text


def test_safe_changes_no_letter_of_real_lines() -> None:
    for line in (SHADDA, FARSI_YEH, QUESTION, URL_LINE, TATWEEL.replace("ـ", "")):
        assert clean_text(line) == line


# ------------------------------------------------------------ letter normalizations


@pytest.mark.parametrize(
    "kw,line,expected",
    [
        ({"normalize": {"diacritics"}}, SHADDA, "وأحمد سالم ربيع وكيلا أول."),
        ({"normalize": {"diacritics"}, "keep_shadda": True}, SHADDA, "وأحمد سالم ربيّع وكيلا أول."),
        ({"normalize": {"alef"}}, "أحمد إلى آخر ٱلكتاب", "احمد الى اخر الكتاب"),
        ({"normalize": {"yeh"}}, "مدى خمس سنوات على", "مدي خمس سنوات علي"),
        ({"normalize": {"teh"}}, "محافظة عدن", "محافظه عدن"),
        ({"normalize": {"hamza"}}, "الشؤون الرئيس", "الشءون الرءيس"),
        ({"normalize": {"persian"}}, FARSI_YEH, FARSI_YEH.replace("ی", "ي")),
        ({"normalize": {"persian"}}, "کتاب گل ہے", "كتاب گل هي"),
        ({"digits": "latin"}, "٣٫٥ و١٬٠٠٠ و۱۲", "3.5 و1,000 و12"),
        ({"digits": "arabic"}, "عام 2015 COVID-19 و3.5", "عام ٢٠١٥ COVID-19 و٣.٥"),
        ({"punct": "latin"}, QUESTION, "ومن بينها: «لماذا يكره الطلاب المدرسة?», وأيضا كتاب"),
        ({"punct": "arabic"}, "قال, ثم سأل? OK, fine?", "قال، ثم سأل؟ OK, fine?"),
        ({"emoji": "remove"}, "📌 عاجل: 🇸🇦 انتهى 👍🏽", "عاجل: انتهى"),
        ({"urls": "remove"}, URL_LINE, "المصدر: (سبق)"),
    ],
)
def test_each_flag(kw: dict, line: str, expected: str) -> None:
    assert clean_text(line, options(**kw)) == expected
    assert clean_text(line) == line or kw.get("emoji") == "remove"


def test_digits_arabic_leaves_urls_alone() -> None:
    out = clean_text(URL_LINE + " عام 2015", options(digits="arabic", punct="arabic"))
    assert "articles.do?id=897" in out and out.endswith("عام ٢٠١٥")


def test_search_preset_is_lucene_like() -> None:
    search = PRESETS["search"]
    assert search == options(
        normalize={"diacritics", "alef", "yeh", "teh", "persian"}, digits="latin"
    )
    assert clean_text("إِلَى الْمَدْرَسَةِ ٢٠١٥", search) == "الي المدرسه 2015"


def test_unknown_options_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown normalization"):
        options(normalize={"vowels"})
    with pytest.raises(ValueError, match="digits"):
        options(digits="roman")


# ------------------------------------------------------------------------ mojibake


def test_cp1252_mojibake_file_is_repaired() -> None:
    stats: Counter[str] = Counter()
    out = clean_text(
        (MOJIBAKE / "utf8-read-as-cp1252_sql_excerpt.txt").read_text("utf-8"), stats=stats
    )
    assert "(3, 'طيب نجر العربى كدة&nbsp;'" in out
    assert "'<b>طيب نجرب الجزء دة تانى كدة&nbsp;</b>'" in out
    assert "'نظم خبيره.pdf'" in out
    assert stats["mojibake-repaired"] == 3 and "mojibake-unrepaired" not in stats


def test_cp1256_mojibake_file_with_lost_byte() -> None:
    raw = (MOJIBAKE / "utf8-read-as-cp1256_csharp_comment.cs.txt").read_text("utf-8")
    broken = next(line for line in raw.split("\n") if "طط¯" in line)
    stats: Counter[str] = Counter()
    out = clean_text(raw, stats=stats)
    assert "/// المستخدم لقى إجابته في الـ FAQ وطلب إرسالها ليه على الإيميل." in out
    assert broken in out.split("\n")  # left exactly as it was
    assert stats["mojibake-repaired"] == 1 and stats["mojibake-unrepaired"] == 1
    assert clean_text(out) == out


def test_document_mixing_good_and_broken_lines() -> None:
    good = (CORPUS / "seed").glob("*.txt").__next__().read_text("utf-8").split("\n")
    good = [line for line in good if line.strip()][:6]
    broken_1256 = good[1].encode("utf-8").decode("cp1256")
    broken_latin1 = good[3].encode("utf-8").decode("latin-1")  # C1 controls inside
    assert any("\x80" <= ch <= "\x9f" for ch in broken_latin1)
    doc = "\n\n".join([good[0], broken_1256, good[2], broken_latin1, good[4]])
    stats: Counter[str] = Counter()
    assert clean_text(doc, stats=stats) == clean_text("\n\n".join([good[i] for i in range(5)]))
    assert stats["mojibake-repaired"] == 2


def test_cp1252_mojibake_of_a_real_line() -> None:
    # What a cp1252 reader shows; bytes cp1252 leaves undefined pass on as C1.
    def shown(b: int) -> str:
        return bytes([b]).decode("cp1252", errors="ignore") or chr(b)

    line = "".join(map(shown, QUESTION.encode("utf-8")))
    stats: Counter[str] = Counter()
    assert clean_text(line, stats=stats) == QUESTION
    assert stats["mojibake-repaired"] == 1


def test_real_arabic_is_not_mistaken_for_mojibake() -> None:
    assert not looks_like_mojibake("فقط، لا غير؛ ظ» ط«")
    assert clean_text("فقط، لا غير") == "فقط، لا غير"


def _bulk_sample() -> list[str]:
    # The repo's 400 bulk articles (the full 20k check runs in benchmarks/clean.py).
    with gzip.open(BULK_SAMPLE) as f:
        texts = [orjson.loads(line)["text"] for line in f]
    return texts + [p.read_text("utf-8") for p in sorted((CORPUS / "articles").rglob("*.txt"))]


def test_no_false_repairs_on_the_corpus() -> None:
    from arnews_cli.steps.clean import _repair

    for text in _bulk_sample():
        stats: Counter[str] = Counter()
        lines, protected = _repair(text, stats)
        assert not protected and "\n".join(lines) == text and not stats


def test_corpus_articles_idempotent_and_stats_do_not_change_output() -> None:
    for path in sorted((CORPUS / "articles").rglob("*.txt")):
        text = path.read_text("utf-8")
        for preset in PRESETS.values():
            out = clean_text(text, preset)
            assert clean_text(out, preset) == out
            assert clean_text(text, preset, Counter()) == out


# ----------------------------------------------------------------- linear time


@pytest.mark.slow
@pytest.mark.parametrize(
    "piece",
    [
        " ",
        "ـا",
        "aـ",
        "\u200cب",
        "x\u200c",
        "\u200d",
        "ط§",
        "ط،",
        "Ø",
        "http://.",
        "1,",
        "ب,",
        "\n \n",
        "ع،",
        "ﻻ",
        "\xa0ب",
        "ب\u0651\u064e\n",
    ],
)
def test_five_megabyte_worst_case_line_completes(piece: str) -> None:
    line = piece * (5_000_000 // len(piece.encode()))
    every = options(
        normalize=set(NORMALIZATIONS),
        digits="arabic",
        punct="arabic",
        emoji="remove",
        urls="remove",
    )
    clean_text(line)
    clean_text("x" + line + "y", every)


# ------------------------------------------------------------------- properties

_ALPHABET = list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئٱ"  # Arabic letters
    "ًٌٍَُِّْٰٔ"  # marks, combining hamza
    "ـ،؛؟٫٬٪٠١٢٣۴۵"  # tatweel, punctuation, digits
    "پچژکگیہھے"  # Persian/Urdu
    "abcXYZ019 .,;?!:/-_@#%()«»\"'"
    "\n\n\n\t\r\x00\x07\x1b\x7f\x85\x9d\u00a0\u00ad\u061c\u200b\u200c\u200d\u200e\u200f"
    "\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\u3000\u2003\f\v"
    "ﻻﷲﷺﺍﺑﹰﹱﱞ"  # presentation forms
    "§„…†ظطØÙ\u0080\u0084"  # mojibake material
    "שלום北京é👍🏽\ufe0f"
)
TEXTS = st.text(st.sampled_from(_ALPHABET), max_size=80) | st.lists(
    st.sampled_from(
        ["http://x.com/a?b=1,2", "www.site.org", "ط§ظ„ط®ط¨ط±", "Ø§Ù„Ø®Ø¨Ø±", " ", "\n"]
    ),
    max_size=6,
).map("".join)
OPTIONS = st.builds(
    CleanOptions,
    normalize=st.frozensets(st.sampled_from(NORMALIZATIONS)),
    keep_shadda=st.booleans(),
    digits=st.sampled_from(["latin", "arabic", "keep"]),
    punct=st.sampled_from(["latin", "arabic", "keep"]),
    emoji=st.sampled_from(["keep", "remove"]),
    urls=st.sampled_from(["keep", "remove"]),
)


@given(TEXTS, OPTIONS)
@settings(max_examples=150, deadline=None)
def test_idempotent_for_every_option_combination(text: str, opts: CleanOptions) -> None:
    once = clean_text(text, opts)
    assert clean_text(once, opts) == once


# The broad sweep (CI): 600 examples over the 3 x 3 x 2 x 2 x 2 x 2^k option space.
@pytest.mark.slow
@given(TEXTS, OPTIONS)
@settings(max_examples=600, deadline=None)
def test_idempotent_for_every_option_combination_broad(text: str, opts: CleanOptions) -> None:
    once = clean_text(text, opts)
    assert clean_text(once, opts) == once


def test_a_mark_before_a_short_word_belongs_to_the_word() -> None:
    # Found by test_idempotent_safe: the bidi control went, و + hamza above composed to
    # ؤ only after the tatweel rule had counted ءء as a two-letter word.
    once = clean_text("و\u202a\u0654ءءـ")
    assert once == "ؤءء" == clean_text(once)
    assert clean_text("بِالـ") == "بِال" and clean_text("بالـ") == "بال"
    assert clean_text("الـ") == "الـ" and clean_text("هـ") == "هـ"


@given(st.lists(TEXTS, max_size=4).map("\n".join))
@settings(max_examples=300, deadline=None)
def test_idempotent_safe(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def _letters_and_digits(text: str) -> str:
    kept = []
    for ch in text:
        if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff":
            ch = unicodedata.normalize("NFKC", ch)
        kept.append(ch)
    flat = "".join(kept)
    return unicodedata.normalize(
        "NFC",
        "".join(c for c in flat if c != "ـ" and (c.isalnum() or unicodedata.category(c) == "Mn")),
    )


@given(TEXTS)
@settings(max_examples=400, deadline=None)
def test_safe_preset_leaves_letters_and_digits(text: str) -> None:
    stats: Counter[str] = Counter()
    out = clean_text(text, stats=stats)
    if "mojibake-repaired" not in stats:
        assert _letters_and_digits(out) == _letters_and_digits(text)


@given(TEXTS, OPTIONS)
@settings(max_examples=400, deadline=None)
def test_output_has_no_control_characters(text: str, opts: CleanOptions) -> None:
    stats: Counter[str] = Counter()
    out = clean_text(text, opts, stats)
    if "mojibake-unrepaired" in stats:  # such lines pass verbatim, by design
        return
    bad = [
        ch
        for ch in out
        if ch != "\n"
        and (unicodedata.category(ch) == "Cc" or ch in "\u00ad\u061c\u200b\u200e\u200f\ufeff")
    ]
    assert not bad and not any(
        "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in out
    )
    assert out == out.strip(" \n") and "\n\n\n" not in out and "  " not in out


# ------------------------------------------------- fast paths agree with plain ones


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_mojibake_precheck_and_line_repair_agree_with_plain_loops(text: str) -> None:
    from arnews_cli.steps.clean import _MOJIBAKE, _has_mojibake, _repair, _repair_line

    assert _has_mojibake(text) == (_MOJIBAKE.search(text) is not None)
    lines = text.split("\n")
    protected = set()
    for i, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            fixed = _repair_line(line)
            if fixed is not None:
                lines[i] = fixed
            elif looks_like_mojibake(line):
                protected.add(i)
    assert _repair(text, None) == (lines, protected)


@given(st.lists(TEXTS, max_size=4).map("\n".join))
@settings(max_examples=300, deadline=None)
def test_fast_rules_agree_with_whole_text_ones(text: str) -> None:

    from arnews_cli.steps.clean import _collapse, _Counts, _finish, _nfc, _tables, _translate

    assert _nfc(text) == unicodedata.normalize("NFC", text)
    for opts in PRESETS.values():
        tables = _tables(opts)
        stats: Counter[str] = Counter()
        assert _translate(text, tables, stats) == text.translate(tables.table)
        want = Counter(tables.rule_of[ch] for ch in text if ord(ch) in tables.table)
        assert stats == want
    spaced = re.sub(" {2,}", " ", text)
    stats = Counter()
    plain, n = re.subn(" ?\n ?", "\n", spaced)
    plain = re.sub("\n{3,}", "\n\n", plain)
    counts = _Counts()
    assert _finish(_collapse(spaced, counts), counts, stats) == plain.strip(" \n")
    if " \n" in spaced or "\n " in spaced:
        assert stats["whitespace"] >= n


_MOJIBAKE_ALPHABET = (
    clean_mod._LEAD_1256 + clean_mod._LEAD_1252 + clean_mod._CONT_1256 + clean_mod._CONT_1252
) + "اب ،x\n"


@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=60))
def test_pair_patterns_count_what_the_one_mojibake_pattern_finds(line: str) -> None:
    # looks_like_mojibake counts pairs with the fast per-lead patterns.
    expected = len(clean_mod._MOJIBAKE.findall(line))
    assert sum(len(p.findall(line)) for p in clean_mod._pair_patterns(line)) == expected


# ------------------------------------------------------- long texts (one 50 MB article)


@given(
    st.text(st.sampled_from(_ALPHABET), max_size=200),
    st.integers(min_value=0, max_value=3),
    OPTIONS,
)
@settings(max_examples=300, deadline=None)
def test_translate_is_the_table_translate(text: str, pad: int, opts: CleanOptions) -> None:
    # A long text holding many distinct characters to change takes one substitution,
    # a dense one translate: either way the result is str.translate's.
    tables = clean_mod._tables(opts)
    changeable = "".join(sorted(map(chr, tables.table)))[:60]
    for t in (text + changeable, (text + "نص عربي طويل " * 40 * pad) + changeable):
        assert clean_mod._translate(t, tables, None) == t.translate(tables.table)


# Lines of any text, joined by newlines that may be cut at (between letters, after a
# full stop) and that may not.
_JOINS = st.sampled_from(["\n", "ب\nب", ".\nا", "\nب", " \n", "\n\n\n"])
_LINES = st.lists(st.tuples(TEXTS, _JOINS), min_size=2, max_size=8).map(
    lambda pairs: "".join(text + join for text, join in pairs)
)


@given(_LINES, OPTIONS)
@settings(max_examples=300, deadline=None)
def test_a_long_text_cleaned_in_blocks_is_the_text_cleaned_whole(
    text: str, opts: CleanOptions
) -> None:
    # With blocks of 2 characters nearly every newline that may be cut at is: the
    # output and every rule's count are those of the text cleaned as one block.
    whole: Counter[str] = Counter()
    want = clean_text(text, opts, whole)
    with patch.object(clean_mod, "_BLOCK", 2):
        blocks: Counter[str] = Counter()
        assert clean_text(text, opts, blocks) == want
    assert blocks == whole


def test_blocks_are_cut_where_the_article_allows() -> None:
    text = "سطر أول.\nسطر ثان\n\nسطر ثالث\nhttp://x.org/ب\nسطر\nسطر أخير طويل"
    with patch.object(clean_mod, "_BLOCK", 2):
        spans = clean_mod._blocks(text, PRESETS["safe"])
        # After "أول." "x.org/ب" and "سطر": not at a blank line, nor before "http".
        assert [text[e - 1 : e + 2] for _, e in spans[:-1]] == [".\nس", "ب\nس", "ر\nس"]
        no_urls = CleanOptions(urls="remove")
        assert len(clean_mod._blocks(text, no_urls)) == 3  # not after a line with a URL


def test_no_rule_deletes_or_spaces_a_character_blocks_are_cut_between() -> None:
    chars = [chr(c) for c in range(0x600, 0x900) if re.match(f"[{arabic.LETTER}]", chr(c))]
    chars += list(arabic.ASCII_DIGITS + arabic.ARABIC_INDIC_DIGITS + arabic.PERSIAN_DIGITS)
    chars += list(".!?\u061f")
    # chars holds every character a cut may have on either side...
    for c in map(chr, range(0x10000)):
        if clean_mod._CUT.search(f"{c}\nب") or clean_mod._CUT.search(f"ب\n{c}"):
            assert c in chars, hex(ord(c))
    # ...and no option's rules delete one or make it a space.
    every_rule = frozenset(NORMALIZATIONS)
    for opts in (
        PRESETS["safe"],
        PRESETS["search"],
        CleanOptions(normalize=every_rule, digits="latin", punct="latin", emoji="remove"),
        CleanOptions(normalize=every_rule, keep_shadda=True, digits="arabic", punct="arabic"),
    ):
        table = clean_mod._tables(opts).table
        for c in chars:
            out = c.translate(table)
            assert out and not out.isspace() and "\n" not in out, (hex(ord(c)), opts)


def test_nfc_check_of_a_long_text_is_that_of_unicodedata() -> None:
    # ``is_normalized`` normalises the whole text when it meets a hamza above (NFC quick
    # check "maybe"); a long text is checked line by line, with the same answer.
    body = "قال المسؤول إن الاجتماع انتهى\n" * 4000
    for tail in ("سأل\u0654", "ا\u0654", "\u0627\u0653", "آخر سطر"):
        text = body + tail + "\n" + body
        assert len(text) >= 1 << 16
        assert clean_mod._is_nfc(text) == unicodedata.is_normalized("NFC", text)
    text = "ا\u0654" * 40000  # one line: checked whole
    assert clean_mod._is_nfc(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("پ\u200d\u200c", "پ"),  # found by hypothesis: cleaned to 'پ\u200c', then to 'پ'
        ("\u200c\u200dپ", "پ"),  # and its mirror: '\u200dپ', then 'پ'
        ("می\u200cخواهم", "می\u200cخواهم"),  # a Persian ZWNJ inside a word stays
        ("پ\u200c\u200dی", "پ\u200cی"),  # in a mixed run between letters only the ZWNJ
    ],
)
def test_persian_joiner_runs_are_decided_once(text: str, expected: str) -> None:
    out = clean_text(text, PRESETS["safe"])
    assert out == expected
    assert clean_text(out, PRESETS["safe"]) == out


@pytest.mark.slow
def test_persian_joiner_runs_are_linear_on_5mb() -> None:
    assert clean_text("پ\u200c\u200d" * 1_700_000, PRESETS["safe"]).startswith("پ\u200cپ")
