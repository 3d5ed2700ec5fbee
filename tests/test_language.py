"""Language identification: the rules case by case, and the gold set's targets (issue 15).

Targets on tests/fixtures/language/gold.jsonl: >= 99% on kk, kk-Latn and ru, >= 95% on every
neighbour (en, ky, tt, ug, uz, uz-Cyrl, tr). `scripts/eval_language.py` prints the full table.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from crawler.language import LABELS, detect_language, identify_language

GOLD = Path(__file__).parent / "fixtures" / "language" / "gold.jsonl"
TARGETS = {"kk": 0.99, "kk-Latn": 0.99, "ru": 0.99,
           "en": 0.95, "ky": 0.95, "tt": 0.95, "ug": 0.95, "uz": 0.95, "uz-Cyrl": 0.95, "tr": 0.95}

# (text, expected label, why). Real sentences from the gold set's sources unless marked otherwise.
CASES = [
    ("Алматы облысында ауыл әкімдерінің алғашқы форумы өтті. Іс-шара партиясының бастамасымен ұйымдастырылды.",
     "kk", "Kazakh Cyrillic (the old test's sentence)"),
    ("В городе Қонаев открыта аллея \"Достық\"", "ru", "Russian title with two Kazakh names"),
    ("Фонд «Қазақстан халқына» окажет помощь жителям Костанайской области", "ru",
     "Russian title quoting a Kazakh fund name: the model alone says kk"),
    ("Aqtóbe oblysynda jańa mektep ashyldy. Ákimdik bıyl úsh nysandy paıdalanýǵa berdi.",
     "kk-Latn", "2018 acute alphabet"),
    ("Bwğan qosa, mäjilis 25 qazan Respublika künin qaytarıp, wlttıq mereke statusın berdi.",
     "kk-Latn", "qazaqtimes.com spelling: Turkish-looking letters, Kazakh words"),
    ("300 oryndyq mektepte 700 bala bilim alady. Synyp kabınetteri jetispeıdi.",
     "kk-Latn", "no acute letter: the y of Kazakh ы between consonants decides"),
    ("Halk burada çifte standart olduğunu görüyor\" dedi.", "tr", "Turkish 'dedi' is not Kazakh evidence"),
    ("Oʻzbekistonda yil boshidan beri soliq tushumlari qanday oʻzgargani tahlil qilindi.", "uz",
     "Uzbek Latin: oʻ"),
    ("Инсон ҳуқуқларини менсимаслик ва оёқ‐ости қилиш одамзод виждонини ўртаётган ваҳшийларча қилмишларга олиб келди.",
     "uz-Cyrl", "Uzbek Cyrillic: ў ҳ"),
    ("Таласта жер тилкелерин берүүгө байланыштуу мыйзам бузуулар аныкталды.", "ky", "Kyrgyz: ү without ә ғ қ ұ і"),
    ("Коронавирустан саклануның төп ысулы вакцинация булып тора — башка юл юк.", "tt", "Tatar"),
    ("بۇ بۆلەكتىكى تېكىستلەرنى ئوقۇش ئارقىلىق، كىشىلەرنىڭ ھايۋانلار ۋە ئۆسۈملۈكلەرگە قانداق مۇئامىلە قىلغانلىقى",
     "ug", "Uyghur Arabic script: ئ ې ۆ ۈ"),
    ("انا ءتىلىن ابايدىڭ ءتىلى دەپ ءجۇرمىز. انا ءتىلى ابايدىڭ ءتىلى عانا ەمەس",
     "kk-Arab", "Kazakh tote script (abai.kz/tt): hamza, no ئ"),
    # Uyghur in Cyrillic, as Kazakhstan's Uyghur papers print it (written for this test: no public
    # corpus of it was found; py3langid alone calls these Bashkir or Uzbek)
    ("Алмута вилайитиниң Уйғур наһийисидә йеңи мәктәп ечилди. Мәктәптә үч йүз оқуғучи билим алиду.",
     "ug", "Uyghur Cyrillic: genitive -ниң, наһийә"),
    ("Қазақстан Җумһурийитиниң Президенти бүгүн Алмута шәһиригә кәлди вә хәлиқ билән учрашти.",
     "ug", "Uyghur Cyrillic: вә, билән, җ"),
    ("Бу жили вилайәттә он икки йеңи балилар бағчиси селинип, пайдилинишқа берилиду.",
     "ug", "Uyghur Cyrillic the model calls Uzbek: ә, ү where Uzbek has none"),
    ("Уйғур тилидики гезит йүз жилдин бери оқурмәнләр билән биллә болуп кәлмәктә.",
     "ug", "Uyghur Cyrillic: -идики, жил"),
    ("Қазақстан әскері жаңа заң бойынша жаттығу өткізді.", "kk", "short Kazakh, no Uyghur marks"),
    ("Türkmenistanyň Prezidenti şu gün ýurdumyzyň günorta sebitlerine iş sapary bilen bardy we ýaşaýjylar "
     "bilen duşuşdy.", "tk", "Turkmen Latin: ň, not Kazakh for its ä and ý (written for this test)"),
    ("Нөкис қаласында жаңа мектеп ашылды. Мектепте 1200 оқыўшы билим алады.", "kaa",
     "Karakalpak Cyrillic: ў beside ә ө ү ң, not Uzbek (written for this test)"),
    # The region's other neighbours (written for this test)
    ("Дар шаҳри Душанбе мулоқоти сарони давлатҳои Осиёи Марказӣ баргузор гардид. Президенти Ҷумҳурии "
     "Тоҷикистон дар ин ҷаласа суханронӣ кард.", "tg", "Tajik: ҷ ӣ ӯ, not Uzbek for its ҳ"),
    ("Тошкентда янги мактаб очилди. Унда мингдан ортиқ ўқувчи таҳсил олади.", "uz-Cyrl",
     "Uzbek Cyrillic: ў ҳ without Tajik's ҷ ӣ ӯ"),
    ("Дар шаҳри Душанбе мактаби нав кушода шуд. Дар мактаб зиёда аз панҷсад хонанда таҳсил мекунанд. "
     "Раиси шаҳр дар маросими ифтитоҳ ширкат варзид.", "tg", "Tajik with one ҷ: no ў, so not Uzbek"),
    ("Улаанбаатар хотод шинэ сургууль нээгдлээ. Тус сургуульд таван зуу гаруй сурагч суралцана. "
     "Хотын дарга нээлтийн ёслолд оролцов.", "mn", "Mongolian without ө ү: ы э but no Russian function word"),
    ("Алмута шәһиридә йеңи мәктәп ечилди. Мәктәптә бәш йүздин ошуқ оқуғучи билим алиду. Шәһәр һакими "
     "тәнтәнилик мурасимға қатнашти.", "ug", "Uyghur Cyrillic: ә һ қ ғ and no ы"),
    ("Эзүүчү болобу, капиталисти болобу, көзүнө карабай, ак эмгегиң менен нан таап же десең!", "ky",
     "Kyrgyz with no ы is not Uyghur: no ә һ қ ғ (UD Kyrgyz-KTMU, in the gold set)"),
    ("Өфөлә яңы мәктәп асылды. Унда биш йөҙҙән ашыу уҡыусы белем аласаҡ. Ҡала хакимиәте башлығы тантаналы "
     "сарала ҡатнашты.", "ba", "Bashkir: ҡ ҙ"),
    # Short text the model gives to a language whose own letters it lacks (cut gold passages)
    ("За последние 150 лет", "ru", "short Russian the model calls Macedonian: no ѓ ќ ѕ ј љ њ џ"),
    ("Торжества начались", "ru", "short Russian the model calls Bulgarian: no ъ"),
    ("На севере бановина", "ru", "short Russian the model calls Serbian: no ђ ј љ њ ћ џ"),
    ("Хелен Луз родилась", "ru", "short Russian the model calls Ukrainian: no і ї є ґ"),
    ("Эчтәлек шулай ук", "tt", "short Tatar the model calls Bashkir: no ҡ ҙ ҫ"),
    ("У Києві відкрили бібліотеку", "uk", "Ukrainian with its і ї stays Ukrainian"),
    ("阿拉木图市今天举行了地区发展会议，来自各州的代表参加了会议。", "zh", "Chinese (py3langid: wuu)"),
    ("今日は東京で会議が開かれました。", "ja", "Japanese: kana beside kanji, 15 characters"),
    ("서울에서 회의가 열렸습니다.", "ko", "Korean: hangul"),
    ("北京 上海", None, "too few Han characters"),
    ("The council approved the new budget for road repairs in the region this week.", "en", "English"),
    ("Der Gemeinderat hat heute den neuen Haushalt für die Straßenreparaturen beschlossen.", "de",
     "another language keeps its own code (written for this test)"),
    ("12 345", None, "too few letters"),
    ("", None, "empty"),
]


@pytest.mark.parametrize("text, expected, why", CASES, ids=[c[2] for c in CASES])
def test_rules(text, expected, why):
    assert detect_language(text) == expected, why


@pytest.mark.parametrize("text, expected, why", CASES, ids=[c[2] for c in CASES])
def test_identify_gives_the_same_label_with_a_confidence(text, expected, why):
    label, confidence = identify_language(text)
    assert label == expected
    assert 0.0 <= confidence <= 1.0
    assert (confidence == 0.0) == (label is None)


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]


def test_gold_set_shape():
    rows = _gold()
    counts = Counter(r["lang"] for r in rows)
    assert set(counts) == set(TARGETS)
    assert min(counts.values()) >= 50, counts
    assert all(r["lang"] in LABELS and r["text"] and r["source"] for r in rows)
    assert GOLD.stat().st_size < 400_000
    # the hard Russian cases are in: Russian passages that spell Kazakh names with Kazakh letters
    assert sum(1 for r in rows if r["lang"] == "ru" and any(c in r["text"] for c in "әғқңөұүһі")) >= 14


def test_gold_set_targets():
    right, total = Counter(), Counter()
    for row in _gold():
        total[row["lang"]] += 1
        right[row["lang"]] += detect_language(row["text"]) == row["lang"]
    accuracy = {lang: right[lang] / total[lang] for lang in total}
    failing = {lang: round(acc, 3) for lang, acc in accuracy.items() if acc < TARGETS[lang]}
    assert not failing, f"below target: {failing}"


def test_plain_kazakh_and_russian_articles_are_told_without_loading_the_model():
    """The model costs ~100 MB in every worker and ~1 ms a call: article-length prose in plain Kazakh
    or Russian is decided by the rules; a short Russian line with Kazakh names is not."""
    import subprocess
    import sys

    code = (
        "from crawler.language import _model, detect_language\n"
        "kk = 'Аудан әкімдігі жаңа мектептің құрылысы келесі жылдың күзінде толық аяқталатынын бүгін хабарлады. ' * 3\n"
        "ru = 'Строительство новой школы в районе завершится следующей осенью, сообщили в акимате сегодня. ' * 3\n"
        "assert (detect_language(kk), detect_language(ru)) == ('kk', 'ru')\n"
        "assert _model.cache_info().currsize == 0, 'the model was loaded'\n"
        "assert detect_language('Фонд «Қазақстан халқына» окажет помощь жителям Костанайской области') == 'ru'\n"
        "assert _model.cache_info().currsize == 1\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
