"""Property tests (hypothesis) for normalize_date.

* any text never raises, and every value it returns parses back with ``datetime.fromisoformat``
  and ends in a ``±HH:MM`` offset;
* a generated calendar date, written in any supported language/format and wrapped in noise,
  comes back as that day at 00:00 (or the written time) with the Asia/Almaty offset of that instant;
* an explicit non-zero offset is kept; ``Z`` becomes Almaty time;
* relative input never lands after the crawl time and always carries Almaty's offset of its instant;
* impossible calendar days give None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crawler.dates import normalize_date

ALMATY = ZoneInfo("Asia/Almaty")
OFFSET = re.compile(r"[+-]\d{2}:\d{2}$")

KK = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
      "қараша", "желтоқсан"]
KK_LATN = ["qańtar", "aqpan", "naýryz", "sáýir", "mamyr", "maýsym", "shilde", "tamyz", "qyrkúıek", "qazan",
           "qarasha", "jeltoqsan"]
KK_LOC = ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
          "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"]
KK_ATTR = ["қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі",
           "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"]
RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]
RU_ABBR = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]

FORMATS = [
    lambda d: f"{d.day} {KK[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {KK[d.month - 1].capitalize()}, {d.year}",
    lambda d: f"{d.year} жылғы {d.day} {KK_ATTR[d.month - 1]}",
    lambda d: f"{d.year} жылдың {d.day} {KK_LOC[d.month - 1]}",
    lambda d: f"{d.year} ж. {d.day} {KK[d.month - 1]}",
    lambda d: f"{d.day} {KK_LATN[d.month - 1]} {d.year}",
    lambda d: f"{d.year} jylǵy {d.day} {KK_LATN[d.month - 1]}",
    lambda d: f"{d.day} {RU_GEN[d.month - 1]} {d.year} г.",
    lambda d: f"{d.day} {RU_ABBR[d.month - 1]} {d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}/{d.month}/{d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    lambda d: f"{EN[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
]
NOISE_BEFORE = ["", "Жарияланды: ", "Опубликовано: ", "Аймақтар • ", "Автор: Айгүл Сейітова | ", "Tarıh • "]
NOISE_AFTER = ["", " | Көрілім: 1 234", " 4236 рет көрсетілді", " | Просмотров: 512", " • 3375"]


def _valid_output(out: str) -> datetime:
    dt = datetime.fromisoformat(out)
    assert dt.tzinfo is not None and OFFSET.search(out), out
    return dt


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_garbage_never_raises(text):
    out = normalize_date(text)
    if out is not None:
        _valid_output(out)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .:/-,жылғы қараша ноября бұрын назад Кеше T Z+")),
               max_size=60),
       st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)))
def test_date_like_garbage_never_raises(text, crawl):
    out = normalize_date(text, crawl_time=crawl.replace(tzinfo=timezone.utc))
    if out is not None:
        _valid_output(out)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=50) | st.none() | st.integers() | st.floats(allow_nan=True))
def test_non_strings_give_none(value):
    assert normalize_date(value) is None


def _exists(wall: datetime) -> bool:
    """False for wall times a clock change skipped in Almaty (pre-2005 DST)."""
    aware = wall.replace(tzinfo=ALMATY)
    return aware.astimezone(timezone.utc).astimezone(ALMATY).replace(tzinfo=None) == wall


def test_skipped_wall_time_is_shown_as_the_instant_it_denotes():
    # 2000-03-26 02:00 did not exist in Almaty (clocks went 02:00 -> 03:00, +06 -> +07).
    assert normalize_date("26 наурыз 2000, 02:30") == "2000-03-26T03:30:00+07:00"


@settings(max_examples=600, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
       st.sampled_from(FORMATS), st.sampled_from(NOISE_BEFORE), st.sampled_from(NOISE_AFTER),
       st.none() | st.tuples(st.integers(0, 23), st.integers(0, 59)))
def test_generated_dates_round_trip(day, fmt, before, after, clock):
    text = before + fmt(day) + (f", {clock[0]:02d}:{clock[1]:02d}" if clock else "") + after
    out = normalize_date(text)
    assert out is not None, text
    dt = _valid_output(out)
    h, m = clock or (0, 0)
    wall = datetime(day.year, day.month, day.day, h, m)
    if _exists(wall):
        assert dt.replace(tzinfo=None) == wall, text
    else:  # skipped by a spring-forward: the same instant, shown in the real local time
        # compared as UTC instants: Python's == between zones is False for any wall time in a gap (PEP 495)
        assert dt.astimezone(timezone.utc) == wall.replace(tzinfo=ALMATY).astimezone(timezone.utc), text
    assert dt.utcoffset() == dt.astimezone(ALMATY).utcoffset(), text   # the offset of its instant


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
       st.integers(-12 * 60, 14 * 60).filter(lambda m: m != 0 and m % 15 == 0))
def test_explicit_offsets_kept_and_utc_converted(wall, offset_min):
    wall = wall.replace(microsecond=0)
    tz = timezone(timedelta(minutes=offset_min))
    text = wall.replace(tzinfo=tz).isoformat()
    out = normalize_date(text)
    assert out == wall.replace(tzinfo=tz).isoformat()
    z = normalize_date(wall.strftime("%Y-%m-%dT%H:%M:%SZ"))
    dt = _valid_output(z)
    assert dt == wall.replace(tzinfo=timezone.utc)
    assert dt.utcoffset() == dt.astimezone(ALMATY).utcoffset()


REL_UNITS = ["минут бұрын", "сағат бұрын", "күн бұрын", "апта бұрын", "ай бұрын", "минут назад",
             "часов назад", "дней назад", "недели назад", "месяца назад", "saǵat buryn", "kún buryn"]
REL_WORDS = ["Бүгін", "Кеше", "Сегодня", "Вчера", "Позавчера", "Жаңа ғана", "Только что", "Сейсенбі",
             "Пятница", "Жексенбі"]


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 12, 31),
                    timezones=st.sampled_from([timezone.utc, ALMATY, timezone(timedelta(hours=3))])),
       st.integers(0, 500), st.sampled_from(REL_UNITS))
def test_relative_amounts_never_after_crawl(crawl, n, unit):
    out = normalize_date(f"{n} {unit}", crawl_time=crawl)
    assert out is not None
    dt = _valid_output(out)
    assert dt <= crawl
    assert dt.utcoffset() == dt.astimezone(ALMATY).utcoffset()


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 12, 31),
                    timezones=st.sampled_from([timezone.utc, ALMATY])),
       st.sampled_from(REL_WORDS), st.none() | st.tuples(st.integers(0, 23), st.integers(0, 59)))
def test_relative_words_never_after_crawl(crawl, word, clock):
    text = word + (f", {clock[0]:02d}:{clock[1]:02d}" if clock else "")
    out = normalize_date(text, crawl_time=crawl)
    if out is None:   # "Бүгін, 23:50" crawled at 16:00, or a bare weekday without a time
        return
    dt = _valid_output(out)
    assert dt <= crawl
    assert dt.utcoffset() == dt.astimezone(ALMATY).utcoffset()


@settings(max_examples=300, deadline=None)
@given(st.integers(2000, 2040), st.integers(1, 12), st.integers(29, 35), st.sampled_from(FORMATS))
def test_impossible_days_are_none(year, month, day, fmt):
    try:
        date(year, month, day)
        assume(False)
    except ValueError:
        pass

    class Fake:   # a date-like holder, so the format lambdas can render an impossible day
        pass

    fake = Fake()
    fake.year, fake.month, fake.day = year, month, day
    assert normalize_date(fmt(fake)) is None


_MIXED_ALPHABET = "aeopcxyikmtbhqwzәеорсхуікмтвнқғңөұүһжшщъьыяёúýıǵńşİ'’ -.,!:\u00a0"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_MIXED_ALPHABET, max_size=60))
def test_fold_text_is_fold_of_every_word(text):
    """The one-pass line fold gives what folding word by word gives (look-alike letters fixed only
    in the words that mix Latin and Cyrillic)."""
    from crawler.text import fold, fold_text

    assert fold_text(text).split() == " ".join(fold(w) for w in text.split()).split()
