"""Is a re-fetched article's text worse than what the archive holds? Pure functions for storage.

Issue 12: a re-fetch decoded in the wrong code page became version 2 of a good article, and that
mojibake is what full-text search indexed. Storage asks :func:`worse_text_reason` before it makes
a new version current; a reason means "keep the capture, flag it, leave the stored version".

Thresholds were calibrated on real text: every article body and title in ../shared/corpus, the
profile fixtures and the held-out sets (Kazakh, Russian, English, German, Spanish, ...) reads as
clean (see tests/test_quality.py), while the same passages run through the wrong codec are flagged.
"""

from __future__ import annotations

import re

# --- garbled text ------------------------------------------------------------------------------
# Replacement characters: a page read in the wrong code page has one for most non-ASCII letters
# (windows-1251 read as UTF-8: 30-100 %). A few in a long article are one broken byte sequence;
# a stored benchmark page with 89 in 9,756 letters (0.9 %, its NBSPs lost upstream) is readable.
# Garbled above 2 % of the letters (and 3 or more). Any increase over the stored version is
# caught apart from this, by worse_text_reason.
MAX_REPLACEMENT_SHARE = 0.02
# Mojibake markers (below) each stand for one misread letter. Real text has none but by
# coincidence: the highest share in the 1,752 calibration texts is 0.11 % (an archived English page
# that itself holds "Â´"); misread text has one for nearly every non-ASCII letter, German with its
# few umlauts 0.5-1 %. Garbled above 0.3 % of the letters, and at least MIN_MARKERS of them.
MAX_MARKER_SHARE = 0.003
MIN_MARKERS = 3
MIN_WORD_MARKERS = 2

# UTF-8 read as windows-1251: a lead byte C2-DF shows as "В".."Я" followed by what windows-1251
# puts at 80-BF (Ђ Ѓ ‚ ѓ „ … † ‡ € ‰ Љ ‹ Њ Ќ Ћ Џ ђ ‘ ’ “ ” • – — ™ љ › њ ќ ћ џ, NBSP Ў ў Ј ¤ Ґ ¦ §
# Ё © Є « ¬ SHY ® Ї ° ± І і ґ µ ¶ · ё № є » ј Ѕ ѕ ї): "Р°" is "а", "СЃ" is "с", "У™" is "ә",
# "Т›" is "қ", "Г¤" is "ä". Lead bytes E0-F4 ("а".."ф": CJK, Indic) are followed by two or three
# such characters; one would match real text ("Казинформа»").
_CP1251_HIGH = re.escape(bytes(range(0x80, 0xC0)).decode("cp1251", "replace").replace("\ufffd", ""))
_UTF8_AS_CP1251 = re.compile(f"[ВГДЕРСТУ][{_CP1251_HIGH}]|[а-п][{_CP1251_HIGH}]{{2}}|[р-ф][{_CP1251_HIGH}]{{3}}")
# UTF-8 read as Latin-1 or windows-1252: "Ð°" is "а", "Ã©" is "é", "Ò›" is "қ", "Â " a NBSP,
# "Ø´" Arabic; lead bytes E0-F4 ("à".."ô") again with two or three ("café»" is real text).
_LATIN_HIGH = "\u0080-\u00bf" + re.escape(
    bytes(range(0x80, 0xC0)).decode("cp1252", "replace").replace("\ufffd", ""))
_UTF8_AS_LATIN = re.compile(f"[Â-ß][{_LATIN_HIGH}]|[à-ï][{_LATIN_HIGH}]{{2}}|[ð-ô][{_LATIN_HIGH}]{{3}}")
# A single-byte Cyrillic code page read as Latin-1: "Æèòåëè ñåëà", words made only of accented
# letters, which no Western language writes.
_CYRILLIC_AS_LATIN = re.compile(r"(?<![^\W\d_])[À-ÖØ-öø-ÿ]{3,}(?![^\W\d_])")
# KOI8-R read as windows-1251 or the reverse: lowercase and uppercase swap ("жИТЕЛИ ПЕТРОПАВЛОВСКА").
_CASE_SWAPPED = re.compile(r"\b[а-яё][А-ЯЁ]{2,}")
_CYRILLIC_UPPER = re.compile(r"[А-ЯЁ]")
_CYRILLIC_LETTER = re.compile(r"[А-ЯЁа-яё]")


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def garbled_reason(text: str | None) -> str | None:
    """Why ``text`` reads as garbled (replacement characters, mojibake), None when it reads clean."""
    if not text:
        return None
    letters = _letters(text)
    replaced = text.count("\ufffd")
    if replaced >= MIN_MARKERS and replaced > MAX_REPLACEMENT_SHARE * (letters + replaced):
        return f"{replaced} replacement characters in {letters} letters"
    for kind, pattern, per_match in (
        ("UTF-8 read as windows-1251", _UTF8_AS_CP1251, 1),
        ("UTF-8 read as Latin-1", _UTF8_AS_LATIN, 1),
        ("Cyrillic read as Latin-1", _CYRILLIC_AS_LATIN, None),
        ("KOI8-R and windows-1251 swapped", _CASE_SWAPPED, None),
    ):
        found = pattern.findall(text)
        # letters a marker stands for: one per two-character pair; the whole word for word markers
        misread = sum(len(m) if per_match is None else per_match for m in found)
        # a misread word is evidence enough in a two-word title; a two-character pair is not
        least = MIN_MARKERS if per_match else MIN_WORD_MARKERS
        if len(found) >= least and misread > MAX_MARKER_SHARE * letters:
            return f"mojibake ({kind}): {len(found)} markers such as {found[0]!r} in {letters} letters"
    # Case-swapped Cyrillic in a short or all-caps text: mostly uppercase, and a word that starts
    # lowercase then runs uppercase, which real capitals never do.
    if _CASE_SWAPPED.search(text):
        cyrillic = len(_CYRILLIC_LETTER.findall(text))
        if len(_CYRILLIC_UPPER.findall(text)) > 0.5 * cyrillic:
            return f"mojibake (KOI8-R and windows-1251 swapped): mostly uppercase Cyrillic, {_CASE_SWAPPED.search(text).group()!r}"
    return None


# --- worse than stored -------------------------------------------------------------------------
# "Much shorter": below half the stored body, when the stored body is substantial. Corrections and
# updates add or trim sentences; a truncated fetch, a paywall or consent teaser, a "page moved"
# stub or an extraction that fell back to the lead keeps a paragraph or two of a long story. Below
# SUBSTANTIAL_BODY characters (two or three paragraphs: a brief) an edit can halve a story honestly.
MIN_LENGTH_RATIO = 0.5
SUBSTANTIAL_BODY = 500


# A re-fetched body shorter than this (and than half the stored one), not garbled, is no story
# any more: a removal notice or an emptied template (as extract.article.MIN_PROSE_CHARS).
LOST_BODY_CHARS = 150


def body_lost(new_body: str | None, old_body: str | None) -> bool:
    """True when the re-fetched ``new_body`` is no story where ``old_body`` was one: empty or a
    line or two, and not garbled (a garbled text is a decoding failure, not a takedown)."""
    new, old = (new_body or "").strip(), (old_body or "").strip()
    return bool(old) and len(new) < min(LOST_BODY_CHARS, len(old) / 2) and not garbled_reason(new)


def worse_text_reason(new_title: str | None, new_body: str | None,
                      old_title: str | None, old_body: str | None) -> str | None:
    """Why the re-fetched ``new_*`` text must not replace the stored ``old_*`` as the current
    version (garbled where the stored is clean, empty, much shorter, more replacement characters),
    None when it may."""
    new_title, new_body = new_title or "", new_body or ""
    old_title, old_body = old_title or "", old_body or ""
    for part, new, old in (("body", new_body, old_body), ("title", new_title, old_title)):
        reason = garbled_reason(new)
        if reason and not garbled_reason(old):
            return f"new {part} is garbled where the stored one is not: {reason}"
    if not new_body.strip() and old_body.strip():
        return "new body is empty where the stored one is not"
    if not new_title.strip() and old_title.strip():
        return "new title is empty where the stored one is not"
    new_fffd, old_fffd = (new_title + new_body).count("\ufffd"), (old_title + old_body).count("\ufffd")
    if new_fffd > old_fffd:
        return f"new text has {new_fffd} replacement characters where the stored one has {old_fffd}"
    if len(old_body) >= SUBSTANTIAL_BODY and len(new_body) < MIN_LENGTH_RATIO * len(old_body):
        return f"new body is {len(new_body)} characters where the stored one is {len(old_body)}"
    return None
