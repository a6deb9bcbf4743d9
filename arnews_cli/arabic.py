"""The Arabic script in one place: digits, letter and mark classes, the URL pattern.

Steps import these instead of spelling their own ranges, so a fix lands everywhere at
once. Character classes are regex class *bodies* (no brackets), to be combined, e.g.
``f"[{LETTER}{MARK}]"``.

>>> fold_digits("٢٠٢٤ و۱۴۰۳")
'2024 و1403'
>>> to_arabic_digits("2024")
'٢٠٢٤'
"""

from __future__ import annotations

ASCII_DIGITS = "0123456789"
#: U+0660..U+0669, the digits of Arabic text in the Arab world.
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
#: U+06F0..U+06F9 (Extended Arabic-Indic), Persian and Urdu digits; they also turn up in
#: Arabic articles copied from Persian keyboards, so every digit fold takes them too.
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

#: Any decimal digit of the three sets (a class body).
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

#: Arabic-Indic and Persian digits to ASCII ones (``str.translate`` table); keeps length,
#: so offsets in the folded text are offsets in the original.
TO_ASCII_DIGITS = str.maketrans(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, ASCII_DIGITS * 2)
#: Persian digits to Arabic-Indic ones (clean --digits arabic, before ASCII ones turn).
PERSIAN_TO_ARABIC_DIGITS = str.maketrans(PERSIAN_DIGITS, ARABIC_INDIC_DIGITS)
#: ASCII digits to Arabic-Indic ones (clean --digits arabic).
TO_ARABIC_DIGITS = str.maketrans(ASCII_DIGITS, ARABIC_INDIC_DIGITS)

#: Letter variants that name lookups fold to one letter: the hamza and madda alefs and
#: alef wasla to bare alef, alef maqsura to yeh, ta marbuta to heh (``str.translate``
#: or ``str.replace`` pairs).
LETTER_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
#: Hamza on a waw or yeh carrier to the bare carrier.
CARRIER_FOLDS = {"ؤ": "و", "ئ": "ي"}

#: Letters of the Arabic script (base letters, Persian/Urdu and supplement letters;
#: not the tatweel U+0640, not digits or marks).
LETTER = (
    "\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
)
#: Combining marks of the Arabic script: harakat, Quranic annotation signs.
MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08ca-\u08ff"
#: The tatweel (kashida): a stretch drawn between letters, neither a letter nor a mark;
#: lookups drop it with the marks (``اقـرأ`` is ``اقرأ``).
TATWEEL = "\u0640"
#: Punctuation and signs of the Arabic block: number signs, ؋ ، ؍ ؛ ؟ ٪ ٫ ٬ ٭ ۔ and
#: the like (not letters, marks or digits).
PUNCTUATION = "\u0600-\u060f\u061b-\u061f\u066a-\u066d\u06d4"
#: Presentation forms A and B: ligatures and contextual letter shapes (clean maps them
#: to plain letters).
PRESENTATION = "\ufb50-\ufdff\ufe70-\ufeff"
#: Every block of the Arabic script, presentation forms included.
SCRIPT = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff" + PRESENTATION
#: Letters only Persian, Urdu (and Kurdish) use: a line holding one is in those languages.
PERSIAN_LETTER = "\u067e\u0686\u0698\u06a9\u06af\u06cc\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2"

#: A URL as clean removes it and segment keeps it one token: from ``http(s)://`` or
#: ``www.`` (any case) up to a space, a straight quote or guillemet, an Arabic comma or
#: semicolon, not ending on punctuation that closes the sentence or quotation around it
#: (``. , ; : ! ? ؟ … ) ] } ” ’``). (Compile with ``re.IGNORECASE``, or use it as
#: ``(?i:...)`` inside a larger pattern.)
URL_START = r"(?:https?://|www\.)"
#: The rest of a URL after :data:`URL_START`.
URL_REST = (
    r"[^\s<>\"'«»\u060c\u061b]*"
    r"[^\s<>\"'«».,;:!?)\]}\u060c\u061b\u061f\u2026\u201d\u2019]"
)
URL = URL_START + URL_REST


def fold_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits as ASCII ones (same length)."""
    return text.translate(TO_ASCII_DIGITS)


def to_arabic_digits(text: str) -> str:
    """``text`` with ASCII digits as Arabic-Indic ones."""
    return text.translate(TO_ARABIC_DIGITS)
