"""Page decoding: what the server and the page declare, checked against the bytes.

Order: a byte-order mark; the HTTP ``Content-Type`` charset; the page's own declaration
(``<meta charset>``, ``http-equiv``, an XML declaration); detection. A declaration is believed only
when the bytes agree with it, because regional sites get this wrong both ways:

* a server that labels UTF-8 pages ``windows-1251`` (a misconfigured Apache default on old sites):
  text in a single-byte Cyrillic code page is essentially never valid UTF-8 once it has non-ASCII
  bytes, so bytes that decode as strict UTF-8 are UTF-8 whatever the label says;
* a ``<meta charset="utf-8">`` over windows-1251 bytes (a CMS template copied onto an old site):
  read as UTF-8 that page was mojibake end to end (issue 15, F1 0.06), so bytes that are not
  UTF-8 under a UTF-8 label go to detection;
* a UTF-8 page with a few broken bytes (a truncated multi-byte character pasted into a story):
  detection alone reads the whole page as another code page (issue 12), so a page that is UTF-8
  but for a few bytes stays UTF-8, with those bytes replaced and counted in ``replaced``;
* a single-byte label never fails to decode, so its text is also checked for plausibility
  (Cyrillic read in the wrong Cyrillic code page has its letter case inverted or box-drawing
  symbols; Cyrillic read as Latin-1 is words made only of accented letters).

Detection is charset-normalizer, restricted to the code pages this region's sites use, so that
Cyrillic is never read as some exotic code page. Kazakh letters (ә ғ қ ң ө ұ ү һ і) do not exist in
windows-1251: old Kazakh sites use UTF-8 or KZ-1048 (Python's ``kz1048``), which is windows-1251
with the Kazakh letters where windows-1251 has Serbian and Ukrainian ones.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

# beautifulsoup4 is on the design card's stack and was unused until this: its declared-encoding
# finder reads <meta charset>, http-equiv and XML declarations, wherever in the head they are.
from bs4.dammit import EncodingDetector
from w3lib.encoding import resolve_encoding

SOURCES = ("bom", "header", "meta", "detected", "fallback")

# Where a page declares its encoding: the head, after <title> and often after inline CSS and
# scripts on Kazakh sites (the HTML spec's prescan reads 1,024 bytes; that misses many of them).
DECLARATION_WINDOW = 16 * 1024

# Code pages detection may choose: the region's Cyrillic ones, Turkish and Western European
# (Latin-script Kazakh and the foreign pages of the eval sets).
PLAUSIBLE_ENCODINGS = ("cp1251", "kz1048", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic",
                       "cp1254", "cp1252", "latin_1")

# A page is "UTF-8 but for a few bytes" when at most this share of its non-ASCII characters are
# replacements. Windows-1251 text read as UTF-8 is replacements nearly throughout (a Cyrillic
# lowercase byte is a 3- or 4-byte lead that the next letter does not continue): measured, 50-100 %
# of the non-ASCII characters; a UTF-8 article with five broken bytes among 2,000 letters: 0.25 %.
MAX_UTF8_REPLACED_SHARE = 0.05

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.I)


@dataclass(frozen=True)
class Decoded:
    """Decoded page text, the Python codec name, where it came from (one of :data:`SOURCES`) and
    how many U+FFFD replacement characters decoding put in (not those the page itself holds)."""

    text: str
    encoding: str
    source: str
    replaced: int


# --- decoding with a count of replacements ------------------------------------------------------
_count = threading.local()


def _count_replace(exc: UnicodeDecodeError):
    """The ``replace`` error handler (one U+FFFD per invalid sequence), counting what it replaces."""
    _count.n += 1
    return "\ufffd", exc.end


codecs.register_error("kz-news-archive.count-replace", _count_replace)


def _decode(body: bytes, encoding: str) -> tuple[str, int]:
    _count.n = 0
    text = body.decode(encoding, "kz-news-archive.count-replace")
    return text, _count.n


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        return None


def codec_name(label: str | bytes | None) -> str | None:
    """Python's codec name for an encoding label (WHATWG aliases resolved: ``latin1`` and
    ``iso-8859-1`` mean windows-1252 on the web), None for a label Python does not know."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = (label or "").strip().strip("\"'").lower()
    if not label:
        return None
    try:
        return codecs.lookup(resolve_encoding(label) or label).name
    except LookupError:
        return None


def _header_charset(content_type: str | bytes | None) -> str | None:
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _is_utf8(name: str) -> bool:
    return name in ("utf-8", "utf-8-sig")


def _is_wide(name: str) -> bool:
    """UTF-16 and UTF-32: not ASCII-compatible, so an ASCII reading says nothing about them."""
    return name.startswith(("utf-16", "utf-32"))


# --- plausibility of a single-byte reading --------------------------------------------------------
# Serbian/Macedonian letters where KZ-1048 has ә қ ң һ (windows-1251 bytes BC 9D BE 9E, ...).
_KZ1048_AS_CP1251 = set("јќѕћЈЌЅЋ")
# A Cyrillic token: the run of non-delimiters around a Cyrillic letter (a mis-read byte is a letter or
# a symbol inside a word: "ЂЄЄ®", "†ители", "├ХРЕКХ").
_DELIMITERS = r"\s<>\"'=/()\[\]{},.;:!?«»“”„‘’\-–—|*#&+%0-9_@\\"
# Tried at token starts only (the look-behind): unanchored, a run of 40,000 Latin letters made the
# scan quadratic (28 s).
_CYRILLIC_TOKEN = re.compile(rf"(?<![^{_DELIMITERS}])[^{_DELIMITERS}]*[\u0400-\u04ff][^{_DELIMITERS}]*")
# Plain Latin letters: look-alikes typed into Cyrillic words ("бiлiм"), and what a real accented
# Latin word has beside its accents
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Words as the region's Cyrillic alphabets write them (Russian, Kazakh, Ukrainian, Belarusian, Uzbek
# letters): lowercase, capitalised, or all capitals.
_UPPER, _LOWER = "А-ЯЁӘҒҚҢӨҰҮҺІЇЄҐЎ", "а-яёәғқңөұүһіїєґў"
_WELL_FORMED = re.compile(rf"[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]{{2,}}")
# Measured on the test fixtures and the shared corpus (103 pages with Cyrillic): 0.93-0.99 of the
# tokens well formed, at most 0.23 all capitals. Russian read in each other Cyrillic code page:
# 0.00-0.77 well formed, and the readings above 0.72 are 0.72-0.73 all capitals (KOI8-R <-> 1251).
MIN_WELL_FORMED_SHARE = 0.85
MAX_ALL_CAPITALS_SHARE = 0.5
MIN_TOKENS = 10
# Words of Latin letters with an accent: Cyrillic read as Latin-1 is all accented letters
# ("Æèòåëè"), a Western or Latin-script Kazakh word has one or two among plain ones ("élève").
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[\u00c0-\u024f][^\W\d_]*")    # at word starts
# Typographic punctuation and spaces a real page has outside ASCII.
_COMMON_SYMBOLS = set("«»—–‘’‚“”„…№•·°±×€₸‰§©®™\u00a0\u2009\u202f\u200b\u00ad\ufeff")


def implausible_reason(text: str) -> str | None:
    """Why ``text`` looks like bytes read in the wrong single-byte code page, None if it does not."""
    non_ascii = [c for c in text if c > "\x7f"]
    if len(non_ascii) < 20:
        return None                              # too little to judge; any reading is as good
    odd = sum(1 for c in non_ascii if not c.isalpha() and c not in _COMMON_SYMBOLS
              and not ("\u0300" <= c <= "\u036f"))
    if odd > 0.2 * len(non_ascii):
        return f"{odd} of {len(non_ascii)} non-ASCII characters are symbols or control characters"
    accented = [w for w in _ACCENTED_WORD.findall(text) if len(w) >= 3]
    all_accented = sum(1 for w in accented if not _ASCII_LETTER.search(w))
    if len(accented) >= MIN_TOKENS and all_accented > 0.5 * len(accented):
        return f"{all_accented} of {len(accented)} accented Latin words have no plain letter"
    tokens = [t for t in (_ASCII_LETTER.sub("", t) for t in _CYRILLIC_TOKEN.findall(text)) if t]
    if len(tokens) < MIN_TOKENS:
        return None
    well = [t for t in tokens if _WELL_FORMED.fullmatch(t)]
    if len(well) < MIN_WELL_FORMED_SHARE * len(tokens):
        return f"{len(tokens) - len(well)} of {len(tokens)} Cyrillic words mix cases, symbols or foreign letters"
    capitals = sum(1 for t in well if len(t) > 1 and t.isupper())
    if capitals > MAX_ALL_CAPITALS_SHARE * len(tokens):
        return f"{capitals} of {len(tokens)} Cyrillic words are all capitals"
    return None


def _prefer_kz1048(body: bytes, text: str) -> str:
    """``kz1048`` for windows-1251-decoded text that is Kazakh in KZ-1048, else ``cp1251``: Serbian
    letters beside "ы", which Serbian does not have, are Kazakh letters misread."""
    if "ы" in text and sum(1 for c in text if c in _KZ1048_AS_CP1251) >= 3 and _strict(body, "kz1048"):
        return "kz1048"
    return "cp1251"


# --- the decoder --------------------------------------------------------------------------------
def _detect(body: bytes) -> str | None:
    """charset-normalizer's best reading among :data:`PLAUSIBLE_ENCODINGS`, None if none fits."""
    from charset_normalizer import from_bytes   # imported on the rare page that needs it

    best = from_bytes(body, cp_isolation=list(PLAUSIBLE_ENCODINGS)).best()
    return codecs.lookup(best.encoding).name if best else None


def _single_byte(body: bytes, name: str) -> str:
    return _prefer_kz1048(body, body.decode(name)) if name == "cp1251" else name


def decode_html(body: bytes, content_type: str | bytes | None = None) -> Decoded:
    """Decode an HTML page's bytes: BOM, then ``content_type``'s charset, then the page's own
    declaration, each only where the bytes agree with it, then detection (see the module doc)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            text, replaced = _decode(body[len(bom):], name)
            return Decoded(text, codecs.lookup(name).name, "bom", replaced)

    declared = [(source, codec_name(label)) for source, label in (
        ("header", _header_charset(content_type)),
        ("meta", EncodingDetector.find_declared_encoding(
            body[:DECLARATION_WINDOW], is_html=True, search_entire_document=True)),
    ) if codec_name(label)]

    for source, name in declared:             # UTF-16 without a BOM: Latin text is half NUL bytes
        if _is_wide(name) and b"\x00" in body[:DECLARATION_WINDOW]:
            decoded = _strict(body, name)
            if decoded is not None:
                return Decoded(decoded, name, source, 0)

    if body.isascii():                        # every ASCII-compatible label reads it the same
        for source, name in declared:
            if not _is_wide(name):
                return Decoded(body.decode("ascii"), name, source, 0)
        return Decoded(body.decode("ascii"), "utf-8", "fallback", 0)

    text, replaced = _decode(body, "utf-8")
    # (counted in C: a generator over the characters cost 2 ms a page on the crawl's reactor thread)
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) if replaced else 0
    if replaced <= MAX_UTF8_REPLACED_SHARE * non_ascii:
        # Valid UTF-8, or UTF-8 but for a few broken bytes: no other encoding reads it better.
        # Without a UTF-8 label the bytes themselves are the evidence: "detected".
        source = next((s for s, name in declared if _is_utf8(name)), "detected")
        return Decoded(text, "utf-8", source, replaced)

    for source, name in declared:
        if _is_utf8(name) or _is_wide(name):
            continue                          # shown above not to fit
        if _strict(body, name) is None:
            continue
        chosen = _single_byte(body, name)         # a windows-1251 label over KZ-1048 bytes: KZ-1048
        decoded = body.decode(chosen)
        if implausible_reason(decoded) is None:
            return Decoded(decoded, chosen, source, 0)

    detected = _detect(body)
    if detected is not None:
        name = _single_byte(body, detected)
        text, replaced = _decode(body, name)
        return Decoded(text, name, "detected", replaced)
    # Nothing fits (binary, or a code page outside the region's): UTF-8 with replacements, so that
    # the damage is visible and counted rather than hidden in a plausible-looking wrong reading.
    return Decoded(text, "utf-8", "fallback", replaced)


def decode_response(response) -> tuple[str, str]:
    """``(text, encoding)`` of a Scrapy response, by :func:`decode_html`."""
    decoded = decode_html(response.body, response.headers.get("Content-Type"))
    return decoded.text, decoded.encoding


# --- binary content -----------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<(?:[a-zA-Z!?/])")
BINARY_WINDOW = 2048
# Share of control characters in the first 2 KB above which the text is no HTML. An HTML page has
# none but the odd stray one (a NUL pasted from a word processor); UTF-16 read as a single-byte
# code page is 50 % NULs; images, archives and PDFs are 10-40 % control bytes.
MAX_CONTROL_SHARE = 0.05


def looks_binary(text: str) -> bool:
    """True when decoded ``text`` is binary content, not HTML: many control characters, or control
    characters and no markup at all in its first :data:`BINARY_WINDOW` characters."""
    head = text[:BINARY_WINDOW]
    controls = len(_CONTROL.findall(head))
    if not controls:
        return False
    return controls > MAX_CONTROL_SHARE * len(head) or not _MARKUP.search(head)
