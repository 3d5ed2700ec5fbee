"""Which language an article is written in, from its text (page declarations lie: a Kazakh article
on a WordPress install set to Russian says ``ru-RU``).

Labels (BCP 47 style, one vocabulary: ``LABELS``):

* ``kk`` Kazakh in Cyrillic, ``kk-Latn`` Kazakh in any Latin spelling (the 2017 apostrophe
  alphabet, the 2018 acute alphabet ``á ǵ ı ń ó ú ý``, the 2021 ``ä ğ ñ ö ş ū ü`` alphabet, the
  ad-hoc spellings of abai.kz and qazaqtimes.com), ``kk-Arab`` Kazakh in the Arabic (tote) script
  that abai.kz, egemen.kz and inform.kz also publish;
* ``ru``, ``en``, ``tr``, ``ky``, ``tt``, ``ug`` (Uyghur, Arabic script), ``uz`` (Uzbek, Latin) and
  ``uz-Cyrl`` (Uzbek, Cyrillic);
* ``tg`` (Tajik: ҷ ӣ ӯ, letters Uzbek lacks, though both write ҳ ғ қ), ``zh``, ``ja`` and ``ko``
  by their scripts (py3langid reads short Chinese as Wu, ``wuu``, and a CJK sentence holds fewer
  than ``MIN_LETTERS`` characters);
* any other language: the two-letter code py3langid gives (``de``, ``uk``, ``ba``...), i.e. "other"
  as itself, when the text has that language's own letters; without them (short Russian the model
  reads as Bulgarian or Serbian, Tatar as Bashkir) the region's language is taken.

How: script first (pure rules, microseconds), then py3langid's Naive Bayes model (shipped inside the
package, 139 languages) for the language within the script, then rules again where the model is
blind or known wrong: it has no Latin-script Kazakh (it calls it ``tk``/``crh``/``tr``), and the
rules know Kazakh Arabic script by its hamza. A Russian text full of Kazakh proper names
("Қонаев", "«Қазақстан халқына»") stays ``ru``: Kazakh letters decide only on the *share of words*
that carry them, never on the presence of one letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

LABELS = ("kk", "kk-Latn", "kk-Arab", "ru", "en", "tr", "ky", "tt", "ug", "uz", "uz-Cyrl", "tg", "zh", "ja", "ko")
SCRIPT_SAMPLE = 1500       # the script and word shares are read on this many characters at most
# Fewer letters than this: no guess (None). Measured on the gold passages cut short (scripts/
# eval_language.py --short): 79% right at 8-11 letters, 91% at 12-15, 95% at 16-19.
MIN_LETTERS = 12

# --- letters -------------------------------------------------------------------------------------
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:['ʼʻ’‘`][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Han ideographs, Japanese kana, Korean hangul: a character a word, so fewer of them tell the language.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
MIN_CJK_CHARS = 8

# Cyrillic letters Russian lacks, per language. Kazakh has nine; Kyrgyz only ң ө ү; Tatar ә җ ң ө ү һ;
# Uzbek ў қ ғ ҳ. ``і`` is Kazakh and Ukrainian/Belarusian; ``ұ`` is Kazakh only.
KAZAKH_CYRILLIC = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_ONLY_CYRILLIC = frozenset("ғқұіҒҚҰІ")    # with ә: none of ky/tt has these (uz has ғ қ, see ў ҳ)
UZBEK_CYRILLIC = frozenset("ўҳЎҲ")
TAJIK_CYRILLIC = frozenset("ҷӣӯҶӢӮ")     # Tajik's own: Uzbek shares its ҳ ғ қ, not these
TATAR_CYRILLIC = frozenset("җҗ")
_UZBEK_OWN = frozenset("ўЎ")

# Kazakh in Latin letters: marks no Turkish, Uzbek or English text carries. Turkish ş ğ ı ö ü
# and ç are deliberately absent (the 2021 alphabet shares them, so they prove nothing alone).
KAZAKH_LATIN_MARKS = frozenset("áǵńóúýäñūÁǴŃÓÚÝÄÑŪә")   # ``ә``: abai.kz's Latin edition keeps it
KAZAKH_LATIN_WORDS = frozenset({
    # frequent Kazakh words (2018 acute spelling and the plain-ASCII spellings) that are not words
    # of Turkish, Uzbek or English; "men", "bar", "osy"... are excluded for that reason
    "jáne", "jane", "jәne", "boıynsha", "boiynsha", "boyınşa", "boyynsha", "degen", "úshin", "ushin",
    "ýshin", "üşin", "qazaqstan", "qazaqstannyń", "oblysy", "oblysynda", "oblystyq", "aýdan", "aýdany",
    "aýdanynda", "jyly", "jylǵy", "jılı", "jyldyń", "turaly", "turalı", "týraly", "halyq", "halqy",
    "jańa", "bıyl", "biyl", "bolyp", "bolady", "boldy", "sondaı",
    "ákim", "ákimi", "ákimdik", "ákimdigi", "qala", "qalasy", "qalasynda", "aýyl", "aýyly", "aýylynda",
    "memlekettik", "mektep", "mektebi", "jumys", "jumystary", "bwl", "búl", "qazaqtyń", "tıis",
    "arqyly", "kezinde", "keıin", "deıin", "ýaqyt",
})
# (left out on purpose: words Turkish or Uzbek share, e.g. "dedi", "edi", "eken", "bilim", "memleket")
# Kazakh's ы is written y (2018 alphabet and the ASCII spellings): "oryndyq", "synyp", "jyly".
# Between two consonants that y is rare in Turkish (which writes ı), Uzbek and English ("system").
_KAZAKH_LATIN_Y = re.compile(r"[bdfghjklmnpqrstvz]y[bdfghjklmnpqrstvz]", re.I)
# Turkmen Latin: ň and ž, which no Kazakh spelling uses (Kazakh writes ń/ñ and j); without them
# Turkmen would pass for Kazakh (ä, ý, "y" between consonants are both languages').
_TURKMEN_LATIN = frozenset("ňžŇŽ")
# Uzbek Latin: the ʻ (or its look-alikes) after o and g, absent from Kazakh spellings.
_UZBEK_LATIN = re.compile(r"[oOgG][ʻʼ'‘’`]")

# Kazakh in Arabic script marks front-vowel words with a hamza (ء / ٴ) and never uses Uyghur's
# ئ (vowel carrier), ې, ۆ, ۈ.
_KAZAKH_ARABIC_HAMZA = re.compile("[\u0621\u0674]")
_UYGHUR_ARABIC = re.compile("[\u0626\u06d0\u06c6\u06c8]")

# Uyghur in Cyrillic (Kazakhstan's Uyghur press, Almaty region): py3langid never learnt it and calls
# it Bashkir or Uzbek. It writes и where Kazakh writes ы/і after қ and ғ ("қилди", "йеғин" vs
# "қылды"), the genitive -ниң, and its own function words; it has none of Kazakh's і ұ, Bashkir's
# ҡ ҙ ҫ, Uzbek's ў or Tajik's ӣ ӯ ҷ. Tatar shares җ but has no қ ғ.
_UYGHUR_CYRILLIC_WORD = re.compile(r"[қғ]и|ниң$|идики|^(?:вә|билән|үчүн|бойичә|арқилиқ|һәмдә|йеңи|йез[аи]\w*|"
                                   r"жил[идн]\w*|наһий\w*|вилай[иә]?т\w*|җумһурий[иә]?т\w*)$", re.IGNORECASE)
_NOT_UYGHUR_CYRILLIC = frozenset("іұҡҙҫўӣӯҷІҰҠҘҪЎӢӮҶ")
# ...and, unlike Uzbek (which shares қи, ғи), the vowels ә ө ү and һ ң җ in many words
_LETTERS_UZBEK_LACKS = frozenset("әөүһңҗӘӨҮҺҢҖ")
_UYGHUR_MIN_SHARE = 0.1      # of the words; the gold set's Kazakh, Kyrgyz and Tatar passages score 0
_NO_Y_TURKIC = frozenset("ыЫ")
_UYGHUR_NOT_KYRGYZ = frozenset("әһқғҗӘҺҚҒҖ")
_UYGHUR_NO_Y_MIN_WORDS = 8

# The model reads this many characters at most: its answer is settled long before, and its cost
# grows with the length (3,000 characters take ~2.5 ms, 1,000 under 1 ms).
MODEL_SAMPLE = 1000
_TURKIC_CYRILLIC = frozenset({"kk", "ky", "tt", "ba", "uz", "tg", "mn"})
# Cyrillic languages the model offers that are not this region's, by the letters each writes and
# Russian (or Tatar) does not; without any of them the text is the region's language. Bulgarian
# writes ъ as a vowel and never ы э.
# {label: (its own letters, the label without them)}
_FOREIGN_CYRILLIC = {"uk": (frozenset("іїєґІЇЄҐ"), "ru"), "be": (frozenset("ўіЎІ"), "ru"),
                     "sr": (frozenset("ђјљњћџЂЈЉЊЋЏ"), "ru"), "mk": (frozenset("ѓќѕјљњџЃЌЅЈЉЊЏ"), "ru"),
                     "bg": (frozenset("ъЪ"), "ru"), "ba": (frozenset("ҡҙҫҠҘҪ"), "tt")}


@lru_cache(maxsize=1)
def _model():
    """py3langid's identifier with probabilities normalised, loaded once per process (~0.3 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _model_top(text: str) -> tuple[str, float]:
    """The model's best label and its probability (``classify`` skips ranking all 140 classes)."""
    label, p = _model().classify(text[:MODEL_SAMPLE])
    return label, float(p)


def _share(words: list[str], letters: frozenset[str]) -> float:
    """Share of words carrying at least one of ``letters``: one proper name does not move it."""
    if not words:
        return 0.0
    return sum(1 for w in words if not letters.isdisjoint(w)) / len(words)


def _kazakh_latin_score(words: list[str]) -> float:
    """Share of words that are Kazakh by their marks or by being a frequent Kazakh word."""
    if not words:
        return 0.0
    hits = sum(1 for w in words if w.lower() in KAZAKH_LATIN_WORDS or not KAZAKH_LATIN_MARKS.isdisjoint(w)
               or _KAZAKH_LATIN_Y.search(w))
    return hits / len(words)


# The plain cases need no model (and its ~100 MB in each worker never loads): Kazakh prose has a
# letter of its own (ғ қ ұ і) in a large share of its words, and no Russian or Ukrainian function
# words; the neighbours that share letters with it show their own (Uzbek ў ҳ, Bashkir ҙ ҫ, Tatar җ,
# Ukrainian ї є ґ).
_KAZAKH_OWN_LETTERS = frozenset("ғқұіҒҚҰІ")
_KAZAKH_I_U = frozenset("іұІҰ")
_NOT_KAZAKH_LETTERS = frozenset("ўҳҙҫҗїєґЎҲҘҪҖЇЄҐ")
_SLAVIC_FUNCTION_WORDS = frozenset({"и", "в", "на", "с", "по", "что", "не", "для", "из", "от", "к", "о",
                                    "і", "та", "що", "у", "до", "за"})
# Measured on the gold set: Russian passages with Kazakh names reach 0.33 of their words on six
# words; Kazakh article text sits at 0.4-0.8. Short texts go to the model.
FAST_KAZAKH_SHARE = 0.35
FAST_MIN_WORDS = 12
FAST_SLAVIC_SHARE = 0.03


def _plainly_kazakh(text: str, words: list[str]) -> bool:
    # і and ұ: Kazakh letters no Uzbek text has (Uzbek shares ғ қ)
    if len(words) < FAST_MIN_WORDS or not _NOT_KAZAKH_LETTERS.isdisjoint(text) or _KAZAKH_I_U.isdisjoint(text):
        return False
    slavic = sum(1 for w in words if w.lower() in _SLAVIC_FUNCTION_WORDS) / len(words)
    return slavic < FAST_SLAVIC_SHARE and _share(words, _KAZAKH_OWN_LETTERS) >= FAST_KAZAKH_SHARE


# Russian written with no letter outside the Russian alphabet, with ы or э (which Bulgarian, the
# other language written so, lacks), and with Russian function words: Mongolian also writes ы and
# э, and a passage of it may carry none of its ө ү ("Хотын дарга нээлтийн ёслолд оролцов").
_RUSSIAN_ONLY = re.compile(r"[^\W\d_а-яёА-ЯЁ]")
_RUSSIAN_OWN = frozenset("ыэЫЭ")
_RUSSIAN_FUNCTION_WORDS = frozenset({"и", "в", "во", "на", "с", "со", "по", "что", "не", "для", "из", "от",
                                     "к", "о", "об", "это", "как", "а", "но", "при", "также", "его", "их"})
FAST_RUSSIAN_FUNCTION_WORDS = 2


def _plainly_russian(text: str, words: list[str]) -> bool:
    return (len(words) >= FAST_MIN_WORDS and not _RUSSIAN_OWN.isdisjoint(text)
            and _RUSSIAN_ONLY.search(" ".join(words)) is None
            and sum(1 for w in words if w.lower() in _RUSSIAN_FUNCTION_WORDS) >= FAST_RUSSIAN_FUNCTION_WORDS)


def _plainly_uyghur(text: str, words: list[str]) -> bool:
    if not words or not _NOT_UYGHUR_CYRILLIC.isdisjoint(text):
        return False
    if _share(words, _LETTERS_UZBEK_LACKS) < _UYGHUR_MIN_SHARE:
        return False
    marked = sum(1 for w in words if _UYGHUR_CYRILLIC_WORD.search(w))
    if marked >= 2 and marked / len(words) >= _UYGHUR_MIN_SHARE:
        return True
    # Uyghur's alphabet has no ы, which Kazakh, Kyrgyz, Tatar and Bashkir write in most sentences
    # ("ечилди", "қатнашти": Kazakh "ашылды", "қатысты"). A Kyrgyz or Mongolian sentence can lack
    # it too, but neither writes ә һ қ ғ.
    return (len(words) >= _UYGHUR_NO_Y_MIN_WORDS and _NO_Y_TURKIC.isdisjoint(text)
            and _share(words, _UYGHUR_NOT_KYRGYZ) >= _UYGHUR_MIN_SHARE)


def _cyrillic(text: str, words: list[str]) -> tuple[str, float]:
    if _plainly_kazakh(text, words):
        return "kk", 0.99
    if _plainly_russian(text, words):
        return "ru", 0.99
    label, p = _model_top(text)
    if label in _TURKIC_CYRILLIC and _plainly_uyghur(text, words):
        return "ug", 0.9
    if _share(words, UZBEK_CYRILLIC) > 0.05 and _share(words, _LETTERS_UZBEK_LACKS) >= 0.1 and label != "ru":
        # ў with ә ө ү ң, which Uzbek lacks: Karakalpak (Nukus), a language of its own
        return "kaa", 0.8
    if _share(words, TAJIK_CYRILLIC) > 0.05 or (not TAJIK_CYRILLIC.isdisjoint(text) and _UZBEK_OWN.isdisjoint(text)):
        # Tajik shares ҳ ғ қ with Uzbek; its own ҷ ӣ ӯ without Uzbek's ў say Tajik
        return "tg", max(p, 0.9) if label == "tg" else 0.9
    if label == "uz" or (_share(words, UZBEK_CYRILLIC) > 0.05 and label in ("kk", "tg", "ru")):
        return "uz-Cyrl", p if label == "uz" else 0.8
    if label in _FOREIGN_CYRILLIC and _FOREIGN_CYRILLIC[label][0].isdisjoint(text):
        # Short text: the model reaches for a language whose own letters the text does not have
        # (Russian read as Bulgarian or Serbian, Tatar as Bashkir); take the region's language
        return _FOREIGN_CYRILLIC[label][1], p
    marked = _share(words, KAZAKH_CYRILLIC)
    if label in _TURKIC_CYRILLIC and marked < 0.5:
        # Names written in Kazakh ("Қонаев", "«Қазақстан халқына»") pull the model towards Kazakh.
        # Read the text again without the words that carry Kazakh letters: a Russian text stays
        # Russian, a Turkic one keeps its suffixes and function words and stays Turkic.
        rest = " ".join(w for w in words if KAZAKH_CYRILLIC.isdisjoint(w))
        if len(rest.split()) >= 3:
            again, q = _model_top(rest)
            if again == "ru" and q > 0.5:
                return "ru", q
    return label, p


def _latin(text: str, words: list[str]) -> tuple[str, float]:
    if _share(words, _TURKMEN_LATIN) >= 0.05:
        return "tk", 0.9
    kazakh = _kazakh_latin_score(words)
    uzbek = len(_UZBEK_LATIN.findall(text)) / max(1, len(words))
    if kazakh > 0.08 and uzbek < 0.02:
        return "kk-Latn", min(1.0, 0.5 + kazakh)
    label, p = _model_top(text)
    if label in ("tk", "crh", "kk", "kaa") and kazakh > 0.03:
        # py3langid has no Latin-script Kazakh: its nearest classes are Turkmen, Crimean Tatar, Karakalpak.
        return "kk-Latn", 0.6
    return label, p


def _arabic(text: str) -> tuple[str, float]:
    kazakh, uyghur = len(_KAZAKH_ARABIC_HAMZA.findall(text)), len(_UYGHUR_ARABIC.findall(text))
    if kazakh > uyghur:
        return "kk-Arab", 0.9
    if uyghur:
        return "ug", 0.95
    return _model_top(text)          # Arabic, Persian, Urdu...: the model tells them apart


def _east_asian(text: str, letters: int) -> tuple[str | None, float] | None:
    """Chinese, Japanese or Korean by script when their characters are most of the letters: any kana
    makes it Japanese (its kanji are Han too), hangul Korean. None for any other text."""
    han, kana, hangul = (len(rx.findall(text)) for rx in (_HAN, _KANA, _HANGUL))
    if not letters or (han + kana + hangul) * 2 <= letters:
        return None
    if han + kana + hangul < MIN_CJK_CHARS:
        return None, 0.0
    if hangul > kana:
        return "ko", 0.95
    return ("ja", 0.95) if kana else ("zh", 0.95)


def identify_language(text: str, sample: int = 4000) -> tuple[str | None, float]:
    """``(label, confidence in [0, 1])`` for ``text``; ``(None, 0.0)`` when there is too little text.

    Only the first ``sample`` characters are read: an article's language is settled by then, and the
    cost stays flat on long pages."""
    text = (text or "")[:min(sample, SCRIPT_SAMPLE)]
    letters = len(_LETTER.findall(text))
    cjk = _east_asian(text, letters)
    if cjk is not None:
        return cjk
    if letters < MIN_LETTERS:
        return None, 0.0
    cyrillic = len(_CYRILLIC.findall(text))
    arabic = len(_ARABIC.findall(text))
    words = _WORD.findall(text)
    if cyrillic / letters > 0.5:
        return _cyrillic(text, [w for w in words if _CYRILLIC.search(w)])
    if arabic / letters > 0.5:
        return _arabic(text)
    if cyrillic + arabic < letters / 2:
        return _latin(text, words)
    label, p = _model_top(text)          # no script holds a majority: let the model vote
    return label, p


def detect_language(text: str, sample: int = 4000) -> str | None:
    """Best guess for ``text`` (one of ``LABELS`` or another language's code); ``None`` when there is
    too little text to tell. The pipeline stores this in ``articles.language``."""
    return identify_language(text, sample)[0]
