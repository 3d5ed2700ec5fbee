"""Language identification on the gold set: the old rules, the model alone, the new detector.

    .venv/bin/python scripts/eval_language.py [tests/fixtures/language/gold.jsonl]
    .venv/bin/python scripts/eval_language.py --short [gold.jsonl]

``--short``: every gold passage cut after its first words, to 8-11, 12-15, 16-19 and 20-24
letters, and the detector's accuracy on each band as if ``MIN_LETTERS`` were 1 (what a lower
threshold would give), with its most frequent confusions.

Prints a Markdown table: accuracy per gold language (share of passages given exactly the gold
label) and the mean time per call on article-length text. "model alone" is py3langid 0.4.0's top
label with our spelling of the script variants (uz in Cyrillic -> uz-Cyrl); it has no kk-Latn.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.language import _CYRILLIC, _model, identify_language  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "tests/fixtures/language/gold.jsonl"
ORDER = ("kk", "kk-Latn", "ru", "en", "ky", "tt", "ug", "uz", "uz-Cyrl", "tr")

# --- the rules as they stood at the start of branch h6-lang (commit 8f09c89), kept for comparison --
_OLD_KAZAKH_CYRILLIC = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_OLD_KAZAKH_LATIN_MARKS = set("áǵıńóúýşğüöäñūÁǴIŃÓÚÝŞĞÜÖÄÑŪ") - {"I"}
_OLD_KAZAKH_LATIN_WORDS = {
    "jáne", "jane", "men", "bul", "osy", "bolyp", "boıynsha", "boiynsha", "degen", "ushin", "úshin",
    "qazaqstan", "oblysy", "oblysynda", "aýdan", "audan", "jyly", "jylǵy", "turaly", "mektep", "qala",
    "ákimdik", "akimdik", "halyq", "jumys", "jańa", "jana", "bıyl", "biyl", "tımdi", "eken", "bar", "joq",
}
_OLD_WORD = re.compile(r"[^\W\d_]+")
_OLD_LETTER = re.compile(r"[^\W\d_]")
_OLD_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_OLD_KK = re.compile("[" + "".join(sorted(_OLD_KAZAKH_CYRILLIC)) + "]")


def old_rules(text: str, sample: int = 4000) -> str | None:
    text = text[:sample]
    letters = len(_OLD_LETTER.findall(text))
    if letters < 20:
        return None
    cyr = len(_OLD_CYRILLIC.findall(text))
    if cyr / letters > 0.5:
        return "kk" if len(_OLD_KK.findall(text)) / cyr > 0.005 else "ru"
    words = [w.lower() for w in _OLD_WORD.findall(text)]
    marks = sum(1 for c in text if c in _OLD_KAZAKH_LATIN_MARKS)
    kk_words = sum(1 for w in words if w in _OLD_KAZAKH_LATIN_WORDS)
    if words and (kk_words / len(words) > 0.03 or marks / letters > 0.01):
        return "kk-Latn"
    return "en"


def model_alone(text: str) -> str | None:
    label = _model().classify(text)[0]
    if label == "uz" and len(_CYRILLIC.findall(text)) > len(text) / 4:
        return "uz-Cyrl"
    return label


def new_detector(text: str) -> str | None:
    return identify_language(text)[0]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(rows: list[dict], fn) -> tuple[dict[str, float], dict[str, Counter]]:
    right, total, confusions = Counter(), Counter(), defaultdict(Counter)
    for row in rows:
        got = fn(row["text"])
        total[row["lang"]] += 1
        right[row["lang"]] += got == row["lang"]
        if got != row["lang"]:
            confusions[row["lang"]][got] += 1
    return {lang: right[lang] / total[lang] for lang in total}, confusions


def microseconds_per_call(fn, texts: list[str], rounds: int = 3) -> float:
    fn(texts[0])                       # load the model outside the timing
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            fn(text)
    return (time.perf_counter() - start) / (rounds * len(texts)) * 1e6


def main(path: Path = GOLD) -> None:
    rows = load(path)
    langs = [lang for lang in ORDER if any(r["lang"] == lang for r in rows)]
    counts = Counter(r["lang"] for r in rows)
    # article-length text: ~3,000 characters of one language, glued from consecutive gold passages
    articles = []
    for lang in langs:
        body = " ".join(r["text"] for r in rows if r["lang"] == lang)
        articles += [body[i:i + 3000] for i in range(0, min(len(body), 9000), 3000)]
    detectors = (("rules at branch start", old_rules), ("py3langid 0.4.0 alone", model_alone),
                 ("new detector", new_detector))
    print("| detector | " + " | ".join(f"{lang} (n={counts[lang]})" for lang in langs) + " | µs/call (3,000 chars) |")
    print("|---|" + "---:|" * (len(langs) + 1))
    all_confusions = {}
    for name, fn in detectors:
        accuracy, confusions = score(rows, fn)
        all_confusions[name] = confusions
        cells = " | ".join(f"{accuracy[lang]:.0%}" if accuracy[lang] < 1 else "100%" for lang in langs)
        print(f"| {name} | {cells} | {microseconds_per_call(fn, articles):.0f} |")
    print()
    for lang in langs:
        wrong = all_confusions["new detector"].get(lang)
        if wrong:
            print(f"- new detector, {lang} misread as: " + ", ".join(f"{k} ×{v}" for k, v in wrong.most_common()))


SHORT_BANDS = ((8, 12), (12, 16), (16, 20), (20, 25))


def short(path: Path = GOLD) -> None:
    import crawler.language as language

    rows = load(path)
    language.MIN_LETTERS = 1
    print("| letters | passages | right | most frequent confusions (gold, detected) |")
    print("|---|---:|---:|---|")
    for low, high in SHORT_BANDS:
        right = total = 0
        wrong: Counter = Counter()
        for row in rows:
            kept = []
            for word in row["text"].split():            # the first words, up to ``low`` letters
                kept.append(word)
                letters = len(re.findall(r"[^\W\d_]", " ".join(kept)))
                if letters >= low:
                    break
            if not low <= letters < high:
                continue
            got = language.detect_language(" ".join(kept))
            total += 1
            right += got == row["lang"]
            if got != row["lang"]:
                wrong[(row["lang"], got)] += 1
        confusions = ", ".join(f"{g}->{d} ×{n}" for (g, d), n in wrong.most_common(4))
        print(f"| {low}-{high - 1} | {total} | {right / total:.0%} | {confusions} |")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--short"]
    (short if "--short" in sys.argv else main)(Path(args[0]) if args else GOLD)
