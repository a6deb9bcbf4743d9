"""Write arnews_cli/data/common_words.txt: the words found in the most articles of the
bulk corpus, as dedup folds them (story mode counts the others as rare).

    python benchmarks/data/dedup/make_common_words.py ../shared/corpus/bulk/news-20k.jsonl.gz
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path

import orjson

from arnews_cli.corpus.dedup import words

TOP = 3000


def main(corpus: str) -> None:
    df: Counter[str] = Counter()
    articles = 0
    with gzip.open(corpus) as f:
        for line in f:
            df.update(set(words(orjson.loads(line)["text"])))
            articles += 1
    out = Path(__file__).resolve().parents[3] / "arnews_cli" / "data" / "common_words.txt"
    top = [w for w, _ in df.most_common() if not w.isdigit()][:TOP]
    header = (
        f"# The {TOP} words (dedup's folded form) found in the most articles of the bulk corpus\n"
        f"# ({articles} articles; benchmarks/data/dedup/make_common_words.py). dedup --by story\n"
        "# counts every other word as rare.\n"
    )
    out.write_text(header + "\n".join(top) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
