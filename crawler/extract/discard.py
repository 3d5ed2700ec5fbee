"""trafilatura's discard rules, applied inside a profile's body container without the rest of trafilatura.

trafilatura names what it removes inside a story by class, id, role and style: ads and their labels
(`` ad-``, ``dfpAd``, ``outbrain``), consent placeholders, share and navigation bars, bylines,
tags, "teaser" boxes, hidden elements. Containers of custom platforms carry all of these under
names our own box list (:data:`crawler.chrome.STORY_BOX_NAME`) does not know, and reading them
through the whole of trafilatura costs more than the rest of the page's extraction.

The rules are trafilatura's ``OVERALL_DISCARD_XPATH`` and ``TEASER_DISCARD_XPATH`` (version pinned
in requirements.txt), evaluated here in Python: lxml calls back into Python for every ``re:test``
of every element, which makes the XPath three times slower than this loop. The vocabulary is
imported from trafilatura; the structure of the expressions is transcribed, and
``tests/test_discard.py`` checks that both select the same elements on every saved page, so a
trafilatura upgrade that changes them fails there first.
"""

from __future__ import annotations

import re

from trafilatura.xpaths import (_CONSENT_ID_CLASS_TOKENS, _OVERALL_DISCARD_BOTH_TOKENS, _OVERALL_DISCARD_CLASS_TOKENS,
                                _OVERALL_DISCARD_ID_TOKENS)

# OVERALL_DISCARD_XPATH[0]: block-level elements named as boilerplate.
_BLOCK_TAGS = frozenset(("div", "item", "list", "p", "section", "span"))
_NAMED_ID = re.compile("|".join(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_ID_TOKENS)).search
_NAMED_CLASS = re.compile("|".join(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_CLASS_TOKENS)).search
_CONSENT = re.compile("|".join(_CONSENT_ID_CLASS_TOKENS)).search
# OVERALL_DISCARD_XPATH[1]: any element hidden or named as comment machinery (literals there too).
_HIDDEN_ID = re.compile("reader-comments|akismet").search
_HIDDEN_CLASS = re.compile("^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|"
                           " hidden| hide|noprint|notloaded").search

# A side element (and a teaser) is dropped only when it holds less than this share of the
# container's text: a wrapper around the whole story is not a box. trafilatura's named rules are
# applied only when they leave more than this much of it (its own guard against a class name that
# matches the story's wrapper).
SIDE_MAX_SHARE = 0.5
DISCARD_KEEP_SHARE = 1 / 7


def _first_of(el, a: str, b: str, value_a: str | None, value_b: str | None) -> str:
    """XPath's ``string(@a|@b)``: the value of whichever of the two attributes comes first in the
    element's source (a union of attributes is in document order), "" when neither is there."""
    if value_a is None:
        return value_b or ""
    if value_b is None:
        return value_a
    return value_a if next(k for k in el.keys() if k in (a, b)) == a else value_b


def discard_matches(container) -> tuple[list, list]:
    """The elements inside ``container`` that trafilatura's discard rules name, in document order:
    (named or hidden elements, teaser elements)."""
    named, teasers = [], []
    for el in container.iterdescendants():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        get = el.get
        id_, cls, style = get("id"), get("class"), get("style")
        if id_ is None and cls is None and style is None and get("aria-hidden") is None \
                and (tag not in _BLOCK_TAGS or not len(el.attrib)):
            continue                        # most elements: nothing any rule reads
        id_or_class = _first_of(el, "id", "class", id_, cls)
        if tag in _BLOCK_TAGS:
            if (get("data-lp-replacement-content") is not None
                    or "nav" in (get("role") or "").replace("N", "n")
                    or "MostPopularStories" in (get("data-component") or "")
                    or _CONSENT(id_or_class)
                    or (id_ is not None and _NAMED_ID(id_)) or (cls is not None and _NAMED_CLASS(cls))):
                named.append(el)
            if "teaser" in (id_ or "").replace("T", "t") or "teaser" in (cls or "").replace("T", "t"):
                teasers.append(el)
        if (cls == "comments-title" or id_or_class.startswith("reply-")
                or "hidden" in _first_of(el, "id", "style", id_, style)
                or (style is not None and ("display:none" in style or "display: none" in style))
                or (id_ is not None and _HIDDEN_ID(id_)) or (cls is not None and _HIDDEN_CLASS(cls))
                or get("aria-hidden") == "true"):
            if not named or named[-1] is not el:
                named.append(el)
    return named, teasers


def drop_discarded(container) -> None:
    """Remove from ``container``, in place, what trafilatura's filters remove inside a story: the
    elements its discard rules name (:func:`discard_matches`; the named ones only when they leave
    more than a seventh of the text, as trafilatura does) and the side elements it cleans out
    (``<aside>`` fact boxes, ``<footer>``, ``<nav>``, a teaser ``<article>`` inside the story).

    Its link-density filter is not here: the caller hands link-dense leftovers to trafilatura.
    """
    total = len(container.text_content())
    named, teasers = discard_matches(container)
    named = set(named)
    outermost = [el for el in named if not any(a in named for a in el.iterancestors())]
    if total - sum(len(el.text_content()) for el in outermost) > DISCARD_KEEP_SHARE * total:
        for el in outermost:
            el.drop_tree()
    for el in teasers:
        if any(a is container for a in el.iterancestors()):     # not inside a box dropped above
            el.drop_tree()
    left = len(container.text_content())
    for el in list(container.iterdescendants("aside", "footer", "nav", "article")):
        if el.getparent() is not None and len(el.text_content()) < SIDE_MAX_SHARE * left:
            el.drop_tree()
