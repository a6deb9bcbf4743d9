"""strip-boilerplate on whole real pages: each chrome family the rules know, and the
article's own lines beside it that must stay.

The pages are records of the bulk corpus (``tests/data/chrome_pages.jsonl``; source and
licence in ``tests/data/README.md``), all of the dev part of the labelled set's id hash:
none is a held-out page of ``benchmarks/data/boilerplate``.
"""

from __future__ import annotations

from functools import cache

import orjson
import pytest

from arnews_cli.steps.boilerplate import strip

from .conftest import ROOT, arnews

PAGES = ROOT / "tests" / "data" / "chrome_pages.jsonl"


@cache
def page(rec_id: str) -> str:
    for line in PAGES.read_bytes().splitlines():
        rec = orjson.loads(line)
        if rec["id"] == rec_id:
            return str(rec["text"])
    raise KeyError(rec_id)


def removed(rec_id: str) -> dict[int, str]:
    """1-based line -> reason of the lines strip removes from the page (blank lines aside)."""
    return removed_from(page(rec_id))


def removed_from(text: str) -> dict[int, str]:
    """1-based line -> reason of the lines strip removes from ``text`` (blank lines aside)."""
    return {r["line"]: r["reason"] for r in strip(text)[1] if r["reason"] != "blank-left"}


def test_every_page_is_in_the_fixture() -> None:
    ids = [orjson.loads(line)["id"] for line in PAGES.read_bytes().splitlines()]
    assert len(ids) == len(set(ids)) >= 2


def test_a_lede_whose_first_word_has_a_waw_root_is_one_of_the_other_stories() -> None:
    # CNN's five other stories after the article; the second opens "وقعت حكومة مملكة
    # البحرين، الخميس، …": the و is the verb's own, the lede is not going on with the
    # article. Lines 3-10 are the article.
    assert removed("ant/CNN/CN-economy-363-20181006") == dict.fromkeys(range(11, 16), "related")
    # The first of the five opens "وقع الحادث …" (another story's second paragraph).
    assert removed("ant/CNN/CN-internationalNews-663-20181009") == dict.fromkeys(
        range(8, 13), "related"
    )


def test_waw_and_a_verb_still_goes_on_with_the_story() -> None:
    # Made up from the page above: "وقالت" is "و" + a verb, so the run of ledes read
    # from the end stops there and only the three after it go.
    text = page("ant/CNN/CN-economy-363-20181006").replace("وقعت حكومة", "وقالت حكومة", 1)
    gone = {r["line"] for r in strip(text)[1] if r["reason"] == "related"}
    assert gone == {13, 14, 15}


def test_headlines_after_a_paragraph_of_one_short_sentence() -> None:
    # Two other stories' headlines (lines 8-9) after a paragraph of 9 words (line 7):
    # the paragraph after them is the longer one. Line 7 stays.
    assert removed("ant/BBC/BB-internationalNews-13-20180215") == {8: "related", 9: "related"}


def test_a_headline_beside_a_question_is_another_story() -> None:
    # Line 5, a headline, then a question (line 6) that may head the next paragraph and
    # stays: a subhead is not followed by another one.
    assert removed("ant/BBC/BB-internationalNews-245-20180329") == {5: "related"}
    # A question, then a headline of seven words, then the paragraph: both go (and, at
    # the end, the dash rule and the app notice).
    assert removed("ant/BBC/BB-culture-302-20180929") == {
        8: "related",
        9: "related",
        20: "rule-line",
        21: "app-prompt",
    }


def test_the_wrapped_end_of_an_sms_footer_goes_with_it() -> None:
    # The footer's last words wrapped onto a line of their own after the contact row.
    assert removed("snn/okaz/2015-07-22-01922") == {
        9: "lone-link",
        11: "author-contact",
        12: "author-contact",
    }
    assert removed("snn/okaz/2015-07-22-01924") == {
        6: "lone-link",
        8: "author-contact",
        9: "author-contact",
    }


def test_a_columns_hashtag_section_label_stays() -> None:
    # Line 7, the column's recurring section (a single hashtag), stays; its SMS footer
    # (lines 10-14) goes.
    assert removed("snn/almadina/2015-07-27-00548") == dict.fromkeys(
        range(10, 15), "author-contact"
    )


def test_sms_words_alone_in_the_body_stay() -> None:
    # Made up: the footer's words without a footer line before them ("نص الرسالة" may
    # head a letter quoted in the article).
    lines = page("snn/okaz/2015-07-22-01924").split("\n")[:5] + ["نص الرسالة", "ثم الرسالة"]
    assert strip("\n".join(lines))[1] == []


def test_a_full_box_of_ledes_without_a_day_named() -> None:
    # Five other stories' first paragraphs (lines 11-15), none naming the day of the news
    # or its source: four carry a weak mark, two of them opening with a report's verb
    # ("أعلنت", "أكد"). Line 10, the article's last paragraph ("وأوضح ترامب"), stays.
    assert removed("ant/CNN/CN-internationalNews-507-20180814") == dict.fromkeys(
        range(11, 16), "related"
    )


def test_a_lede_may_open_with_a_quote_and_two_dots() -> None:
    # Line 10: '"لأسباب شخصية بحتة".. بهذه الكلمات أعلن ستيفان دي ميستورا، …'.
    assert removed("ant/CNN/CN-internationalNews-734-20181019") == dict.fromkeys(
        range(7, 12), "related"
    )


def test_a_columns_last_paragraphs_stay() -> None:
    # A column's last five paragraphs open bare and are full of commas (weak marks), but
    # none opens with the verb of a report: not a box of other stories.
    assert removed("snn/alwatan/2015-07-22-01394") == {}


def test_a_lede_may_open_with_the_day_of_the_event() -> None:
    # The box holds "today in history" items ("في 2 سبتمبر/ أيلول، وقعت اليابان …"):
    # a date opening is a report's opening as a bare verb is.
    assert removed("ant/CNN/CN-internationalNews-541-20180903") == dict.fromkeys(
        range(11, 16), "related"
    )


def test_a_quoted_lede_opens_a_story_whatever_its_words() -> None:
    # Lines 16-17 open '"كان متوقعاً".. هو الرد …': the quote's "كان" does not go on with
    # the article, and a quote with two dots is a report's opening (a weak mark).
    assert removed("ant/CNN/CN-economy-215-20180817") == dict.fromkeys(range(16, 21), "related")


def test_a_waw_root_verb_is_a_reports_opening() -> None:
    # Line 10 "وافق إيلون موسك على التنحي …": a bare verb whose root opens with و.
    assert removed("ant/CNN/CN-economy-338-20180930") == dict.fromkeys(range(9, 14), "related")


def test_a_quotation_may_open_one_of_the_ledes() -> None:
    # The box ends on a video teaser that opens with a quotation (line 10).
    assert removed("ant/CNN/CN-internationalNews-526-20180817") == dict.fromkeys(
        range(6, 11), "related"
    )


def test_a_headline_may_open_with_a_number() -> None:
    # "10 معلومات عن "أرامكو" …" (line 15) and "17 قتيلا على الأقل …" (line 6) are
    # headlines, not list items ("1-", "2."): the runs of other stories reach them.
    # Having set those runs, the pages set single headlines too (line 20 "ترامب يحاول
    # إقناع الرياض …"; lines 12 and 22 "أسوأ حوادث إطلاق النار …", "عشر حقائق …").
    assert removed("ant/BBC/BB-economy-236-20180823") == {
        13: "related",
        14: "related",
        15: "related",
        20: "related",
        29: "rule-line",
        30: "app-prompt",
    }
    assert removed("ant/BBC/BB-internationalNews-1-20180218") == dict.fromkeys(
        (6, 7, 12, 22), "related"
    )
    assert removed("ant/BBC/BB-economy-220-20180816") == dict.fromkeys((8, 9, 10), "related")


def test_a_headline_may_quote_two_names() -> None:
    # Made up from the page above: line 8 opens and ends with a quoted name
    # ('"ترامب" …"القس"'); a quotation is one quote from the first letter to the last.
    text = page("ant/BBC/BB-economy-220-20180816").replace(
        'ترامب "محبط" من عدم الإفراج عن القس الأمريكي المحتجز في تركيا',
        '"ترامب" محبط من عدم الإفراج عن القس الأمريكي المحتجز في "تركيا"',
    )
    assert {r["line"] for r in strip(text)[1] if r["reason"] == "related"} == {8, 9, 10}


def test_headlines_after_the_article_with_a_question_among_them() -> None:
    # Four other stories' headlines after the last paragraph, one a question (line 14).
    assert removed("ant/BBC/BB-internationalNews-390-20180423") == dict.fromkeys(
        range(12, 16), "related"
    )
    # Two after the article (one ends on a quote), on a page that set headlines between
    # its paragraphs: lines 7-8 (a headline and a question; the question after them may
    # head the next paragraph and stays) and a single one further on (line 17).
    assert removed("ant/BBC/BB-internationalNews-325-20180411") == dict.fromkeys(
        (7, 8, 17, 23, 24), "related"
    )


def test_only_the_last_question_of_a_run_may_head_the_paragraph() -> None:
    # A headline and two questions between paragraphs (lines 6-8): a subhead is not
    # followed by another, so the first question is one of the headlines; the last may
    # head the paragraph and stays.
    assert removed("ant/BBC/BB-culture-45-20180225") == {6: "related", 7: "related"}


@pytest.mark.parametrize(
    "command",
    [
        ["strip-boilerplate", "-f", "jsonl"],
        # Workers strip each page alone; the parent strips again the pages the
        # collection rules touch.
        ["pipeline", "--steps", "strip-boilerplate", "--jobs", "2", "-f", "jsonl"],
    ],
)
def test_other_articles_titles_in_a_dump_go(tmp_path, command: list[str]) -> None:
    # BBC and CNN set the titles of their other stories between paragraphs. In a dump
    # that holds those stories, each such line is a link: line 8 of the BBC page is the
    # title of BB-internationalNews-1017, lines 7 and 11 of the CNN page those of
    # CN-economy-39 and -6 (line 14 of the BBC page links to a story not in the dump).
    # Its subheads ("من هو وودورد؟", "اتصال ترامب الهاتفي بوودورد") stay.
    ids = [
        "ant/BBC/BB-internationalNews-1050-20180905",
        "ant/BBC/BB-internationalNews-1017-20180831",
        "ant/CNN/CN-economy-42-20180306",
        "ant/CNN/CN-economy-39-20180303",
        "ant/CNN/CN-economy-6-20180210",
    ]
    for rec_id in ids:
        (tmp_path / (rec_id.replace("/", "_") + ".txt")).write_text(page(rec_id), "utf-8")
    proc = arnews(*command, str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    got = {
        orjson.loads(line)["id"].rsplit("/", 1)[-1]: [
            (r["line"], r["reason"]) for r in orjson.loads(line)["removed"]
        ]
        for line in proc.stdout.splitlines()
    }
    assert got["ant_BBC_BB-internationalNews-1050-20180905"] == [(8, "title-in-collection")]
    assert got["ant_CNN_CN-economy-42-20180306"] == [
        (7, "title-in-collection"),
        (11, "title-in-collection"),
    ]
    assert got["ant_BBC_BB-internationalNews-1017-20180831"] == removed_with_reasons(
        "ant/BBC/BB-internationalNews-1017-20180831"
    )


def removed_with_reasons(rec_id: str) -> list[tuple[int, str]]:
    return [(r["line"], r["reason"]) for r in strip(page(rec_id))[1]]


def test_a_box_of_teaser_ledes_is_told_by_what_they_are_about() -> None:
    # Five other stories' first paragraphs after a report on Russian and Iranian oil
    # (lines 10-14). Three open as teasers do, with a time phrase, a present-tense verb
    # or a noun ("خلال السنوات …", "تواجه المملكة …", "يوجد نوعان …"): too few marks of a
    # lede, but none shares a content word with the article, whose dateline names its
    # source ("دبي، … (CNN)").
    assert removed("ant/CNN/CN-economy-440-20181016") == dict.fromkeys(range(10, 15), "related")


def test_a_box_of_ledes_above_a_block_of_related_headlines() -> None:
    # Made up from the page above: a heading and its headlines after the box (as a
    # page around the article sets them) do not hide the box, which ends the article.
    text = page("ant/CNN/CN-economy-440-20181016") + (
        "\n\nأخبار ذات صلة\n\nجديد المشيقح خطوة أشواقي\n\nميليشيا قسد تعلن عن اتفاق مشترك مع روسيا"
    )
    gone = removed_from(text)
    assert {i for i in range(10, 15)} <= {i for i, why in gone.items() if why == "related"}
    assert set(gone) == {*range(10, 15), 16, 18, 20}


def test_a_reports_own_last_paragraphs_name_its_subject_again() -> None:
    # Made up from the page above: the article (lines 1-9), then three paragraphs that
    # open bare, as the ledes did, but go on about Russia, Iran and their oil: they stay.
    article = page("ant/CNN/CN-economy-440-20181016").split("\n")[:9]
    own = [
        "تسعى روسيا منذ سنوات إلى زيادة صادراتها النفطية إلى آسيا، عبر خطوط أنابيب جديدة"
        " تمتد إلى الصين والهند، بعيدا عن الأسواق الأوروبية.",
        "تعتمد إيران على صادرات النفط في تمويل أكثر من نصف ميزانيتها، وتخشى أن تحرمها"
        " العقوبات الأمريكية من عملائها في آسيا وأوروبا.",
        "يرى محللون أن اتفاق روسيا وإيران على النفط مقابل السلع قد يخفف أثر العقوبات،"
        " لكنه لن يعوض طهران عن خسارة أسواقها الكبرى.",
    ]
    assert removed_from("\n".join(article + own)) == {}
    # Three that name none of the title's words but the article's people and things
    # (the minister, the agency, the sanctions, the barter of oil for goods): they stay.
    named = [
        "التقى نوفاك في موسكو ممثلين عن شركات الطاقة الإيرانية، وناقش معهم آليات تطبيق"
        " برنامج المقايضة وإمدادات الخام قبل سريان العقوبات الأمريكية.",
        "نقلت وكالة تاس عن مصدر في وزارة الطاقة الروسية أن الاجتماع تطرق إلى قواعد ثابتة"
        " ومستقرة لأسعار الخام في الأسواق العالمية.",
        "تخشى طهران أن تحظر العقوبات الأمريكية تصدير الخام إلى المستوردين، سواء الحكومات"
        " أو الشركات، بعد نوفمبر المقبل، بحسب ما ذكرت تاس.",
    ]
    assert removed_from("\n".join(article + named)) == {}


def test_a_list_the_article_brings_stays_even_when_its_items_are_other_events() -> None:
    # Made up from a "this day in history" report (CNN's dateline): its last paragraph
    # ends with a colon and brings the events, which share no word with the article once
    # Diana's funeral (line 7) is left out. The box after them (lines 11-15) goes.
    lines = page("ant/CNN/CN-internationalNews-576-20180906").split("\n")
    text = "\n".join(lines[:6] + lines[7:10])
    assert removed_from(text) == {}
    assert removed("ant/CNN/CN-internationalNews-576-20180906") == dict.fromkeys(
        range(11, 16), "related"
    )


def test_a_columns_last_paragraphs_with_few_names_stay() -> None:
    # An opinion column whose last five paragraphs open bare and name little the column
    # named before: no dateline names a source above them, so they are not read as
    # other stories' ledes.
    assert removed("snn/alwatan/2015-07-26-01002") == {}


def test_headlines_under_a_subhead_of_the_article() -> None:
    # A subhead of the article (line 7, "كلمات الأغاني والذوق العام"), then two other
    # stories' headlines (lines 8-9), then the paragraph the subhead heads: the run
    # follows the paragraph before the subhead, which stays.
    assert removed("ant/BBC/BB-culture-159-20180516") == {8: "related", 9: "related"}


def test_a_single_headline_shaped_line_under_a_subhead_stays() -> None:
    # Made up from the page above (which sets a run, lines 8-9): a second subhead and a
    # line of a headline's shape under it, before the last paragraphs. Under a subhead
    # a single line may be the subhead's second line: it stays with it.
    lines = page("ant/BBC/BB-culture-159-20180516").split("\n")
    text = "\n".join(
        lines[:16]
        + ["الموسيقى والرياضيات", "كيف تقيس الخوارزميات نجاح أغنية قبل صدورها"]
        + lines[16:]
    )
    assert removed_from(text) == {8: "related", 9: "related"}


def test_a_subheads_list_and_quotes_stay() -> None:
    # Made up from the page above: under the subhead, two list items with their marks,
    # or two quoted lines, instead of the headlines: the article's own, they stay.
    lines = page("ant/BBC/BB-culture-159-20180516").split("\n")
    for shown in (
        ["- أغاني النساء أكثر نجاحا من أغاني الرجال", "- الأغاني الراقصة أكثر نجاحا من الحزينة"],
        ['"الأغاني السعيدة أكثر نجاحا في بريطانيا"', '"والحزينة أكثر انتشارا بين الشباب"'],
    ):
        assert removed_from("\n".join(lines[:7] + shown + lines[9:])) == {}


@pytest.mark.slow
@pytest.mark.parametrize("paragraph", ["والنفط ", "ب" * 40 + " ", "(CNN)-- "])
def test_the_box_by_its_words_is_linear_on_a_huge_report(paragraph: str) -> None:
    # A report's dateline, 5 MB of article (one paragraph, or many lines), then five
    # paragraphs opening bare with no marks of a lede: each line's words are read once.
    huge = paragraph * (5_000_000 // len(paragraph))
    box = [
        f"تواجه الشركة رقم {k} تحديات جديدة في الأسواق العالمية هذا العام بسبب تراجع الطلب"
        for k in range(5)
    ]
    for article in ([huge], [paragraph * 20] * (5_000_000 // (20 * len(paragraph)))):
        text = "\n".join(
            ["عنوان", "", "دبي، الإمارات (CNN)-- قال مسؤول إن العمل مستمر.", *article, *box]
        )
        kept, gone = strip(text)
        assert len(kept) + sum(len(r["text"]) + 1 for r in gone) >= len(text)


def test_questions_in_a_row_on_a_page_that_sets_headlines() -> None:
    # The page sets three other stories' headlines between paragraphs (lines 14-16);
    # further on, two questions in a row (lines 26-27): the first is another story's
    # headline too, since a subhead is not followed by another; the last may head the
    # paragraph after it and stays.
    assert removed("ant/BBC/BB-internationalNews-235-20180327") == dict.fromkeys(
        (14, 15, 16, 26), "related"
    )
    # Made up: the same page without its run of headlines sets none, and both questions
    # stay (lines 14-16 are gone, so the questions are lines 23-24).
    lines = page("ant/BBC/BB-internationalNews-235-20180327").split("\n")
    assert removed_from("\n".join(lines[:13] + lines[16:])) == {}


def test_a_columns_rhetorical_questions_in_a_row_stay() -> None:
    # Two questions in a row between paragraphs of a column (lines 9-10), on a page that
    # sets no headlines: the author's.
    assert removed("snn/alweeam/2015-07-21-01993") == {}
