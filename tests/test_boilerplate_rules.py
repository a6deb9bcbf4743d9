"""strip-boilerplate: each rule's own edges, on real lines (one implementation, no oracle).

Lines are from the corpus (``../shared/corpus/articles``) unless marked as made up to
show an edge.
"""

from __future__ import annotations

import pytest

from arnews_cli.steps.boilerplate import (
    MAX_BLOCK_IN_BODY,
    MAX_CHROME_WORDS,
    lexicon,
    line_rule,
    normalize,
    strip,
)


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("إقرأ أيضاً:", "اقرا ايضا"),  # hamza forms and tanween
        ("آخر تحديث", "اخر تحديث"),
        ("ٱلمكتبة", "المكتبه"),  # wasla, teh marbuta
        ("مستشفى", "مستشفي"),
        ("مؤتمر رئيس", "موتمر رييس"),
        ("اقـــرأ", "اقرا"),  # tatweel
        ("١٢ ۱۲ 12", "12 12 12"),  # Arabic-Indic, Persian, ASCII digits
        ("Copyright © 2024", "copyright 2024"),
        ("«تابعونا» — على_تويتر!!", "تابعونا علي تويتر"),
        ("---", ""),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_word_lists_come_from_the_data_file() -> None:
    lex = lexicon()
    assert {"اقرا", "شاهد"} <= lex.imperatives
    assert "علي" in lex.connectives  # "على", normalised
    assert "قراءه" in lex.reading and normalize("دقائق") in lex.reading_words
    assert lex.operator.fullmatch("88591 - Stc")
    assert not lex.operator.fullmatch("زين الدين")


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        # row: phrases, connectives and counts only
        ("تابعونا على فيسبوك و تويتر", ("share", False)),
        ("فيسبوك 12 تويتر 3", ("social", False)),
        ("فيسبوك مثلا", None),  # a word outside every phrase
        # heading: opens a block
        ("الأكثر قراءة", ("most-read", True)),
        ("اقرأ أيضاً:", ("related", True)),
        # prefix: with a head, and a bare marker
        ("للمزيد: ما سر التغيرات العسكرية في السعودية؟", ("read-also", False)),
        ("الوسوم:", ("tags", True)),
        # imperative label: colon needed, 18 words at most, no final full stop
        ("شاهد مقطع الفيديو: لحظة وصول الوفد", ("read-also", False)),
        ("شاهد مقطع الفيديو: لحظة وصول الوفد إلى المطار.", None),
        # reading time
        ("5 دقائق للقراءة", ("reading-time", False)),
        ("دقائق معدودة", None),
        # date lines: a date word and a number, or a date label before one
        ("الخميس 12 مارس 2020", ("date-line", False)),
        ("14/01/2024", ("date-line", False)),
        ("تاريخ النشر: 14 مارس 2020 - 10:30", ("date-line", False)),
        ("الخميس", None),
        # contains: anywhere in a line of at most 40 words
        ("© 2024 جميع الحقوق محفوظة لموقع المثال", ("copyright", False)),
        # lone link, operator, breadcrumb, tags, emoji label
        ("تويتر: @arnews", ("lone-link", False)),
        ("زين", ("author-contact", False)),
        ("الرئيسية » أخبار » محلية", ("breadcrumb", False)),
        ("أخبار › محلية › المغرب", ("breadcrumb", False)),
        ("قال » إن » الأمر انتهى.", None),  # a sentence end
        ("#المغرب #الرباط", ("tags", False)),
        ("🔴 الأكثر قراءة", ("emoji-label", True)),
        ("🔴 خبر عاجل عن الأمطار", ("emoji-label", False)),
        ("12", ("lone-number", False)),
        ("(1)", None),
        ("* * *", ("rule-line", False)),
    ],
)
def test_line_rules(line: str, hit: tuple[str, bool] | None) -> None:
    assert line_rule(line) == hit


def test_long_lines_are_never_taken_by_a_vocabulary_rule() -> None:
    line = "جميع الحقوق محفوظة " + "كلمة " * MAX_CHROME_WORDS
    assert line_rule(line) is None


def test_related_block_stops_inside_the_body() -> None:
    heads = [f"عنوان خبر رقم {i} عن الطقس" for i in range(MAX_BLOCK_IN_BODY + 2)]
    body = "قال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري."
    end = "وأضاف أن الحكومة ستعلن تفاصيل الخطة الجديدة خلال الأسبوع المقبل."
    text = "\n".join(["العنوان", body, "اقرأ أيضاً:", *heads, end])
    _, removed = strip(text)
    assert [r["reason"] for r in removed] == ["related"] * (1 + MAX_BLOCK_IN_BODY)


def test_related_block_after_the_body_takes_every_headline() -> None:
    heads = [f"عنوان خبر رقم {i} عن الطقس" for i in range(MAX_BLOCK_IN_BODY + 2)]
    body = "قال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري."
    text = "\n".join(["العنوان", body, "", "اقرأ أيضاً:", "", *heads])
    kept, removed = strip(text)
    assert kept == "العنوان\n" + body
    assert {r["reason"] for r in removed} == {"related", "blank-left"}


def test_repeated_paragraphs_go_only_at_the_tail() -> None:
    lead = "قال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري."
    other = "وأضاف أن الحكومة ستعلن تفاصيل الخطة الجديدة خلال الأسبوع المقبل."
    end = "وختم بأن الاجتماع المقبل سيعقد في العاصمة بعد شهر من الآن."
    kept, removed = strip("\n".join(["العنوان", lead, other, lead, end, other, lead]))
    assert kept == "\n".join(["العنوان", lead, other, lead, end])
    assert [(r["line"], r["reason"]) for r in removed] == [
        (6, "repeated-line"),
        (7, "repeated-line"),
    ]


def test_repeated_in_collection_spares_the_title() -> None:
    text = "تابعوا موقعنا\nنص الخبر هنا.\nزوروا موقعنا"
    kept, removed = strip(text, repeated={"تابعوا موقعنا", "زوروا موقعنا"})
    assert kept == "تابعوا موقعنا\nنص الخبر هنا."
    assert removed[0]["reason"] == "repeated-in-collection"


def test_title_found_past_chrome_at_the_top() -> None:
    text = "الرئيسية » أخبار » محلية\nعنوان الخبر\nنص الخبر هنا.\nعنوان الخبر"
    kept, removed = strip(text)
    assert kept == "عنوان الخبر\nنص الخبر هنا."
    assert [r["reason"] for r in removed] == ["breadcrumb", "repeated-title"]
