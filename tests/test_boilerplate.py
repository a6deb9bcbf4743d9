"""strip-boilerplate: every rule on real lines, nothing lost, the collection pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.api import strip_boilerplate
from arnews_cli.repeats import DEFAULT_MIN_REPEAT, RepeatedLines, strip_collection
from arnews_cli.steps.boilerplate import (
    MAX_CHROME_WORDS,
    kept_counts,
    line_key,
    line_rule,
    normalize,
    strip,
)

from .conftest import CORPUS

ARTICLES = CORPUS / "articles"


def read(rel: str) -> str:
    return (CORPUS / rel).read_text("utf-8")


def rebuild(kept: str, removed: list[dict], final_nl: bool) -> str:
    """Put the removed lines back at their numbers in the kept text."""
    body = kept[:-1] if final_nl and kept.endswith("\n") else kept
    lines = body.split("\n") if body or not removed else []
    for r in sorted(removed, key=lambda r: r["line"]):
        lines.insert(r["line"] - 1, r["text"])
    return "\n".join(lines) + ("\n" if final_nl else "")


# --- rules on real lines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("التعليقات (0)", "comment-counter"),
        ("تعليقات الزوار (12)", "comment-counter"),
        ("    الأكثر قراءة", "most-read"),
        ("    💡 أهم المواضيع", "emoji-label"),
        ("    ✨ أهم التصنيفات", "emoji-label"),
        ("--------------------------------------------------", "rule-line"),
        ("____________________", "rule-line"),
        (
            "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي"
            " على هاتفكم المحمول.",
            "app-prompt",
        ),
        (
            "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي"
            " على هاتفكم المحمول.",
            "app-prompt",
        ),
        ("** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "disclaimer"),
        ("للمزيد: ما سر التغيرات العسكرية في السعودية؟", "read-also"),
        ("اقرأ.. لجنة بريطانية: كاميرون ضخّم الأوضاع بليبيا وانحرف نحو إسقاط القذافي", "read-also"),
        ("اقرأ مدونة بي بي سي: حكاية خصلة شعر", "read-also"),
        ("شاهد: ماذا يجب أن تتناول للحفاظ على شعر صحي؟", "read-also"),
        ("قد يهمك| الإنتربول يعلن استقالة رئيسه المختفي وتعيين نائبه بدلا منه", "read-also"),
        ("فرانس24/ أ ف ب", "agency-trailer"),
        ("فرانس 24/ أ ف ب/ رويترز", "agency-trailer"),
        ("لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...", "click-prompt"),
        (" // انتهى //", "end-marker"),
        (" 12:02 ت م", "date-line"),
        ("آخر تحديث: الأحد 14/01/2024 10:30 ص (بتوقيت مكة المكرمة)", "date-line"),
        ("نشر في 2024/1/14", "date-line"),
        ("الأحد 10 شوال 1436", "date-line"),
        ("وقت القراءة 4 دقائق", "reading-time"),
        ("مدة القراءة: 3 دقائق", "reading-time"),
        ("Next Previous", "nav"),
        ("...المزيد", "nav"),
        ("فيسبوك تويتر واتساب", "social"),
        ("شارك", "share"),
        ("تكبير الخط", "share"),
        ("Ksa.watan@yahoo.com", "lone-link"),
        ("للتواصل مع الكاتب ارسل رسالة SMS", "author-contact"),
        ("تبدأ بالرمز (76) ثم مسافة ثم نص الرسالة إلى", "author-contact"),
        ("88591 - Stc", "author-contact"),
        ("الرئيسية » مجتمع", "breadcrumb"),
        ("الوسوم: المغرب / الحكومة / التعليم", "tags"),
        ("#السعودية #اليمن #عاصفة_الحزم", "tags"),  # made up: a row of hashtags
        ("**حقوق النشر محفوظة لمجلة القافلة، أرامكو السعودية", "copyright"),
        ("جميع الحقوق محفوظة © هسبريس 2024", "copyright"),
        ("اشترك في النشرة البريدية", "newsletter"),
        ("انضم إلى قناتنا على تيليجرام", "social"),
        ("سياسة الخصوصية | اتصل بنا | من نحن", "footer-links"),
        ("إعلان", "ad"),
        ("المصدر : الجزيرة + وكالات", "agency-trailer"),
    ],
)
def test_rule(line: str, reason: str) -> None:
    hit = line_rule(line)
    assert hit is not None and hit[0] == reason


@pytest.mark.parametrize(
    "line",
    [
        "فساد واحتيال",  # a subheading (README)
        '"الخوف من الإبلاغ عن فساد"',  # BBC subheading
        "خطوة دبلوماسية جديدة",  # France24 subheadings
        "رسائل إلى الأسد",
        "البحث عن كبش فداء",  # Sky News
        "(1)",  # Al Mayadeen section number
        "2 -",
        "رغد عشميل – عين اليوم",  # a byline
        "المنامة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",  # a dateline
        "مكة المكرمة - واس",
        '* نقلا عن "الرياض" السعودية',
        "السلطان: الإرهاق أخّر تدريبات «الأصفر».. وبداية «الأزرق» نموذجية",
        "حان وقت العشاء في الصين، وانتهت للتو النشرة الأخبارية التلفزيونية المسائية.",
        "أطلقت شركة جوجل عبر متجر “جوجل بلاي” النظارة الذكية “جوجل جلاس” مبينةً أنها متوفرة.",
        "وفيما يلي تسلسل لأبرز الأحداث التاريخية في 2 سبتمبر:",
        # A column's recurring section label (snn/almadina/2015-07-27-00548), and
        # "#نافذة:": one hashtag alone is not a row of tags.
        "#ثمانٍ_وأربعون_قانوناً_للقوة_روبرت_جرين",
        "#نافذة:",
    ],
)
def test_content_is_not_a_rule(line: str) -> None:
    assert line_rule(line) is None


def test_spelling_variants_fold_together() -> None:
    forms = ["اقرأ أيضاً:", "اقرأ أيضا:", "إقرأ ايضا:", "اقرا ايضاً:", "اقـرأ أيضًا:"]
    assert len({normalize(f) for f in forms}) == 1
    for f in forms:
        assert line_rule(f) == ("related", True)


# --- whole articles ------------------------------------------------------------------


def test_seed_article() -> None:
    text = read("seed/000_2b7b2ce8d1a74f0d.txt")
    kept, removed = strip(text)
    reasons = {r["line"]: r["reason"] for r in removed if r["reason"] != "blank-left"}
    assert reasons == {
        3: "repeated-title",
        24: "comment-counter",
        26: "lone-number",
        28: "most-read",
        30: "emoji-label",
        32: "emoji-label",
    }
    # The first occurrence of the title stays, and the body ends the text.
    assert kept.startswith("ميليشيا قسد تعلن")
    assert kept.rstrip().endswith("وطرد ميليشيا قسد منها.")


def test_al_mayadeen_repeated_lead_at_the_end() -> None:
    kept, removed = strip(read("articles/almayadeen/1669306.txt"))
    assert [(r["line"], r["reason"]) for r in removed] == [(12, "repeated-line")]
    assert "روسيا تكشف تدريبات" in kept  # the lead itself stays


def test_al_mayadeen_repeated_headlines_block() -> None:
    _, removed = strip(read("articles/almayadeen/1811800.txt"))
    assert [r["line"] for r in removed] == [9, 10, 11, 12, 13, 14]


def test_long_lead_repeated_in_another_spelling_goes() -> None:
    # A lead of more than MAX_CHROME_WORDS words, repeated at the end without its
    # diacritics and hamzas: only its normal form is the same (real lines, 1669306).
    lines = read("articles/almayadeen/1669306.txt").split("\n")
    lead = f"{lines[4]} {lines[5]}"
    assert len(lead.split()) > MAX_CHROME_WORDS
    again = lead.replace("\u064f", "").replace("أ", "ا").replace("،", " ،")
    assert again != lead and normalize(again) == normalize(lead)
    text = "\n".join([lines[0], "", lead, *lines[6:11], again])
    _, removed = strip(text)
    assert [(r["line"], r["reason"]) for r in removed] == [(9, "repeated-line")]


@given(st.text(alphabet=st.sampled_from("لمنأإآاىيةه ًٌُ،.:-_()ـ٠١abcLM\u0130\u03a3"), max_size=60))
def test_kept_letters_survive_normalisation(s: str) -> None:
    # strip() compares long lines only when these counts agree, so they must not change.
    assert kept_counts(normalize(s)) == kept_counts(s)


def test_refrain_inside_the_body_stays() -> None:
    refrain = "وأقول إني على حطة يدينك عند صوت الزير"
    text = f"قصيدة\n\n{refrain}\nبيت آخر من القصيدة هنا.\n{refrain}\nوبيت أخير فيها جميل."
    assert strip(text)[1] == []


def test_bbc_dash_rule_and_app_notice() -> None:
    _, removed = strip(read("articles/ant/BBC/BB-middleEast-643-20180621.txt"))
    assert [(r["line"], r["reason"]) for r in removed] == [(13, "rule-line"), (14, "app-prompt")]


def test_spa_end_marker_and_time() -> None:
    _, removed = strip(read("articles/saudinewsnet/was-2015-08-11-01578.txt"))
    assert [(r["line"], r["reason"]) for r in removed] == [(7, "end-marker"), (8, "date-line")]


def test_related_block_takes_headlines_under_heading() -> None:
    text = (
        "عنوان الخبر\n\nقال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري.\n\n"
        "مقالات ذات صلة\n\nمحكمة بريطانية: أسباب وفاة أشرف مروان غير معروفة\n\n"
        "لغز مصرع رجل الأعمال المصري أشرف مروان في طريقه للحل\n\nجميع الحقوق محفوظة 2024\n"
    )
    kept, removed = strip(text)
    assert kept == "عنوان الخبر\n\nقال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري.\n"
    assert [r["reason"] for r in removed if r["text"]] == [
        "related",
        "related",
        "related",
        "copyright",
    ]


def test_read_also_in_body_stops_at_the_paragraph() -> None:
    text = (
        "عنوان\n\nفقرة أولى من المقال تنتهي هنا بجملة تامة ومفيدة للقارئ.\n"
        "اقرأ أيضاً:\nعنوان خبر آخر مرتبط\n\nفساد واحتيال\n"
        "فقرة ثانية من المقال تنتهي هنا بجملة تامة ومفيدة للقارئ."
    )
    kept, removed = strip(text)
    assert [r["line"] for r in removed] == [4, 5]
    assert "فساد واحتيال" in kept


def test_lone_numbers_inside_a_body_list_stay() -> None:
    text = "قائمة المقبولين\n\nأعلنت الجامعة أسماء المقبولين في البرنامج هذا العام.\n3601100204\n"
    text += "محمد أحمد\n3601100410\nوأوضحت الجامعة أن على المقبولين مراجعة العمادة قريبا."
    assert strip(text)[1] == []


def test_paragraphs_kept_as_they_were() -> None:
    text = "عنوان\n\nفقرة أولى.\n\nإعلان\n\nفقرة ثانية.\n"
    kept, removed = strip(text)
    assert kept == "عنوان\n\nفقرة أولى.\n\nفقرة ثانية.\n"
    assert [r["line"] for r in removed] == [5, 6]


def test_title_given_and_repeated() -> None:
    text = "العنوان الرسمي\n\nالعنوان الرسمي\nنص المقال هنا."
    _, removed = strip(text, title="العنوان الرسمي")
    assert [r["line"] for r in removed] == [3]


@pytest.mark.parametrize("path", sorted(ARTICLES.rglob("*.txt")), ids=lambda p: p.name)
def test_nothing_lost_on_real_articles(path: Path) -> None:
    text = path.read_text("utf-8")
    kept, removed = strip(text)
    assert rebuild(kept, removed, text.endswith("\n")) == text
    for r in removed:
        assert r["reason"]
        assert text.split("\n")[r["line"] - 1] == r["text"]


lines_st = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *("", "التعليقات (0)", "0", "اقرأ أيضاً:", "شارك", "جملة من المقال هنا.", "  "),
                *("---", "* * * * * * * * * * * *", "عنوان خبر آخر عن الطقس في المدينة اليوم"),
                "أعلن الوزير، الإثنين، أن العمل مستمر في المشروع حتى نهاية العام.",
                "دبي، الإمارات (CNN)- قال الوزير إن العمل مستمر في المشروع حتى نهاية العام.",
                "قال الوزير إن العمل مستمر في المشروع حتى نهاية العام الجاري كله.",
            ]
        ),
        st.text(alphabet="ابت ثجح.:0١\t-»", max_size=30),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(lines_st, st.booleans())
def test_nothing_lost_property(lines: list[str], final_nl: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_nl else "")
    kept, removed = strip(text, repeated={line_key("شارك")})
    assert rebuild(kept, removed, text.endswith("\n")) == text
    assert [r["line"] for r in removed] == sorted({r["line"] for r in removed})


@pytest.mark.slow
@pytest.mark.parametrize(
    # Worst cases for the patterns: separators without end, chrome words, digits, marks,
    # lone letters (control rows), trail separators, a tag label, the copyright sign.
    "chunk",
    # (session 6) the story-opening marks, a line of asterisks.
    [
        *("اقرأ: ", "» ", "شارك ", "1", "-", "@a.b", "ـً", "أ ", "/ ", "سمات ", "©"),
        *("(CNN) ", "(A", "الإثنين، ", "* "),
        # (session 7) a quoted lede's opening, a lede verb, a hashtag, an SMS footer word.
        *('"أ".. ', '"أ" ', "أعلنت ", "#أ ", "بالرمز ", "a.co", "a@"),
        # (session 8) a number and spaces (a list mark or a headline's number), quotes.
        *("1 ", "1\u202a ", '"أ" «', "تويتر:@a_1 "),
    ],
)
def test_linear_on_a_huge_line(chunk: str) -> None:
    line = chunk * (5_000_000 // len(chunk))
    kept, removed = strip("عنوان\n" + line + "\n" + line)
    assert len(kept) + sum(len(r["text"]) + 1 for r in removed) >= 2 * len(line)


@pytest.mark.slow
def test_quoted_lede_pattern_is_linear_on_a_huge_gap() -> None:
    # A quote closed at once, then 5 MB of spaces and tabs and no dots: the pattern's
    # run of spaces is read once.
    line = '"أ"' + " \t" * 2_500_000 + "."
    kept, removed = strip("\n".join(["عنوان", "", line, line, line]))
    assert len(kept) + sum(len(r["text"]) + 1 for r in removed) >= 3 * len(line)


# --- the collection pass -------------------------------------------------------------


def records(texts: list[str]) -> list[dict]:
    return [
        {"id": str(i), "source": "-", "encoding": "utf-8", "text": t} for i, t in enumerate(texts)
    ]


TOWNS = "دمشق حلب حمص حماة اللاذقية طرطوس درعا إدلب الرقة القامشلي السويداء تدمر".split()
FOOTER = "تابعوا موقعنا الجميل كل يوم"


def site_articles() -> list[str]:
    return [f"أخبار {t}\n\nجرى اليوم في {t} حدث مهم للسكان.\n{FOOTER}" for t in TOWNS]


def test_collection_removes_lines_recurring_in_many_articles() -> None:
    out = list(strip_collection(records(site_articles()), 10, strip=strip_boilerplate))
    assert [o["id"] for o in out] == [str(i) for i in range(len(TOWNS))]
    for o in out:
        assert FOOTER not in o["text"]
        assert o["removed"][-1]["reason"] == "repeated-in-collection"
        assert o["steps"] == ["strip-boilerplate"]


def test_collection_duplicates_are_not_boilerplate() -> None:
    # The same article twelve times: its lines recur only because it does.
    article = read("articles/ant/CNN/CN-economy-238-20180901.txt")
    out = list(strip_collection(records([article] * 12), 10, strip=strip_boilerplate))
    assert all(o["text"] == strip(article)[0] for o in out)


def test_collection_below_threshold_and_disabled() -> None:
    texts = site_articles()
    below = list(strip_collection(records(texts[:9]), 10, strip=strip_boilerplate))
    assert all(FOOTER in o["text"] for o in below)
    off = list(strip_collection(records(texts), 0, strip=strip_boilerplate))
    assert all(FOOTER in o["text"] for o in off)


def test_single_article_unchanged_by_collection_rule() -> None:
    text = read("seed/000_2b7b2ce8d1a74f0d.txt")
    (out,) = strip_collection(records([text]), DEFAULT_MIN_REPEAT, strip=strip_boilerplate)
    assert out["text"] == strip(text)[0]


def test_collection_output_flows_with_a_window() -> None:
    seen: list[int] = []

    def gen():
        for i, r in enumerate(records(site_articles())):
            seen.append(i)
            yield r

    it = strip_collection(gen(), 10, window=3, strip=strip_boilerplate)
    first = next(it)
    assert first["id"] == "0" and len(seen) == 4  # held back three, then wrote the first
    assert len(list(it)) == len(TOWNS) - 1


def test_long_sentences_need_more_articles() -> None:
    rep = RepeatedLines(2)
    sentence = (
        "وقال الوزير في مؤتمر صحفي عقده اليوم إن الحكومة ستواصل العمل على المشروع حتى نهايته."
    )
    for t in TOWNS[:3]:
        rep.observe(f"أخبار {t}\n{sentence}\nسطر آخر عن {t}")
    assert line_key(sentence) not in rep  # 3 < 2 * 3
    assert line_key("أخبار 0") not in rep


def test_min_repeat_one_is_refused() -> None:
    with pytest.raises(ValueError):
        RepeatedLines(1)


def test_collection_spools_to_disk_beyond_its_memory_and_keeps_order(monkeypatch) -> None:
    from arnews_cli import repeats

    spooled: list[int] = []
    real = repeats._Spool

    class Small(real):  # type: ignore[misc, valid-type]
        def __init__(self, per_file: int) -> None:
            super().__init__(per_file=2, memory=200)

        def push(self, *args):  # type: ignore[no-untyped-def]
            super().push(*args)
            spooled.append(len(self.files))

    monkeypatch.setattr(repeats, "_Spool", Small)
    texts = [f"أخبار {t}\n\nجرى اليوم في {t} حدث.\nتابعوا موقعنا الجميل" for t in TOWNS] * 3
    out = list(strip_collection(records(texts), 10, window=5, strip=strip_boilerplate))
    assert [r["id"] for r in out] == [str(i) for i in range(len(texts))]
    assert max(spooled) >= 1  # some records went to disk
    assert all("تابعوا" not in r["text"] for r in out[9:])
