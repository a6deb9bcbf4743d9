"""Build ``labelled.jsonl``, the labelled set of the strip-boilerplate benchmark.

Run from the repository root: ``python benchmarks/data/boilerplate/build.py``.

Two parts, every line labelled ``body`` or ``chrome``:

- ``real``: every article of ``shared/corpus/articles/`` and the seed article as they
  are. The chrome inside them was labelled by reading them (``IN_BODY_CHROME`` below:
  BBC's app notice, dash rules and the related headlines it leaves between paragraphs,
  CNN's and France24's links, Al Arabiya's disclaimer, SPA's end marker and time, Al
  Mayadeen's repeated lead and headlines, a columnist's SMS footer).
- ``wrapped``: real articles wrapped in page chrome written in the styles of Arabic
  news sites (header: breadcrumbs, dates, share rows...; footer: tags, related and
  most-read blocks with real headlines of other corpus articles, copyright...). Each
  site style is written differently, with spelling variants. The styles marked
  ``held_out`` were written after the rules and not used to write them.

- ``pages``: real pages of the bulk corpus (``sample_pages.py``), every line labelled by
  reading under ``GUIDELINE.md`` (``pages.json``); half of them, by a hash of the id,
  are ``held_out``: never read for misses while rules are written.

Deterministic (fixed seed); the output is committed, so the benchmark needs no build.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = Path(__file__).with_name("labelled.jsonl")

# file (below shared/corpus/) -> 1-based line numbers that are chrome
IN_BODY_CHROME: dict[str, list[int]] = {
    "seed/000_2b7b2ce8d1a74f0d.txt": [3, 24, 26, 28, 30, 32],
    "articles/ant/Alarabia/AL-technology-50-20130410.txt": [9],
    "articles/ant/BBC/BB-culture-286-20180824.txt": [14, 15, 18, 20, 21],
    "articles/ant/BBC/BB-internationalNews-1209-20181017.txt": [43, 44],
    "articles/ant/BBC/BB-internationalNews-51-20180222.txt": [15],
    "articles/ant/BBC/BB-middleEast-959-20180906.txt": [10],
    "articles/ant/BBC/BB-middleEast-418-20180428.txt": [9, 10],
    "articles/ant/BBC/BB-middleEast-643-20180621.txt": [13, 14],
    "articles/ant/BBC/BB-technology-314-20180713.txt": [18, 19],
    "articles/ant/BBC/BB-technology-438-20181005.txt": [19, 20],
    # CNN's block of five other stories' first paragraphs after the article: chrome by
    # GUIDELINE.md, missed by the first labelling and added in session 6.
    "articles/ant/CNN/CN-economy-238-20180901.txt": [9, 10, 11, 12, 13],
    "articles/ant/CNN/CN-economy-411-20181011.txt": [14, 15, 16, 17, 18],
    "articles/ant/CNN/CN-internationalNews-546-20180902.txt": [10, 11, 12, 13, 14],
    "articles/ant/CNN/CN-middleEast-1258-20180819.txt": [7, 8, 9, 10, 11],
    "articles/ant/CNN/CN-technology-134-20180819.txt": [8, 9, 10, 11, 12],
    "articles/ant/CNN/CN-internationalNews-169-20180323.txt": [6],
    "articles/ant/CNN/CN-technology-47-20180305.txt": [7],
    "articles/ant/France24/FR-internationalNews-2039-20180628.txt": [6],
    "articles/ant/France24/FR-internationalNews-2302-20180714.txt": [17],
    "articles/ant/France24/FR-internationalNews-2616-20180808.txt": [17],
    "articles/ant/France24/FR-middleEast-176-20180318.txt": [7],
    "articles/saudinewsnet/3alyoum-2015-07-24-00460.txt": [3],
    # Lines 4, 6, 8 ("*****") are the column's own section breaks: body (GUIDELINE.md,
    # relabelled in session 6 to match the pages part).
    "articles/saudinewsnet/almadina-2015-08-07-00608.txt": [17, 18, 19, 20, 21, 22],
    "articles/saudinewsnet/was-2015-08-10-01593.txt": [6, 7],
    "articles/saudinewsnet/was-2015-08-11-01541.txt": [8, 9],
    "articles/saudinewsnet/was-2015-08-11-01545.txt": [11, 12],
    "articles/saudinewsnet/was-2015-08-11-01546.txt": [12, 13],
    "articles/saudinewsnet/was-2015-08-11-01578.txt": [7, 8],
    # "رابط الخبر بصحيفة الوئام: <headline>" (chrome by GUIDELINE.md, labelled with the pages)
    "articles/saudinewsnet/alweeam-2015-08-08-01043.txt": [17],
    "articles/saudinewsnet/alweeam-2015-08-06-02310.txt": [5],
    "articles/almayadeen/1669231.txt": [26],
    "articles/almayadeen/1669306.txt": [12],
    "articles/almayadeen/1676656.txt": [32],
    "articles/almayadeen/1677756.txt": [16],
    "articles/almayadeen/1695698.txt": [14],
    "articles/almayadeen/1695942.txt": [31],
    "articles/almayadeen/1696558.txt": [12],
    "articles/almayadeen/1706392.txt": [13],
    "articles/almayadeen/1706469.txt": [11],
    "articles/almayadeen/1707087.txt": [17],
    "articles/almayadeen/1724109.txt": [18],
    "articles/almayadeen/1741454.txt": [16],
    "articles/almayadeen/1750265.txt": [18],
    "articles/almayadeen/1750812.txt": [12],
    "articles/almayadeen/1768047.txt": [15],
    "articles/almayadeen/1772273.txt": [14],
    "articles/almayadeen/1811800.txt": [9, 10, 11, 12, 13, 14],
    "articles/almayadeen/1837263.txt": [9, 10, 11, 12, 13, 14],
    "articles/almayadeen/1837282.txt": [11],
    "articles/almayadeen/1848394.txt": [10],
    "articles/almayadeen/1849197.txt": [13],
    "articles/almayadeen/1849427.txt": [9, 10, 11, 12, 13, 14],
    "articles/almayadeen/1875014.txt": [12],
    "articles/almayadeen/1875539.txt": [13],
    "articles/almayadeen/1878047.txt": [11],
    "articles/almayadeen/1888386.txt": [5, 6],
    "articles/almayadeen/1891113.txt": [31],
    "articles/almayadeen/1892570.txt": [16],
    "articles/almayadeen/1895960.txt": [9],
    "articles/almayadeen/1899946.txt": [13],
}

# Site styles: header lines before the article's body, footer lines after it.
# "=" marks a byline or dateline (labelled body), "{title}" repeats the title, "{h}" is a real headline of another article,
# "{date}"/"{time}" are filled in; "" is a blank line.
STYLES: dict[str, dict] = {
    "orient": {
        "held_out": False,
        "header": ["أخبار سوريا", "{date} {time}", "{title}"],
        "footer": [
            "",
            "التعليقات (0)",
            "",
            "    0",
            "",
            "    الأكثر قراءة",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "    💡 أهم المواضيع",
            "",
            "    ✨ أهم التصنيفات",
        ],
    },
    "aljazeera": {
        "held_out": False,
        "header": [
            "الرئيسية/ أخبار/ سياسة",
            "",
            "استمع",
            "حفظ",
            "",
            "نشر في {date}",
            "آخر تحديث: {date} {time} (بتوقيت مكة المكرمة)",
            "",
            "شارك",
            "فيسبوك تويتر واتساب",
        ],
        "footer": [
            "",
            "المصدر : الجزيرة + وكالات",
            "",
            "اقرأ أيضاً",
            "{h}",
            "{h}",
            "{h}",
            "",
            "الأكثر قراءة",
            "{h}",
            "{h}",
            "",
            "حمّل تطبيق الجزيرة",
            "App Store",
            "Google Play",
            "",
            "من نحن | اتصل بنا | سياسة الخصوصية | شروط الاستخدام",
            "© 2024 شبكة الجزيرة الإعلامية. جميع الحقوق محفوظة",
        ],
    },
    "youm7": {
        "held_out": False,
        "header": [
            "اليوم السابع",
            "الرئيسية > أخبار عاجلة > {section}",
            "",
            "=كتب محمد عبد الرحمن",
            "الأحد، 14 يناير 2024 03:00 م",
            "",
            "اقرأ أيضاً:",
            "{h}",
            "",
        ],
        "footer": [
            "",
            "الكلمات المفتاحية: مصر، الحكومة، الأخبار",
            "",
            "اضف تعليق",
            "",
            "الأكثر مشاهدة",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "عدد الردود 0",
            "",
            "جميع الحقوق محفوظة لـ اليوم السابع © 2024",
        ],
    },
    "skyarabia": {
        "held_out": False,
        "header": [
            "=أبوظبي - سكاي نيوز عربية",
            "نشر في: {date} - {time}",
            "آخر تحديث: {date} - {time}",
            "",
            "تكبير الخط",
            "تصغير الخط",
            "طباعة",
            "مشاركة",
            "",
        ],
        "footer": [
            "",
            "أخبار ذات صلة",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "تابعونا على فيسبوك وتويتر",
            "",
            "اشترك في النشرة البريدية",
            "سجل بريدك الإلكتروني",
            "اشتراك",
        ],
    },
    "hespress": {
        "held_out": True,
        "header": [
            "هسبريس",
            "الرئيسية » مجتمع",
            "",
            "=هسبريس من الرباط",
            "",
            "الجمعة 12 يناير 2024 - 14:35",
            "",
            "📰 مجتمع",
            "مدة القراءة: 3 دقائق",
            "",
        ],
        "footer": [
            "",
            "الوسوم: المغرب / الحكومة / التعليم",
            "",
            "تعليقات الزوار (12)",
            "",
            "مقالات ذات صلة",
            "{h}",
            "{h}",
            "{h}",
            "",
            "الأكثر تعليقا",
            "{h}",
            "{h}",
            "",
            "إعلان",
            "",
            "جميع الحقوق محفوظة © هسبريس 2024",
            "سياسة الخصوصية",
            "اتصل بنا",
        ],
    },
    "enabbaladi": {
        "held_out": True,
        "header": [
            "عنب بلدي",
            "سياسة",
            "",
            "{title}",
            "",
            "=عنب بلدي – إدلب",
            "",
            "تاريخ النشر: {date}",
            "",
            "A A",
            "",
            "🔴 عاجل",
            "",
        ],
        "footer": [
            "",
            "إقرأ ايضاً:",
            "{h}",
            "{h}",
            "",
            "مقالات متعلقة",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "شارك هذا المقال",
            "Facebook",
            "Twitter",
            "Telegram",
            "WhatsApp",
            "",
            "انضم إلى قناتنا على تيليجرام",
            "",
            "اشترك الآن في النشرة الإخبارية",
        ],
    },
    "almasryalyoum": {
        "held_out": True,
        "header": [
            "المصري اليوم",
            "الرئيسية | أخبار | {section}",
            "",
            "=كتب: أحمد شلبي",
            "",
            "الثلاثاء 16-01-2024 18:26",
            "",
            "منذ 3 ساعات",
            "",
            "شارك",
            "",
            "طباعة",
            "",
        ],
        "footer": [
            "",
            "تابعوا آخر الأخبار عبر تطبيق المصري اليوم على جوجل بلاي وآب ستور",
            "",
            "أخبار متعلقة",
            "{h}",
            "{h}",
            "",
            "الأكثر قراءة",
            "1",
            "{h}",
            "2",
            "{h}",
            "",
            "محتوى مدعوم",
            "",
            "حقوق النشر محفوظة للمصري اليوم 2024",
        ],
    },
    "independent": {
        "held_out": True,
        "header": [
            "اندبندنت عربية",
            "الرئيسية › الأخبار › العالم العربي",
            "",
            "وقت القراءة 4 دقائق",
            "",
            "الأربعاء 17 يناير 2024 12:07",
            "",
            "شير",
            "تويتر",
            "",
            "📌 تقارير",
            "",
        ],
        "footer": [
            "",
            "المزيد عن: السودان|الجيش|الحرب",
            "",
            "قد يهمك أيضاً",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "{h}",
            "",
            "لمتابعة آخر الأخبار اضغط هنا",
            "",
            "الشروط والأحكام - سياسة الخصوصية - اتصل بنا - أعلن معنا",
        ],
    },
}

SECTIONS = ["سياسة", "اقتصاد", "رياضة", "منوعات", "عرب وعالم"]
DATES = ["14 يناير 2024", "الأحد 14/01/2024", "2024/1/14", "16 ديسمبر 2020", "3 مارس 2023"]
TIMES = ["10:30 ص", "03:00 م", "14:35", "08:12 مساءً", "12:07 GMT"]


def read_lines(rel: str) -> list[str]:
    text = (CORPUS / rel).read_text("utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def main() -> None:
    rng = random.Random(5)
    files = sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "articles").rglob("*.txt")) + [
        "seed/000_2b7b2ce8d1a74f0d.txt"
    ]
    out = []
    titles = []
    for rel in files:
        lines = read_lines(rel)
        titles.append(lines[0].strip())
        chrome = set(IN_BODY_CHROME.get(rel, []))
        site = rel.split("/")[-2] if rel.startswith("articles/ant/") else rel.split("/")[1]
        if rel.startswith("articles/saudinewsnet/"):
            site = "saudinewsnet"
        out.append(
            {
                "file": rel,
                "part": "real",
                "site": site,
                "held_out": False,
                "lines": [
                    {"text": t, "label": "chrome" if i in chrome else "body"}
                    for i, t in enumerate(lines, 1)
                ],
            }
        )
    # Wrapped: 6 real articles per style, not the seed, with their own in-body labels.
    pool = [r for r in out if r["file"] != "seed/000_2b7b2ce8d1a74f0d.txt"]
    for name, style in STYLES.items():
        for rec in rng.sample(pool, 6):
            title = rec["lines"][0]["text"]
            body = rec["lines"][1:]

            def fill(t: str, title: str = title) -> str:
                return (
                    t.replace("{title}", title)
                    .replace("{h}", rng.choice(titles))
                    .replace("{date}", rng.choice(DATES))
                    .replace("{time}", rng.choice(TIMES))
                    .replace("{section}", rng.choice(SECTIONS))
                )

            def labelled(ts: list[str]) -> list[dict]:
                # "" is a blank line, "=..." a byline or dateline: article content.
                return [
                    {
                        "text": fill(t.lstrip("=")),
                        "label": "body" if t in ("",) or t[:1] == "=" else "chrome",
                    }
                    for t in ts
                ]

            lines = [
                {"text": title, "label": "body"},
                {"text": "", "label": "body"},
                *labelled(style["header"]),
                *[b for b in body if b["text"] or True],
                *labelled(style["footer"]),
            ]
            out.append(
                {
                    "file": f"{name}:{rec['file']}",
                    "part": "wrapped",
                    "site": name,
                    "held_out": style["held_out"],
                    "lines": lines,
                }
            )
    out += pages()
    with OUT.open("w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} articles -> {OUT} ({OUT.stat().st_size // 1024} KB)")


def pages() -> list[dict]:
    """The ``pages`` part: the sampled bulk articles with the labels of pages.json."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from sample_pages import held_out, sample, source

    labels = json.loads(Path(__file__).with_name("pages.json").read_text("utf-8"))
    out = []
    for rec in sample():
        chrome = set(labels[rec["id"]])
        text = rec["text"][:-1] if rec["text"].endswith("\n") else rec["text"]
        out.append(
            {
                "file": f"bulk:{rec['id']}",
                "part": "pages",
                "site": "pages:" + source(rec["id"]).split("/")[0],
                "held_out": held_out(rec["id"]),
                "stage": rec["stage"],
                "lines": [
                    {"text": t, "label": "chrome" if i in chrome else "body"}
                    for i, t in enumerate(text.split("\n"), 1)
                ],
            }
        )
    return out


if __name__ == "__main__":
    main()
