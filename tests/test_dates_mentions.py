"""metadata.dates (every date in the text), date_source and the weekday of the news."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dates import mentions
from arnews_cli.steps.metadata import extract

from .conftest import ROOT

FORMS = [
    json.loads(line)
    for line in (ROOT / "benchmarks" / "data" / "dates" / "forms.jsonl")
    .read_text("utf-8")
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", FORMS, ids=[f"{c['form']}:{c['text'][:30]}" for c in FORMS])
def test_every_form_is_found_with_its_iso_date(case: dict) -> None:
    got = [[m["text"], m["date"], m["hijri"]] for m in mentions(case["text"], case.get("ref"))]
    assert got == case["dates"]


# Numeric Hijri dates with spaces round the slashes, and a month name between slashes
# (issue 16): real lines of the bulk corpus (snn/<site>/<id>), as written.
_SLASHED = [
    # snn/almadina/2015-07-24-01309
    ("اليوم الجمعة الموافق ٨/ ١٠ /١٤٣٦هـ", "الجمعة الموافق ٨/ ١٠ /١٤٣٦هـ", "2015-07-24", "1436-10-08"),
    # snn/aleqtisadiya/2015-07-21-00702
    ("وتاريخ 4 /2 /1429هـ على نظام", "4 /2 /1429هـ", "2008-02-11", "1429-02-04"),
    # snn/aleqtisadiya/2015-07-21-00707
    ("التاريخ : 26 / 9 / 1436هـ بعون الله", "26 / 9 / 1436هـ", "2015-07-13", "1436-09-26"),
    # snn/alweeam/2015-07-26-01062 (no هـ: a year of 13xx-15xx is Hijri)
    ("الأحد الموافق 10/ 10 / 1436", "الأحد الموافق 10/ 10 / 1436", "2015-07-26", "1436-10-10"),
    # snn/aleqtisadiya/2015-07-25-00363, snn/sabq/2015-07-25-01555,
    # snn/aleqtisadiya/2015-07-26-00309, snn/alriyadh/2015-07-26-00705
    ("اعتباراً من يوم الأحد (10/شوال / 1436هـ ) الموافق", "10/شوال / 1436هـ", "2015-07-26", "1436-10-10"),
    ("ابتداء من يوم الأحد (10/ شوال / 1436هـ) الموافق", "10/ شوال / 1436هـ", "2015-07-26", "1436-10-10"),
    ("اعتباراً من يوم الأحد (10/شوال/ 1436هـ) الموافق", "10/شوال/ 1436هـ", "2015-07-26", "1436-10-10"),
    ("اعتباراً من يوم الأحد (10/شوال / 1436ه ) الموافق", "10/شوال / 1436ه", "2015-07-26", "1436-10-10"),
]


@pytest.mark.parametrize(("line", "text", "date", "hijri"), _SLASHED)
def test_slashed_hijri_dates_with_spaces_or_a_month_name(line, text, date, hijri) -> None:
    (m,) = mentions(line)
    assert (m["text"], m["date"], m["calendar"], m["hijri"]) == (text, date, "hijri", hijri)
    assert line[m["start"] : m["end"]] == text


def test_the_same_separator_twice_unless_slashes() -> None:
    assert mentions("1-2.2020") == []
    assert [m["date"] for m in mentions("3 / 4 / 2020 و12-5-2020")] == ["2020-04-03", "2020-05-12"]


def test_a_decree_dated_in_a_sentence_is_not_the_publication_date() -> None:
    # snn/okaz/2015-07-26-01267: the royal order's own date, not the article's.
    line = "بناء على المادة السادسة والستين من النظام الأساسي للحكم، الصادر بالأمر الملكي رقم (أ / 90) بتاريخ 27/8/1412هـ."
    _, meta = extract("أمر ملكي\n" + line + "\nنص الأمر.")
    assert meta["date"] is None
    assert [d["date"] for d in meta["dates"]] == ["1992-03-01"]
    _, meta = extract("خبر\nبتاريخ: 12 مارس 2020\nنص.")
    assert (meta["date"], meta["date_source"]) == ("2020-03-12", "published")


def test_an_entry_has_the_contract_fields() -> None:
    (m,) = mentions("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م")
    assert list(m) == ["text", "start", "end", "date", "calendar", "hijri", "weekday"]
    assert (m["calendar"], m["hijri"], m["date"]) == ("hijri", "1436-10-25", "2015-08-10")
    (g,) = mentions("الأربعاء 16 كانون الأول 2020")
    assert (g["calendar"], g["hijri"], g["weekday"]) == ("gregorian", None, "الأربعاء")


def test_a_day_that_does_not_exist_is_no_date() -> None:
    assert mentions("في 31 أبريل 2020") == []
    assert mentions("في 31 أبريل", "2020-05-01") == []


def test_a_day_without_year_takes_the_year_nearest_the_publication_date() -> None:
    assert mentions("في 28 ديسمبر", "2021-01-03")[0]["date"] == "2020-12-28"
    assert mentions("في 3 يناير", "2020-12-30")[0]["date"] == "2021-01-03"
    # without a publication date, the last full date before it
    got = mentions("ولد في 5 مارس 1950 وتوفي في 3 يونيو")
    assert [m["date"] for m in got] == ["1950-03-05", "1950-06-03"]


_PIECES = st.sampled_from(
    [
        "16 ديسمبر 2020",
        "١٢ غشت ٢٠٢٠",
        "۱۲ مارس ۲۰۲۱",
        "15 رمضان 1442هـ",
        "الموافق",
        "الأول من يناير",
        "من 10 إلى 12 مارس",
        "10/3/2021",
        "الثلاثاء",
        "اليوم",
        " ",
        "\n",
        "في",
        "-",
        "2020",
        "آب/أغسطس",
        "هـ",
        "الخامس عشر من",
        "31",
        "(",
        ")",
        "صفر",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=5), max_size=25), st.sampled_from([None, "2020-06-01"]))
def test_every_entry_slices_the_text(pieces: list[str], ref: str | None) -> None:
    text = " ".join(pieces)
    last = 0
    for m in mentions(text, ref):
        assert text[m["start"] : m["end"]] == m["text"] and m["text"].strip() == m["text"]
        assert m["start"] >= last  # in order, no overlaps
        last = m["end"]
        assert m["calendar"] in ("gregorian", "hijri")


@pytest.mark.parametrize(
    ("text", "date", "source", "weekday"),
    [
        # wire-story ledes: the date of the news
        (
            "خبر\n\nدمشق - سانا\nأعلن وزير الصحة يوم 12 غشت 2020 عن إجراءات جديدة للوقاية. ثم.",
            "2020-08-12",
            "lede",
            None,
        ),
        (
            "خبر\n\nالجزائر (وأج) - أكد الوزير اليوم الثلاثاء 15 رمضان 1442هـ أن الوضع مستقر. ثم.",
            "2021-04-27",
            "lede",
            "الثلاثاء",
        ),
        # an event date after a dateline is not the publication date
        (
            "خبر\n\nالرياض - واس\nفي 5 أكتوبر 1918 لقي الطيار حتفه في حادث مروع فوق المدينة. ثم.",
            None,
            None,
            None,
        ),
        # a deadline marked by يوم without a dateline is not either
        (
            "خبر\n\nيستمر التسجيل حتى نهاية دوام يوم الأربعاء الموافق 20-10-1436هـ في كل الكليات.",
            None,
            None,
            None,
        ),
        (
            "خبر\n\nالمنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\nنص الخبر الطويل هنا.",
            "2015-08-10",
            "dateline",
            None,
        ),
        ("خبر\n\nالأربعاء 16 كانون الأول 2020\nنص الخبر.", "2020-12-16", "published", "الأربعاء"),
        ("خبر\n\nنشر في 10/03/2021\nنص الخبر.", "2021-03-10", "published", None),
        # the weekday of the news alone
        (
            "خبر\n\nباريس (أ ف ب) - أعلنت الحكومة الخميس عن خطة جديدة لمواجهة الأزمة في البلاد. ثم.",
            None,
            None,
            "الخميس",
        ),
        (
            "خبر\n\nبدأت الولايات المتحدة وأوكرانيا أمس الاثنين مناورات واسعة في الغرب الأوكراني. ثم.",
            None,
            None,
            "الاثنين",
        ),
        (
            "خبر\n\nفي المؤتمر الذي عقدته الوزارة يوم السبت الماضي بنادي الضباط أعلن الوزير عن خطة.",
            None,
            None,
            None,
        ),
    ],
)
def test_publication_date_source_and_weekday(text, date, source, weekday) -> None:
    _, meta = extract(text)
    assert (meta["date"], meta["date_source"], meta["weekday"]) == (date, source, weekday)
    assert [m["text"] for m in meta["dates"]] == [m["text"] for m in mentions(text, date)]


@pytest.mark.parametrize(
    ("lede", "weekday"),
    [
        (
            "هبطت أسعار النفط، الأربعاء، دون 74 دولارا للبرميل متأثرة بتقرير عن المخزونات.",
            "الأربعاء",
        ),
        (
            "وافقت كندا في وقت متأخر من يوم الأحد على توقيع اتفاقية تجارية جديدة مع جيرانها.",
            "الأحد",
        ),
        (
            "أعلن الجيش إغلاق المعبر الحدودي مع القطاع ابتداء من الأحد وحتى إشعار آخر بسبب الأضرار.",
            None,
        ),
        (
            "يستعد القسم لرفع العلم الكوبي غدا الاثنين للمرة الأولى منذ أكثر من نصف قرن في واشنطن.",
            None,
        ),
        (
            "دشن المدير مهرجان العسل بمقر السوق الشعبي وسط المحافظة (سوق الثلاثاء) بحضور حشد كبير.",
            None,
        ),
    ],
)
def test_weekday_of_the_news_in_a_lede_without_dateline(lede: str, weekday: str | None) -> None:
    _, meta = extract(f"عنوان الخبر\n\n{lede}\nبقية الخبر.")
    assert meta["weekday"] == weekday


def test_the_day_before_yesterday() -> None:
    text = "خبر\n\nالرياض 12 مارس 2020 - فاز الفريق أمس الأول الثلاثاء على ضيفه بهدفين في المباراة."
    _, meta = extract(text)
    assert meta["weekday"] == "الثلاثاء" and "weekday_mismatch" not in meta


def test_weekday_mismatch_counts_yesterday() -> None:
    ok = "خبر\n\nالرياض 12 مارس 2020 - أعلنت الحكومة أمس الأربعاء عن خطة جديدة لمواجهة الأزمة."
    _, meta = extract(ok)
    assert meta["weekday"] == "الأربعاء" and "weekday_mismatch" not in meta
    bad = ok.replace("أمس الأربعاء", "اليوم الأحد")
    _, meta = extract(bad)
    assert meta["weekday"] == "الأحد" and meta["weekday_mismatch"] is True


@pytest.mark.parametrize(
    ("mark", "offset"),
    [("اليوم", 0), ("مساء", 0), ("أمس", -1), ("امس", -1), ("أول أمس", -2), ("أول من أمس", -2),
     ("مساء أمس", -1), ("يوم أمس", -1), ("صباح امس", -1), ("مساء يوم", 0)],  # fmt: skip
)
def test_the_day_marks_of_data_give_their_offset(mark: str, offset: int) -> None:
    # data/metadata_words.txt: [news-day], [yesterday], [day-before-yesterday]
    from arnews_cli.steps.metadata import lede_weekday

    assert lede_weekday(f"أعلنت الحكومة {mark} الأربعاء عن خطة جديدة.") == ("الأربعاء", offset)


@pytest.mark.parametrize(
    ("time", "expected"),
    [("5:30 مساءً", "T17:30"), ("12:30 صباحاً", "T00:30"), ("9:05 P.M.", "T21:05"), ("9:05 am", "T09:05")],
)
def test_am_pm_words_of_data_and_the_whole_word_in_the_span(time: str, expected: str) -> None:
    # data/metadata_words.txt [am], [pm]: the span ends after the word's tanween too
    m = mentions(f"في 12 مارس 2020 {time} وقع")[0]
    assert m["date"] == "2020-03-12" + expected
    assert m["text"] == f"12 مارس 2020 {time}"


def test_fields_metadata_dates_at_the_command_line(tmp_path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("عنوان\n\nيقام المعرض من 10 إلى 12 مارس 2021 في الرياض.\n", "utf-8")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "arnews_cli",
            "pipeline",
            str(art),
            "-f",
            "jsonl",
            "--fields",
            "id,metadata.dates",
        ],
        capture_output=True,
        check=True,
    )
    rec = json.loads(res.stdout)
    assert list(rec) == ["id", "metadata"] and list(rec["metadata"]) == ["dates"]
    assert [(d["text"], d["date"]) for d in rec["metadata"]["dates"]] == [
        ("10", "2021-03-10"),
        ("12 مارس 2021", "2021-03-12"),
    ]
    text = (tmp_path / "a.txt").read_text("utf-8")
    for d in rec["metadata"]["dates"]:
        assert d["text"] in text


def test_fields_metadata_dates_through_cli_runner(tmp_path) -> None:
    from typer.testing import CliRunner

    from arnews_cli.cli import app

    art = tmp_path / "a.txt"
    art.write_text("عنوان\n\nفي الخامس عشر من مارس 2021 انطلقت الحملة.\n", "utf-8")
    res = CliRunner().invoke(
        app, ["pipeline", str(art), "-f", "jsonl", "--fields", "metadata.dates"]
    )
    assert res.exit_code == 0, res.output
    (d,) = json.loads(res.stdout)["metadata"]["dates"]
    assert (d["text"], d["date"]) == ("الخامس عشر من مارس 2021", "2021-03-15")


@pytest.mark.slow
def test_mentions_is_linear_on_a_worst_case_line() -> None:
    import time

    for piece in ("1 ", "الأول ", "1 و", "من 1 إلى 2 ", "الحادي و ", "12 تشرين ", "1, "):
        text = piece * (5_000_000 // len(piece))
        t = time.perf_counter()
        mentions(text)
        assert time.perf_counter() - t < 60
