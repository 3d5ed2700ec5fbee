"""Kazakh-aware search: one search key for every spelling, and safe FTS5 queries.

Pure functions (no archive): :func:`search_fold` turns a text into its search key, at index time
(``articles_search``, see ``crawler/storage.py``) and at query time; :func:`search_query` turns what
a person types into a valid FTS5 MATCH expression over that key; :func:`snippet` marks the matched
words in a text. The rules and their reasons are in docs/search.md.

The key builds on :func:`crawler.text.fold_text` (the letter fold every stage shares: Kazakh
Cyrillic, the 2018 acute and 2021 Latin alphabets, Russian look-alike letters, Arabic script, all onto
one lower-case Latin skeleton) and adds what search needs on top:

* the 2017 apostrophe alphabet's ``s' c' y'`` (ш ч у); the other apostrophe letters already fold
  with the apostrophe dropped (``a' g' n' o' u' i'``);
* one vowel for ``ы і и й`` and Latin ``y ı i``: the 2018 alphabet writes ы as ``y`` and и/й as
  ``ı``, the 2021 one ы as ``ı`` and й as ``y``, ASCII and Russian transliteration write ы as ``y``
  (``Almaty``, ``Кызылорда``); so ``Алматы``, ``Almaty``, ``Almatı`` share ``almati``;
* ASCII digraphs ``kh gh`` as ``h g`` (``zh`` is already ``j``);
* Russian spellings of Kazakh place names that letters alone cannot reach (``Туркестан``,
  ``Байконур``, ``Чимкент``, ``Актюбинск-``), as word-start rewrites in :data:`PLACE_STEMS`.
  Renamed places (``Алма-Ата``, ``Семипалатинск``, ``Гурьев``, ``Целиноград``) are other names,
  not spellings, and are not folded.
"""

from __future__ import annotations

import re

from crawler.text import fold_text

# 2017 apostrophe alphabet: s' = ш, c' = ч, y' = у (y alone is ы). The other letters (a' g' n' o' u'
# i') fold right once the apostrophe is dropped, which text.fold does.
_APOSTROPHE = re.compile(r"([sScCyY])['’ʼ](?=\w|\s|$|[.,;:!?)»\"])")
_APOSTROPHE_LETTER = {"s": "ş", "S": "ş", "c": "ç", "C": "ç", "y": "ý", "Y": "ý"}
# A word in single quotes ('Almaty') is not 2017 spelling: its quotes go first.
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘’]([^\s'‘’]+)['’](?!\w)")

# Russian (and Soviet ASCII) spellings of Kazakh place names whose letters do not fold together,
# as folded word starts -> the folded Kazakh word start. Applied to every word of the key, at index
# and at query time, so inflected forms follow ("туркестанской" -> "turkistanskoi").
PLACE_STEMS = {
    "turkestan": "turkistan",        # Туркестан / Түркістан
    "baikonur": "baikonir",          # Байконур / Байқоңыр
    "chimkent": "shimkent",          # Чимкент / Шымкент
    "aktiubinsk": "aktobinsk",       # Актюбинская область / Ақтөбе (query stem "aktob")
    "kustanai": "kostanai",          # Кустанай / Қостанай
    "kokchetav": "kokshetau",        # Кокчетав / Көкшетау
}
_PLACE = re.compile(r"\b(" + "|".join(sorted(PLACE_STEMS, key=len, reverse=True)) + ")")

FOLD_VERSION = 1   # bump when the key changes: archives rebuild articles_search on open


def search_fold(text: str | None) -> str:
    """The search key of ``text``: lower-case Latin skeleton words, whitespace and punctuation kept
    (the FTS5 tokenizer splits on them)."""
    if not text:
        return ""
    if "'" in text or "’" in text or "ʼ" in text or "‘" in text:
        text = _SINGLE_QUOTED.sub(r"\1", text)
        text = _APOSTROPHE.sub(lambda m: _APOSTROPHE_LETTER[m.group(1)], text)
    # str.replace and ``in`` run in C; the regex only runs when a place stem is there at all
    out = fold_text(text).replace("y", "i")
    if "kh" in out:
        out = out.replace("kh", "h")
    if "gh" in out:
        out = out.replace("gh", "g")
    if any(stem in out for stem in PLACE_STEMS):
        out = _PLACE.sub(lambda m: PLACE_STEMS[m.group()], out)
    return out


# --- queries -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_VOWELS = "aeiou"
# A typed term: a double-quoted phrase, or a run of anything but space and double quotes.
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _word_expr(word: str, *, last: bool) -> str:
    """One folded word as an FTS5 token or prefix (``last``: the word ends its phrase)."""
    return f'"{word}"' + ("*" if last and len(word) >= 3 else "")


def _stems(word: str) -> list[str]:
    """The prefixes a folded word is searched by (Kazakh is agglutinative: a word is found with its
    suffixes). Words of two letters are whole words (``ел`` must not find ``electr``). A long word
    loses a final vowel (``Қарағанды``/``Караганда`` -> ``karagand``, ``школа`` -> ``shkol``), and a
    final ``p``/``k`` also stands for the ``b``/``g`` it becomes before a suffix (мектеп/мектебі,
    құрақ/құрағы)."""
    if len(word) >= 5 and word[-1] in _VOWELS and word[-2] not in _VOWELS:
        word = word[:-1]
    stems = [word]
    if len(word) >= 4 and word[-1] in "pk":
        stems.append(word[:-1] + {"p": "b", "k": "g"}[word[-1]])
    return stems


def _phrase(text: str) -> str | None:
    """The FTS5 expression for one typed word or phrase: its folded words in order, the last one a
    prefix; a hyphenated word (``Жем-шөп``) is a phrase of its parts. ``None`` when nothing is left."""
    words = _WORD.findall(search_fold(text))
    if not words:
        return None
    head = " ".join(f'"{w}"' for w in words[:-1])
    alts = []
    for stem in _stems(words[-1]) if len(words[-1]) >= 3 else [words[-1]]:
        tail = f'"{stem}"' + ("*" if len(stem) >= 3 else "")
        alts.append(f"{head} + {tail}" if head else tail)
    return alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"


def search_query(text: str | None) -> str | None:
    """What a person typed -> an FTS5 MATCH expression over ``articles_search``, or ``None`` when
    there is nothing to search for. Never raises, and what it returns never makes FTS5 raise.

    Every word must match (in any script, with any suffix). ``"..."`` is a phrase; ``OR`` between
    two terms matches either; ``-word`` excludes a word when something else is searched for. Any
    other punctuation (quotes, brackets, ``*``, ``:``, ``^``, ``NEAR``, ``AND``) is just text.
    """
    if not text:
        return None
    parts: list[str] = []      # "AND", "OR" join; each entry is an expression or an operator
    negated: list[str] = []
    pending_or = False
    for m in _TERM.finditer(text):
        neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if bare == "OR":
            pending_or = bool(parts)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            neg, bare = "-", bare[1:]
        expr = _phrase(quoted if quoted is not None else bare)
        if expr is None:
            continue
        if neg:
            negated.append(expr)
        elif pending_or:
            parts[-1] = f"({parts[-1]} OR {expr})"
            pending_or = False
        else:
            parts.append(expr)
    if not parts:
        return None
    query = " AND ".join(parts)
    for expr in negated:
        query = f"({query}) NOT {expr}"
    return query


def query_stems(text: str | None) -> list[str]:
    """The folded prefixes a query searches for (for marking matches in a snippet)."""
    stems = []
    for word in _WORD.findall(search_fold(text or "")):
        if word in ("or",):
            continue
        stems.extend(_stems(word) if len(word) >= 3 else [word])
    return stems


def snippet(text: str | None, query: str | None, *, words: int = 24, mark=("[", "]")) -> str:
    """A window of ``text`` around its first word that matches ``query``, matched words marked.
    Plain text in, plain text out (callers escape it for HTML)."""
    tokens = (text or "").split()
    stems = query_stems(query)
    if not tokens:
        return ""

    def hit(token: str) -> bool:
        folded = _WORD.findall(search_fold(token))
        return any(f == s or (len(s) >= 3 and f.startswith(s)) for f in folded for s in stems)

    hits = [i for i, t in enumerate(tokens) if stems and hit(t)]
    start = max(0, hits[0] - words // 3) if hits else 0
    window = tokens[start:start + words]
    marked = [f"{mark[0]}{t}{mark[1]}" if (start + i) in hits else t for i, t in enumerate(window)]
    return ("… " if start else "") + " ".join(marked) + (" …" if start + words < len(tokens) else "")


# --- the index's meta column -----------------------------------------------------------------------

def search_meta(site: str | None, language: str | None) -> str:
    """The ``meta`` column of ``articles_search``: one token for the site and one or two for the
    language (``kk-Latn`` is ``langkk langkklatn``: ``--lang kk`` finds both scripts)."""
    words = [_meta_token("site", site)]
    if language:
        primary = language.split("-")[0]
        words += [_meta_token("lang", primary)] + ([_meta_token("lang", language)] if primary != language else [])
    return " ".join(words)


def _meta_token(kind: str, value: str | None) -> str:
    return kind + "".join(_WORD.findall((value or "").lower())).replace("_", "")


# --- running a search ----------------------------------------------------------------------------

KEY_ID_MASK = 0xFFFFFFFF     # articles_search rowid & KEY_ID_MASK = articles.id (crawler/storage.py)


def match_expression(text: str | None, *, site: str | None = None, language: str | None = None) -> str | None:
    """The MATCH for ``articles_search``: the query over title and body, the filters on ``meta``."""
    query = search_query(text)
    if query is None:
        return None
    filters = []
    if site:
        filters.append(f'"{_meta_token("site", site)}"')
    if language:
        filters.append(f'"{_meta_token("lang", language)}"')
    expr = "{title body} : (" + query + ")"
    return f"meta : ({' AND '.join(filters)}) AND {expr}" if filters else expr


def find(conn, text: str | None, *, site: str | None = None, language: str | None = None,
         limit: int = 20) -> list[dict]:
    """The newest ``limit`` articles matching ``text`` (newest by ``published_utc``, else when first
    seen), as dicts with id, site, language, published, title, url. Nothing typed: no rows."""
    match = match_expression(text, site=site, language=language)
    if match is None:
        return []
    match = expand_prefixes(conn, match)
    cur = conn.execute(
        f"""SELECT a.id, a.site, a.language, a.published, a.title, a.url
            FROM (SELECT rowid AS k FROM articles_search WHERE articles_search MATCH ?
                  ORDER BY rowid DESC LIMIT ?) s
            JOIN articles a ON a.id = (s.k & {KEY_ID_MASK})
            ORDER BY s.k DESC""", (match, int(limit)))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur]


# A prefix query ("auil"*) makes FTS5 merge the whole doclist of every matching word before it
# returns a row (measured: 130-200 ms for a word in 70% of 1M articles), while an OR of the words
# themselves is read lazily, newest first, and stops after LIMIT rows (0.6 ms). So find() looks
# the words up in the index's vocabulary (fts5vocab) and searches for them by name. A 3-letter
# prefix keeps the prefix index (prefix='3'); a prefix inside a phrase stays a prefix.
MAX_EXPANSION = 200
_PREFIX_TERM = re.compile(r'(?<!\+ )"(\w{4,})"\*')


def expand_prefixes(conn, match: str) -> str:
    """``match`` with each standalone prefix of 4+ letters replaced by an OR of the indexed words
    it covers (unchanged when there are more than :data:`MAX_EXPANSION`)."""
    stems = set(_PREFIX_TERM.findall(match))
    if not stems:
        return match
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_search_vocab "
                 "USING fts5vocab(main, articles_search, row)")
    words = {}
    for stem in stems:
        found = [r[0] for r in conn.execute(
            "SELECT term FROM temp.articles_search_vocab WHERE term >= ? AND term < ? LIMIT ?",
            (stem, stem + "\U0010ffff", MAX_EXPANSION + 1))]
        if len(found) <= MAX_EXPANSION:
            words[stem] = "(" + " OR ".join(f'"{w}"' for w in found) + ")" if found else '""'
    return _PREFIX_TERM.sub(lambda m: words.get(m.group(1), m.group()), match)
