"""Dates in every regional form, read from real lines of the corpus where they occur."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.dates import best_in_line, find_dates, strip_dates


def iso(text: str) -> str | None:
    d = best_in_line(find_dates(text))
    return d.iso if d else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Levantine/Iraqi months, with the weekday (the htmldate failure)
        ("الأربعاء 16 كانون الأول 2020", "2020-12-16"),
        ("1 كانون الثاني 2021", "2021-01-01"),
        ("5 تشرين الأول 2019", "2019-10-05"),
        ("5 تشرين الثاني 2019", "2019-11-05"),
        ("3 شباط 2018", "2018-02-03"),
        ("9 أيلول 2018", "2018-09-09"),
        # Egyptian/Gulf months and their spellings
        ("10 إبريل 2018", "2018-04-10"),
        ("10 أبريل 2018", "2018-04-10"),
        ("2 يونيه 2018", "2018-06-02"),
        ("2 يوليه 2018", "2018-07-02"),
        ("13 اغسطس 2015", "2015-08-13"),
        # Algerian/Tunisian
        ("1 جانفي 2021", "2021-01-01"),
        ("1 فيفري 2021", "2021-02-01"),
        ("1 أفريل 2021", "2021-04-01"),
        ("1 ماي 2021", "2021-05-01"),
        ("1 جوان 2021", "2021-06-01"),
        ("1 جويلية 2021", "2021-07-01"),
        ("1 أوت 2021", "2021-08-01"),
        # Moroccan
        ("1 يوليوز 2021", "2021-07-01"),
        ("1 غشت 2021", "2021-08-01"),
        ("1 شتنبر 2021", "2021-09-01"),
        ("1 نونبر 2021", "2021-11-01"),
        ("1 دجنبر 2021", "2021-12-01"),
        # dual forms as ANT/aawsat write them
        ("13 آب/أغسطس 2020", "2020-08-13"),
        ("16 ديسمبر (كانون الأول) 2020", "2020-12-16"),
        ("20 يوليو تموز 2015", "2015-07-20"),
        ("17 مايو/ أيار 2018", "2018-05-17"),
        # digits: Arabic-Indic and Persian
        ("١٦ ديسمبر ٢٠٢٠", "2020-12-16"),
        ("۱۶ دیسمبر ۲۰۲۰", "2020-12-16"),
        # numeric day-first, ISO, with time
        ("05/11/2020", "2020-11-05"),
        ("05-11-2020 14:30", "2020-11-05T14:30"),
        ("نشر في 05/11/2020 - 10:30 م", "2020-11-05T22:30"),
        ("2020-11-05", "2020-11-05"),
        ("2020-11-05T08:15:00+03:00", "2020-11-05T08:15"),
        ("Tuesday, 11 August 2015 - 13:31 pm", "2015-08-11T13:31"),
        # Hijri (Umm al-Qura) and الموافق pairs from SPA datelines (corpus: was-*.txt)
        ("15 رمضان 1442هـ", "2021-04-27"),
        ("1 ذو الحجة 1441 هـ", "2020-07-22"),
        ("1 ذي القعدة 1436 هـ", "2015-08-16"),
        ("1 ربيع الآخر 1442 هـ", "2020-11-16"),
        ("1 جمادى الأولى 1442 هـ", "2020-12-16"),
        ("وسيقام المخيّم في الفترة من 1436/10/23هـ", "2015-08-08"),
        ("الباحة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", "2015-08-10"),
        ("نجران 26 شوال 1436 هـالموافق 11 اغسطس 2015 م واس", "2015-08-11"),
        ("عمان 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "2015-08-11"),
    ],
)
def test_forms(text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "في 16 ديسمبر",  # no year
        "سان فرانسيسكو 20 يوليو تموز (رويترز) -",  # corpus dateline without a year
        "الكويت - 17 - 9 (كونا) --",
        "31 أبريل 2020",  # no such day
        "29 فبراير 2019",
        "30 شوال 1442 هـ",  # Shawwal 1442 has 29 days (Umm al-Qura)
        "32/01/2020",
        "13 آب/ديسمبر 2020",  # a dual form naming two months is not one date
        "وبلغ عدد المرشحين 17 طالبًا و17 طالبة",
    ],
)
def test_not_a_date(text: str) -> None:
    assert iso(text) is None


def test_weekday_kept_and_checked() -> None:
    d = find_dates("الأربعاء 16 كانون الأول 2020")[0]
    assert (d.weekday, d.weekday_mismatch) == ("الأربعاء", False)
    d = find_dates("الخميس، 16 ديسمبر 2020")[0]
    assert (d.weekday, d.weekday_mismatch) == ("الخميس", True)
    assert d.text == "الخميس، 16 ديسمبر 2020"


def test_hijri_pair_prefers_gregorian() -> None:
    dates = find_dates("المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس")
    assert [d.calendar for d in dates] == ["hijri", "gregorian"]
    assert best_in_line(dates).text == "10 اغسطس 2015 م"


def test_offsets_point_into_original_text() -> None:
    text = "نشر يوم ١٦ ديسمبر ٢٠٢٠ في الموقع"
    d = find_dates(text)[0]
    assert text[d.start : d.end] == "١٦ ديسمبر ٢٠٢٠"


def test_strip_dates_leaves_place() -> None:
    assert strip_dates("أبوظبي في 10 يناير").split() == ["أبوظبي", "في"]


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2070, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_roundtrip_numeric_and_named(day: dt.date) -> None:
    names = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]  # fmt: skip
    assert iso(f"{day.day:02d}/{day.month:02d}/{day.year}") == day.isoformat()
    assert iso(f"{day.day} {names[day.month - 1]} {day.year}") == day.isoformat()


@given(st.dates(min_value=dt.date(1925, 1, 1), max_value=dt.date(2075, 1, 1)))
@settings(max_examples=100, deadline=None)
def test_hijri_roundtrip(day: dt.date) -> None:
    from hijridate import Gregorian

    h = Gregorian(day.year, day.month, day.day).to_hijri()
    assert iso(f"{h.day}/{h.month}/{h.year}هـ") == day.isoformat()


@given(st.text(alphabet="0123456789١٢/-.: يناركانونالثاني١٤٤٢هـشوالالموافق", max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_valid_iso_or_nothing(text: str) -> None:
    for d in find_dates(text):
        dt.date.fromisoformat(d.iso[:10])
        assert 0 <= d.start < d.end <= len(text)


@pytest.mark.slow
def test_adversarial_5mb_line_completes() -> None:
    # The worst case measured for these patterns is "2020-" repeated (every position
    # starts a year-month-day attempt); the others are checked at a tenth of the size.
    find_dates("2020-" * 1_000_000)
    for unit in ("1/1/1/", "16 كانون ", "1-1-2020-", "الأربعاء ", "12 ١٢ 1442 "):
        line = unit * (200_000 // len(unit))
        find_dates(line)
        strip_dates(line)
