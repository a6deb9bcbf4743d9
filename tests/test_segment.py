"""Tests for the segment step on real lines from ../shared/corpus (ids given) and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arnews_cli.steps.segment import paragraphs, sentences, tokenize

from .conftest import CORPUS


def split(text: str, wrapped: bool = False) -> list[str]:
    return [s["text"] for s in sentences(text, wrapped=wrapped)]


def toks(text: str) -> list[str]:
    return [t["text"] for t in tokenize(text)]


# (corpus id or source, paragraph, expected sentences)
HARD_CASES = [
    (  # a title abbreviation and a number with three dots
        "bulk snn/alriyadh/2015-07-26-00793",
        "اعتمد وزير التعليم د. عزام بن محمد الدخيل 26 مشروعاً مدرسياً للإدارة العامة للتعليم "
        "بمنطقة حائل بقيمة 134.230.802.95 مليون ريال.",
        None,
    ),
    (  # Latin initial spelt in Arabic, before a name and before "and"
        "bulk snn/aawsat/2015-07-21-00100",
        "أما «المهمة التالية» فسيخصص للمتبرعين تحت سن الأربعين وبإمكانهم جمع 50.000 دولار على "
        "الأقل. وقال جورج بي. وجيب بوش الأصغر في بيان مشترك أن هذا البرنامج «سيمثل البرنامج "
        "المحوري لمشاركة الشباب في الحملة». وقد رفض جيب بي. بوش طلبًا بعقد مقابلة معه.",
        [
            "أما «المهمة التالية» فسيخصص للمتبرعين تحت سن الأربعين وبإمكانهم جمع 50.000 دولار "
            "على الأقل.",
            "وقال جورج بي. وجيب بوش الأصغر في بيان مشترك أن هذا البرنامج «سيمثل البرنامج "
            "المحوري لمشاركة الشباب في الحملة».",
            "وقد رفض جيب بي. بوش طلبًا بعقد مقابلة معه.",
        ],
    ),
    (  # an acronym spelt in letters does end a sentence
        "bulk snn/3alyoum/2015-07-24-00069",
        "وأبدى فلين سعادته بالجهاز، ويتمنى أن يتحسن بصره بشكل يتيح له القيام بالمهام اليومية، "
        "كرعاية النباتات والتسوق. بحسب البي بي سي. سمات البصر زراعة عملية عين الية لندن",
        [
            "وأبدى فلين سعادته بالجهاز، ويتمنى أن يتحسن بصره بشكل يتيح له القيام بالمهام "
            "اليومية، كرعاية النباتات والتسوق.",
            "بحسب البي بي سي.",
            "سمات البصر زراعة عملية عين الية لندن",
        ],
    ),
    (  # decimals inside sentences
        "bulk snn/aawsat/2015-07-21-00575",
        "وكوجهة رئيسية، استقبل مطار هونغتشياو 37.960.200 مسافر في عام 2014، وحقق نموا بنسبة "
        "21.3 في المائة في عام 2010، مما جعله المطار الرابع الأكثر ازدحاما على الأراضي "
        "الصينية، والمطار الـ21 الأكثر ازدحاما في العالم. وتعد محطة السكة الحديدية في "
        "هونغتشياو أيضا واحدة من أكبر محطات السكك الحديدية في قارة آسيا، مع مساحة إجمالية "
        "تصل إلى 1.3 مليون متر مربع.",
        2,
    ),
    (  # "..", a domain name in quotes and إلخ. closing its sentence
        "bulk snn/aawsat/2015-07-21-00390",
        "ومنذ أن أعلن موقع «Face.com» عام 2011، عن تطورات جديدة لاستخدامات تلك التقنية "
        "وإمكانية تصنيف الانفعالات سواء عبر الصور أو الفيديو إلى: حزين، سعيد، غضبان، .. إلخ. "
        "اتجه عدد كبير من مطوري البرامج والتطبيقات لاستخدام تلك التقنية.",
        [
            "ومنذ أن أعلن موقع «Face.com» عام 2011، عن تطورات جديدة لاستخدامات تلك التقنية "
            "وإمكانية تصنيف الانفعالات سواء عبر الصور أو الفيديو إلى: حزين، سعيد، غضبان، .. "
            "إلخ.",
            "اتجه عدد كبير من مطوري البرامج والتطبيقات لاستخدام تلك التقنية.",
        ],
    ),
    (  # (...) elision inside a quotation, then a quoted sentence end
        "bulk snn/aawsat/2015-07-21-00042",
        "وفي طهران، رفض محمد علي جعفري، قائد الحرس الثوري الإيراني، قرار مجلس الأمن. وقال إن "
        "«بعض أجزاء المسودة تجاوزت بوضوح الخطوط الحمراء (...) خصوصا ما يتعلق بقدرات إيران "
        "العسكرية. لن نقبله أبدا».",
        [
            "وفي طهران، رفض محمد علي جعفري، قائد الحرس الثوري الإيراني، قرار مجلس الأمن.",
            "وقال إن «بعض أجزاء المسودة تجاوزت بوضوح الخطوط الحمراء (...) خصوصا ما يتعلق "
            "بقدرات إيران العسكرية.",
            "لن نقبله أبدا».",
        ],
    ),
    (  # ؟! run; ؛ is not an end
        "bulk snn/aawsat/2015-07-21-00248",
        "سألني أحد الزملاء: لماذا تراجعت؟! أجبته أن المُشاهد لا بد أن يعرف من خلال الكاميرا "
        "كيف هي حياة الناس في الواقع. وجدت في البث من الأسواق ومن داخل المدينة «تقريبا» "
        "للصورة الحقيقية؛ إذ إن الناس في المناطق الحدودية «رُغم الحرب» يعيشون حياة طبيعية آمنة.",
        [
            "سألني أحد الزملاء: لماذا تراجعت؟!",
            "أجبته أن المُشاهد لا بد أن يعرف من خلال الكاميرا كيف هي حياة الناس في الواقع.",
            "وجدت في البث من الأسواق ومن داخل المدينة «تقريبا» للصورة الحقيقية؛ إذ إن الناس "
            "في المناطق الحدودية «رُغم الحرب» يعيشون حياة طبيعية آمنة.",
        ],
    ),
    (  # closing guillemet after the dot, then a question ending ؟».
        "bulk snn/aawsat/2015-07-21-00016",
        "كتب في دليل تخرج طلاب ثانوية «ريد رانك» ، في تشاتانوغا قبل أربعة أعوام: «اسمي سيحدث "
        "هلعًا في كل أرجاء الولايات المتحدة. ماذا سيحدث اسمك؟».",
        [
            "كتب في دليل تخرج طلاب ثانوية «ريد رانك» ، في تشاتانوغا قبل أربعة أعوام: «اسمي "
            "سيحدث هلعًا في كل أرجاء الولايات المتحدة.",
            "ماذا سيحدث اسمك؟».",
        ],
    ),
    (  # closing guillemet before the dot
        "bulk snn/aawsat/2015-07-21-00005",
        "واتهموها بالتورط بعد سكوتها عن «خرق الهدنة». ولوح محمد عبد السلام بوقف التعامل مع "
        "المنظمة الدولية مستقبلا.",
        [
            "واتهموها بالتورط بعد سكوتها عن «خرق الهدنة».",
            "ولوح محمد عبد السلام بوقف التعامل مع المنظمة الدولية مستقبلا.",
        ],
    ),
    (  # !! run
        "bulk snn/aawsat/2015-07-21-00468",
        "فيلم من ساعة و47 دقيقة تحوّل إلى 30 حلقة!! وجوه وسيمة وجميلة.",
        ["فيلم من ساعة و47 دقيقة تحوّل إلى 30 حلقة!!", "وجوه وسيمة وجميلة."],
    ),
    (  # an Arabic initial
        "ud ar_pud n01... (أحمد ز. أمين)",
        'أحمد ز. أمين, أمين عام الوكالة الدولية للطاقة المتجددة (إيرينا) متيقنٌ: "يمكن لقوة '
        'الرياح في عرض البحر أن تصبح أهم مولد للطاقة".',
        None,
    ),
    (  # an ellipsis inside an open quotation
        "ud ar_pud",
        'بحسب إدارة شرطة المدينة أن شجاراً نشب بعدما وصل "مجموعة كبيرة من الناس... عرفوا عن '
        'أنفسهم بأنهم من السلطات المحلية" إلى موقع التصوير يوم الثلاثاء.',
        None,
    ),
    (  # ".." is a pause, not an end
        "bulk snn/alweeam/2015-07-21-01546",
        "بالصور.. مجسمات حديقة المعالم تستقطب زوار شرق الرياض طوال أيام العيد",
        None,
    ),
    ("bulk snn/aawsat/2015-07-21-00578", "1. تطبيق «ميوزيكال لي» Musical.ly", None),
    ("bulk snn/sabq/2015-07-21-02915", "http://sabq.org/sabq/user/articles.do?id=897", None),
    ("bulk snn/aawsat/2015-07-21-00005", "...المزيد", None),
    (  # era after a year: ends the sentence, unless الموافق follows
        "bulk (2015 م. وجاء; 1436هـ، الموافق … 2015م. وأكّد)",
        "الجائزة الأولى عبارة عن سيارة موديل 2015 م. وجاء في المركز الثاني جهاز حاسب. ويقام "
        "الملتقى في 19 شوال 1436 هـ. الموافق 4 أغسطس 2015م. وأكّد العتيبي على أهميته.",
        [
            "الجائزة الأولى عبارة عن سيارة موديل 2015 م.",
            "وجاء في المركز الثاني جهاز حاسب.",
            "ويقام الملتقى في 19 شوال 1436 هـ. الموافق 4 أغسطس 2015م.",
            "وأكّد العتيبي على أهميته.",
        ],
    ),
    (  # engineer title م. before a name; transliterated initials; J.K.
        "bulk (م. محمد; جي. كيه. رولينج)",
        "وتعيين م. محمد بن عطالله الفهيد مديراً. وكتبت جي. كيه. رولينج مؤلفة السلسلة روايتها.",
        [
            "وتعيين م. محمد بن عطالله الفهيد مديراً.",
            "وكتبت جي. كيه. رولينج مؤلفة السلسلة روايتها.",
        ],
    ),
    (  # ellipsis: new sentence, or continued by إلخ / a connective
        "bulk (يتبع... ; أنواعه... إلخ)",
        "والتسول بشتى أنواعه... إلخ ليقودنا إلى الجهد. يتبع... اليهود الإثيوبيون في عاصفة "
        "العنصرية ... ثم عادوا",
        [
            "والتسول بشتى أنواعه... إلخ ليقودنا إلى الجهد.",
            "يتبع...",
            "اليهود الإثيوبيون في عاصفة العنصرية ... ثم عادوا",
        ],
    ),
    (  # numbers, Latin initials, URL and e-mail at the end of a sentence
        "constructed from the issue's cases",
        "قال د. أحمد إن U.S. Steel وJ.P. Morgan ربحا 3.5 و٣٫٥ مليار في 12.05.2020 و1.000.000 "
        "سهم. راجع www.un.org. واكتب إلى info@un.org. أ.د. سامي يرد؟ نعم… وانتهى.",
        [
            "قال د. أحمد إن U.S. Steel وJ.P. Morgan ربحا 3.5 و٣٫٥ مليار في 12.05.2020 "
            "و1.000.000 سهم.",
            "راجع www.un.org.",
            "واكتب إلى info@un.org.",
            "أ.د. سامي يرد؟",
            # An ellipsis before a clause led by a conjunction stays in it (issue 16).
            "نعم… وانتهى.",
        ],
    ),
]


@pytest.mark.parametrize("source,text,expected", HARD_CASES, ids=[c[0] for c in HARD_CASES])
def test_hard_cases(source: str, text: str, expected: list[str] | int | None) -> None:
    got = split(text)
    if expected is None:
        assert got == [text]
    elif isinstance(expected, int):
        assert len(got) == expected, got
    else:
        assert got == expected


def test_question_followed_by_a_continuation_and_dotted_spelt_letters() -> None:
    # UD-PUD keeps "…الطاقة؟ أو ذلك الصوت…" as one sentence.
    assert len(split("من أين تستمد كل هذه الطاقة؟ أو ذلك الصوت الذي يخرج قوياً؟")) == 1
    # bulk corpus: "سيارات التجهيز الرياضي (إس.يو. في) قالت إدارة بورش"
    assert len(split("سيارات التجهيز الرياضي (إس.يو. في) قالت إدارة بورش")) == 1


def test_colon_and_semicolon_do_not_end() -> None:
    assert len(split("قال الوزير: نعم؛ وأضاف: لا.")) == 1


def test_missing_space_after_question_and_between_arabic_words() -> None:
    assert split("ماذا حدث؟قال لا شيء.انتهى الأمر") == ["ماذا حدث؟", "قال لا شيء.", "انتهى الأمر"]
    assert split("قال د.محمد كلمته") == ["قال د.محمد كلمته"]


@pytest.mark.parametrize(
    "text",
    [
        # Bulk-corpus lines: a site's name with its domain in letters holds no sentence end.
        'وفقاً لمعلومات طالعتها "العربية.نت" من مصادر مطلعة، فإن الاجتماع تأجل.',
        'هذا المقال منشور بالتعاون مع موقع التوظيف الإلكتروني "بيت.كوم" في الرياض.',
        "وفقا لموقع كوين ماركت كاب.كوم المهتم بتتبع قيمة العملات الرقمية.",
    ],
)
def test_a_domain_written_in_arabic_letters_does_not_end_a_sentence(text: str) -> None:
    assert [s["text"] for s in sentences(text)] == [text]


def test_sentences_carry_offsets_and_paragraph_index() -> None:
    text = "العنوان\n\n  قال: نعم. وأضاف؟  \nسطر ثالث"
    got = sentences(text)
    assert [(s["text"], s["paragraph"]) for s in got] == [
        ("العنوان", 0),
        ("قال: نعم.", 1),
        ("وأضاف؟", 1),
        ("سطر ثالث", 2),
    ]
    assert list(got[0]) == ["text", "start", "end", "paragraph"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in got)


def test_wrapped_joins_hard_wrapped_lines() -> None:
    text = "السطر الأول من\nالفقرة. والجملة الثانية\nتكمل هنا.\n\nفقرة ثانية."
    assert paragraphs(text) == [(0, 14), (15, 38), (39, 48), (50, 61)]
    assert paragraphs(text, wrapped=True) == [(0, 48), (50, 61)]
    got = sentences(text, wrapped=True)
    assert [(s["text"], s["paragraph"]) for s in got] == [
        ("السطر الأول من\nالفقرة.", 0),
        ("والجملة الثانية\nتكمل هنا.", 0),
        ("فقرة ثانية.", 1),
    ]
    assert len(sentences(text)) == 5


def test_tokens() -> None:
    assert toks("«ارتفع المؤشر 3.5% و٣٫٥٪، وبلغ 1,000 سهم؛ لماذا؟»") == [
        "«", "ارتفع", "المؤشر", "3.5", "%", "و", "٣٫٥", "٪", "،", "وبلغ", "1,000",
        "سهم", "؛", "لماذا", "؟", "»",
    ]  # fmt: skip
    assert toks("#وسم_عربي @UN_News http://sabq.org/a.do?id=897. a.khojah@asharqalawsat.com") == [
        "#وسم_عربي", "@UN_News", "http://sabq.org/a.do?id=897", ".",
        "a.khojah@asharqalawsat.com",
    ]  # fmt: skip
    assert toks("تطبيق Facebook Messenger في 12.05.2020 الساعة 6:30...") == [
        "تطبيق", "Facebook", "Messenger", "في", "12.05.2020", "الساعة", "6:30", "...",
    ]  # fmt: skip
    assert toks("كَتَبَ الطالبُ") == ["كَتَبَ", "الطالبُ"]


def test_tokens_take_the_shared_url_and_marks() -> None:
    # Three bulk articles wrote a site in capitals; it was five tokens (WWW . GDP ...).
    assert [t["text"] for t in tokenize("زوروا WWW.GDP.GOV.SA، أو “www.x.org”")] == [
        "زوروا",
        "WWW.GDP.GOV.SA",
        "،",
        "أو",
        "“",
        "www.x.org",
        "”",
    ]
    # A mark of the Arabic Extended-A block (U+08F0, open fathatan) stays in its word.
    assert [t["text"] for t in tokenize("كتاب\u08f0 جديد")] == ["كتاب\u08f0", "جديد"]


def test_tokens_in_sentences_have_offsets_into_the_whole_text() -> None:
    text = "سطر أول.\nقال د. محمد: 3.5%."
    for s in sentences(text, tokens=True):
        assert list(s) == ["text", "start", "end", "paragraph", "tokens"]
        for t in s["tokens"]:
            assert text[t["start"] : t["end"]] == t["text"]
            assert s["start"] <= t["start"] < t["end"] <= s["end"]
    assert [t["text"] for t in sentences(text, tokens=True)[1]["tokens"]] == [
        "قال", "د", ".", "محمد", ":", "3.5", "%", ".",
    ]  # fmt: skip


def test_every_sentence_of_a_real_article_slices_the_text() -> None:
    folder = CORPUS / "articles" / "ant"
    files = sorted(folder.rglob("*.txt"))
    assert files
    for path in files[:40]:
        text = path.read_text(encoding="utf-8")
        got = sentences(text, tokens=True)
        assert got
        for s in got:
            assert text[s["start"] : s["end"]] == s["text"] and s["text"].strip() == s["text"]
            for t in s["tokens"]:
                assert text[t["start"] : t["end"]] == t["text"]


# Property tests: random text over the characters the rules look at.
ALPHABET = list("ابتدمهـقزو ") * 3 + list(' \n\n.!?؟…«»"”)(،:؛,%#@/ 0123٣٫٬ abcJPU')
TEXTS = st.text(alphabet=ALPHABET, max_size=300)


def _nows(s: str) -> str:
    return re.sub(r"\s+", "", s)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
def test_sentence_properties(text: str, wrapped: bool) -> None:
    paras = paragraphs(text, wrapped)
    got = sentences(text, wrapped=wrapped, tokens=True)
    prev_end = 0
    for s in got:
        assert s["text"] and s["text"] == text[s["start"] : s["end"]]
        assert s["text"] == s["text"].strip()
        assert s["start"] >= prev_end
        prev_end = s["end"]
        ps, pe = paras[s["paragraph"]]
        assert ps <= s["start"] < s["end"] <= pe
        assert "".join(t["text"] for t in s["tokens"]) == _nows(s["text"])
        for t in s["tokens"]:
            assert t["text"] and text[t["start"] : t["end"]] == t["text"]
    for i, (ps, pe) in enumerate(paras):
        joined = "".join(s["text"] for s in got if s["paragraph"] == i)
        assert _nows(joined) == _nows(text[ps:pe])
        assert text[ps:pe] == text[ps:pe].strip()
        if not wrapped:
            assert "\n" not in text[ps:pe]
    assert _nows("".join(text[ps:pe] for ps, pe in paras)) == _nows(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_tokenize_covers_every_visible_character(text: str) -> None:
    got = tokenize(text)
    assert "".join(t["text"] for t in got) == _nows(text)
    assert all(t["start"] < t["end"] for t in got)


# The worst inputs for each pattern, 5 MB each: every run a candidate to check, long
# runs the regexes could backtrack over, e-mail local parts without an @.
SENTENCE_WORST = [
    "د. " * 1_700_000,  # every dot an abbreviation to look up
    '"' + "كلمة... " * 600_000,  # ellipses inside one open quotation
    "." * 5_000_000,
    "؟»" * 2_500_000 + "x",
    "http://" + "." * 5_000_000,
    "1." * 2_500_000,
    " \n" * 2_500_000,
    " " * 5_000_000 + "x",  # one line of spaces before its only letter
    "x" + " \t" * 2_500_000 + "\n",  # trailing whitespace of a line
    "www" * 1_700_000,  # every w a candidate URL start
    "hw." * 1_700_000,
]
TOKEN_WORST = [
    "abcdefg." * 625_000,  # every word an e-mail local part without an @
    "a@a" * 1_700_000,
    "www." * 1_250_000,
    "1." * 2_500_000,
    "#_" * 2_500_000,
]


@pytest.mark.slow
@pytest.mark.parametrize("text", SENTENCE_WORST, ids=range(len(SENTENCE_WORST)))
def test_sentences_on_five_megabyte_worst_cases(text: str) -> None:
    assert sentences(text) is not None


@pytest.mark.slow
@pytest.mark.parametrize("text", TOKEN_WORST, ids=range(len(TOKEN_WORST)))
def test_tokenize_on_five_megabyte_worst_cases(text: str) -> None:
    assert "".join(t["text"] for t in tokenize(text)) == text


def _paragraphs_reference(text: str, wrapped: bool) -> list[tuple[int, int]]:
    """The straightforward line loop ``paragraphs`` must agree with."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        body = line.lstrip()
        if not body:
            continue
        s, e = m.end() - len(body), m.start() + len(line.rstrip())
        if wrapped and spans and text.count("\n", spans[-1][1], s) == 1:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("اب x.\n\t\r\x0b\x1c\x85\xa0\u2028\u3000")), max_size=60))
def test_paragraphs_agree_with_a_line_loop(text: str) -> None:
    for wrapped in (False, True):
        assert paragraphs(text, wrapped) == _paragraphs_reference(text, wrapped)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list('hwtps:/.!?؟…»")]ا xHWTPS”،')), max_size=40))
def test_candidate_regex_agrees_with_the_plain_alternation(text: str) -> None:
    from arnews_cli.steps.segment import _CAND, _CLOSE, _TERM, _URL

    plain = re.compile(rf"{_URL}|([{_TERM}]+(?:[{_CLOSE}]+[{_TERM}]*)*)")
    want = [(m.span(), m.group(1) is None) for m in plain.finditer(text)]
    assert [(m.span(), m.group(1) is None) for m in _CAND.finditer(text)] == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 16: an abbreviated era after a year goes on into a preposition...
        ("بني المسجد عام 350 هـ. في عهد الخليفة.", ["بني المسجد عام 350 هـ. في عهد الخليفة."]),
        ("تعود إلى 1500 ق.م. على الأرجح.", ["تعود إلى 1500 ق.م. على الأرجح."]),
        ("توفي سنة 965 م. في بغداد.", ["توفي سنة 965 م. في بغداد."]),
        # ...and still ends its sentence before a new clause (a bulk line).
        (
            "سيارة موديل 2015 م. وجاء في المركز الثاني جهاز.",
            ["سيارة موديل 2015 م.", "وجاء في المركز الثاني جهاز."],
        ),
        # An ellipsis before a conjunction-led clause stays in the sentence...
        ("انتظرنا طويلاً... ولم يأت أحد.", ["انتظرنا طويلاً... ولم يأت أحد."]),
        ("انتظرنا طويلاً... لكن أحداً لم يأت.", ["انتظرنا طويلاً... لكن أحداً لم يأت."]),
        ("تعب كثيراً… فنام.", ["تعب كثيراً… فنام."]),
        # ...but not before a word whose و is a root letter, nor before a new sentence.
        ("انتهى الاجتماع... وزير الخارجية غادر.", ["انتهى الاجتماع...", "وزير الخارجية غادر."]),
        ("هذا كل شيء... الخبر التالي هنا.", ["هذا كل شيء...", "الخبر التالي هنا."]),
    ],
)
def test_eras_after_years_and_conjunctions_after_ellipses(text: str, expected: list[str]) -> None:
    got = [s["text"] for s in sentences(text)]
    assert got == expected
