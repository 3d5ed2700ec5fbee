"""Word tables for date parsing: months, weekdays, relative words and fillers.

Every entry is written in natural spelling and goes through the shared letter fold
(:func:`crawler.text.fold`) once at import, as page words do when they are parsed, so
"қараша", "караша", "qarasha" and "قاراشا" are one table entry.

Kazakh is agglutinative: "қарашада", "қарашадағы", "наурызынан", "qarashaǵa". Month stems are
therefore also matched as a prefix followed by a whitelisted case ending with the right vowel harmony
(:func:`kk_month`), which keeps Russian "Казани" (the city, genitive) from reading as October.
"""

from __future__ import annotations

from crawler.text import fold

# Eastern Arabic and Persian digits -> ASCII, so one [0-9] regex serves all scripts.
DIGITS = {0x660 + i: str(i) for i in range(10)} | {0x6F0 + i: str(i) for i in range(10)}
DIGITS |= {ord("،"): ",", ord("\xa0"): " ", ord("\u202f"): " ", ord("\u2009"): " "}

# --- months --------------------------------------------------------------------------------------

# Kazakh stems: (month, back_vowel_harmony, spellings). Declined forms are matched by kk_month().
_KK_MONTHS = [
    (1, True, ["қаңтар", "qańtar", "qantar", "qaŋtar", "قاڭتار"]),
    (2, True, ["ақпан", "aqpan", "اقپان"]),
    (3, True, ["наурыз", "naýryz", "nauryz", "nawryz", "ناۋرىز"]),
    (4, False, ["сәуір", "säuır", "sáýir", "sauir", "sawir", "сэуір", "ٴساۋىر", "ساۋىر"]),
    (5, True, ["мамыр", "mamyr", "مامىر"]),
    (6, True, ["маусым", "maýsym", "mausym", "mawsym", "ماۋسىم"]),
    (7, False, ["шілде", "şılde", "shilde", "ٴشىلدە", "شىلدە"]),
    (8, True, ["тамыз", "tamyz", "تامىز"]),
    (9, False, ["қыркүйек", "qyrkúıek", "qyrkuiek", "qyrkuyek", "qırküyek", "قىركۇيەك"]),
    # к -> г before a vowel ending: "қыркүйегі", "қыркүйегінен"; only valid with an ending.
    (9, False, ["қыркүйег", "qyrkúıeg", "qyrkuieg", "قىركۇيەگ"]),
    (10, True, ["қазан", "qazan", "قازان"]),
    (11, True, ["қараша", "qarasha", "qaraşa", "قاراشا"]),
    (12, True, ["желтоқсан", "jeltoqsan", "zheltoqsan", "jeltoksan", "جەلتوقسان"]),
]
# Full forms in other languages (each listed form is matched exactly, after the fold).
_OTHER_MONTHS = {
    1: "январь января январе янв январ yanvar гыйнвар january jan januar jänner janvier janv enero ene "
       "janeiro gennaio ocak січня січень styczeń stycznia leden ledna",
    2: "февраль февраля феврале фев февр феврал fevral february feb februar février févr fev febrero "
       "fevereiro febbraio şubat лютого лютий luty lutego únor února",
    3: "март марта марте мар mart march mar märz marz mars marzo março berezen березня березень "
       "marzec marca březen března",
    4: "апрель апреля апреле апр апрел aprel april apr avril abril aprile nisan квітня квітень "
       "kwiecień kwietnia duben dubna",
    5: "май мая мае may mai mayo maio maggio mayıs травня травень maj maja květen května",
    6: "июнь июня июне июн iyun june jun juni juin junio junho giugno haziran червня червень "
       "czerwiec czerwca červen června",
    7: "июль июля июле июл iyul july jul juli juillet juil julio julho luglio temmuz липня липень "
       "lipiec lipca červenec července",
    8: "август августа августе авг avgust august aug août aout agosto ağustos серпня серпень "
       "sierpień sierpnia srpen srpna",
    9: "сентябрь сентября сентябре сен сент сентябр sentyabr sentabr september sep sept septembre "
       "septiembre setiembre setembro set settembre eylül вересня вересень wrzesień września září",
    10: "октябрь октября октябре окт октябр oktyabr oktabr october oct oktober octobre octubre outubro "
        "ottobre ekim жовтня жовтень październik października říjen října",
    11: "ноябрь ноября ноябре ноя нояб ноябр noyabr november nov novembre noviembre novembro kasım "
        "листопада листопад listopad listopadu",
    12: "декабрь декабря декабре дек декабр dekabr december dec dezember décembre decembre diciembre "
        "dezembro dez dicembre aralık грудня грудень grudzień grudnia prosinec prosince",
}
# Arabic-language month names (Egypt/Gulf and Levant), found on Arabic pages of the benchmark sets.
_ARABIC_MONTHS = {1: "يناير", 2: "فبراير شباط", 3: "مارس آذار", 4: "أبريل إبريل نيسان", 5: "مايو أيار",
                  6: "يونيو حزيران", 7: "يوليو تموز", 8: "أغسطس آب", 9: "سبتمبر أيلول", 10: "أكتوبر",
                  11: "نوفمبر", 12: "ديسمبر"}
# Kazakh abbreviations some sites print ("23 қар. 2024", "8 желт. 2025").
_KK_ABBR = {1: "қаң қаңт", 2: "ақп", 3: "нау наур", 4: "сәу", 5: "мам", 6: "мау", 7: "шіл", 8: "там",
            9: "қыр қырк", 10: "қаз", 11: "қар", 12: "жел желт"}

# Kazakh case endings that attach to a month name, split by vowel harmony (after the fold).
_KK_SUFFIX_BACK = ("а ы сы ын н ны ды ты ның дың тың ға қа на да та нда дағы тағы ндағы нан дан тан "
                   "мен бен пен ына ында ындағы ынан ының ымен ғы қы")
_KK_SUFFIX_FRONT = ("е і сі ін н ні ді ті нің дің тің ге ке не де те нде дегі тегі ндегі нен ден тен "
                    "мен бен пен іне інде індегі інен інің імен гі кі")


def _f_all(words) -> set[str]:
    return {fold(w) for w in (words.split() if isinstance(words, str) else words)}


# Russian month names with Kazakh or Kyrgyz case endings ("5 мартта", "1 августан бастап",
# "2024-жылдын 5-марты"): the stems whose last vowel makes the harmony plain (back).
_RU_STEMS_DECLINED = [(1, True, ["январ"]), (2, True, ["феврал"]), (3, True, ["март"]), (5, True, ["май"]),
                      (6, True, ["июн"]), (7, True, ["июл"]), (8, True, ["август"])]

MONTHS: dict[str, int] = {}
KK_STEMS: dict[str, tuple[int, bool]] = {}
for _m, _back, _forms in _RU_STEMS_DECLINED:
    for _w in _forms:
        KK_STEMS[fold(_w)] = (_m, _back)
for _m, _back, _forms in _KK_MONTHS:
    for _w in _forms:
        if not _w.endswith(("ег", "eg", "ەگ")):
            MONTHS[fold(_w)] = _m
        KK_STEMS[fold(_w)] = (_m, _back)
for _m, _words in _OTHER_MONTHS.items():
    for _w in _f_all(_words):
        MONTHS.setdefault(_w, _m)
for _m, _words in _ARABIC_MONTHS.items():
    for _w in _f_all(_words):
        MONTHS.setdefault(_w, _m)
for _m, _words in _KK_ABBR.items():
    for _w in _f_all(_words):
        MONTHS.setdefault(_w, _m)
SUFFIX_BACK = _f_all(_KK_SUFFIX_BACK)
SUFFIX_FRONT = _f_all(_KK_SUFFIX_FRONT)
_STEM_LENGTHS = sorted({len(s) for s in KK_STEMS}, reverse=True)


def kk_month(word: str) -> int | None:
    """Month of a folded word that is a Kazakh month stem plus a case ending of matching harmony."""
    for n in _STEM_LENGTHS:
        if n >= len(word):
            continue
        hit = KK_STEMS.get(word[:n])
        if hit:
            month, back = hit
            if word[n:] in (SUFFIX_BACK if back else SUFFIX_FRONT):
                return month
    return None


def month_of(word: str) -> int | None:
    """Month number of a folded word, declined Kazakh forms included."""
    m = MONTHS.get(word)
    if m is None and len(word) > 4:
        m = kk_month(word)
    return m


# --- weekdays (0 = Monday) -----------------------------------------------------------------------
_WEEKDAYS = [
    "дүйсенбі düısenbi dúısenbi duisenbi понедельник пн пон monday mon montag lundi lunes dushanba "
    "душанба понеділок pazartesi",
    "сейсенбі seısenbi seisenbi вторник вт tuesday tue tues dienstag mardi martes seshanba сешанба "
    "вівторок salı",
    "сәрсенбі sársenbi sarsenbi среда ср среду wednesday wed mittwoch mercredi miércoles chorshanba "
    "чоршанба середа çarşamba",
    "бейсенбі beısenbi beisenbi четверг чт thursday thu thurs donnerstag jeudi jueves payshanba "
    "пайшанба четвер perşembe",
    "жұма juma пятница пт пятн friday fri freitag vendredi viernes жума п'ятниця cuma",
    "сенбі senbi суббота сб субб saturday sat samstag samedi sábado shanba шанба субота cumartesi",
    "жексенбі jeksenbi жексенби воскресенье вс воскр sunday sun sonntag dimanche domingo yakshanba якшанба "
    "неділя pazar",
]
_WEEKDAYS_ARABIC = ["دۇيسەنبى", "سەيسەنبى", "ٴسارسەنبى", "بەيسەنبى", "جۇما", "سەنبى", "جەكسەنبى"]
WEEKDAYS: dict[str, int] = {w: i for i, words in enumerate(_WEEKDAYS) for w in _f_all(words)}
WEEKDAYS |= {fold(w): i for i, w in enumerate(_WEEKDAYS_ARABIC)}

# --- relative expressions ------------------------------------------------------------------------
# Day words: how many calendar days before the crawl date.
DAY_WORDS: dict[str, int] = {}
# (Kyrgyz бүгүн/кечээ, Tatar бүген/кичә, Turkish bugün/dün beside Kazakh, Russian and Uzbek.)
for _n, _words in ((0, "бүгін búgin bugin بۇگىن сегодня today bugun бугун бүгүн бүген bugün heute "
                       "aujourd'hui hoy сьогодні"),
                   (1, "кеше keshe كەشە вчера yesterday kecha кеча кечээ кичә dün gestern hier ayer вчора"),
                   (2, "позавчера позавчора vorgestern")):
    DAY_WORDS.update(dict.fromkeys(_f_all(_words), _n))
# Two-word day phrases: "алдыңғы күні" (the day before yesterday).
DAY_PHRASES: dict[tuple[str, str], int] = {(fold("алдыңғы"), fold("күні")): 2,
                                          (fold("aldyńǵy"), fold("kúni")): 2}
# "Just now": the crawl time itself.
NOW_PHRASES = {tuple(fold(w) for w in p.split()) for p in (
    "жаңа ғана", "jańa ǵana", "только что", "just now", "щойно", "hozirgina", "ҳозиргина")}
# Units: seconds, minutes and hours are elapsed time; days, weeks, months, years are calendar steps.
_UNITS = {
    "second": "секунд секунду секунды сек sekund sekýnd second seconds sec secs s soniya сония "
              "секунди",
    "minute": "минут минуту минуты мин minut mınýt minute minutes min mins daqiqa дақиқа хвилин "
              "хвилину хвилини хв мүнөт dakika",
    "hour": "сағат сағ saǵat sagat час часа часов ч hour hours hr hrs h soat соат годину години годин "
            "саат сәгать saat",
    "day": "күн kún kun день дня дней дн day days кун днів дні",
    "week": "апта apta неделю недели недель нед week weeks hafta ҳафта тиждень тижні тижнів",
    "month": "ай aı ai месяц месяца месяцев мес month months oy ой місяць місяці місяців",
    "year": "жыл jyl год года лет year years yil йил рік роки років",
}
UNITS: dict[str, str] = {w: unit for unit, words in _UNITS.items() for w in _f_all(words)}
AGO_WORDS = _f_all("бұрын buryn назад ago oldin олдин avval аввал ilgari илгари тому önce мурун элек")
HALF_HOUR = _f_all("полчаса півгодини")
NUMBER_WORDS: dict[str, int] = {}
for _n, _words in enumerate([
        "", "бір bir один одна одну one a an один одну", "екі eki два две two ikki икки дві",
        "үш úsh ush три three uch уч", "төрт tórt tort четыре four tört тўрт чотири",
        "бес bes пять five besh беш пʼять", "алты alty шесть six olti шість",
        "жеті jeti семь seven yetti сім", "сегіз segiz восемь eight sakkiz вісім",
        "тоғыз toǵyz девять nine toqqiz девʼять", "он on десять ten o'n десять"]):
    NUMBER_WORDS.update(dict.fromkeys(_f_all(_words) if _words else (), _n))

# --- words that may sit inside a date expression -------------------------------------------------
# After a year: "2024 жылғы", "2024 ж.", "2024 г.", "2024 года", "2017 йил", "2020 року".
YEAR_MARKERS = _f_all("жылғы жылдың жылы жыл ж jylǵy jyldyń jyly jyl г года год гг йил йилнинг yil "
                      "yilning yılı року р жылдын жылдагы елның елны")   # Kyrgyz, Tatar
# Between day, month and year: Spanish/Portuguese "de", English "of", Kazakh "айы/айының" (month of),
# "күні" (the day of: "5 наурыз күні, 2024 жыл").
INNER_FILLERS = _f_all("de del of the айы айының айында айдағы ай aıy aıynyń күні kúni küni")
# Ordinal endings after a day number: "27th", "23-го", "23-і", Kazakh "8-ші", "6-шы", "1-інші".
ORDINALS = _f_all("st nd rd th го е і ы сі сы ші шы нші ншы інші ыншы er ème")
# am/pm marks after a time.
AM_WORDS = _f_all("am a.m")
PM_WORDS = _f_all("pm p.m")


def _check_tables() -> None:
    """Fail at import if two tables claim the same folded word (a silent mis-parse otherwise)."""
    tables = {"month": MONTHS, "weekday": WEEKDAYS, "day": DAY_WORDS, "unit": UNITS,
              "ago": dict.fromkeys(AGO_WORDS), "year": dict.fromkeys(YEAR_MARKERS)}
    seen: dict[str, str] = {}
    allowed = {frozenset({"unit", "year"})}  # "год"/"жыл" are both the unit and the year marker
    for name, table in tables.items():
        for word in table:
            other = seen.setdefault(word, name)
            if other != name and frozenset({other, name}) not in allowed:
                raise RuntimeError(f"date vocabulary clash: {word!r} is both {other} and {name}")


_check_tables()
