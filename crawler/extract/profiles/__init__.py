"""Page profiles: what each CMS family's article markup looks like, as data.

A profile is detected from the markup (its optional ``detect`` selectors and its ``body`` selector
match), not from the domain, so an unknown site on a known theme works on first contact. The
registry's ``cms`` is only a hint that decides which profiles are tried first.

One module per family; :data:`PROFILES` is the order they are tried in when no hint applies:
site-specific markup first, then theme and CMS markup, then the generic conventions (plain
WordPress, AMP). A profile early in the order must be specific enough never to fire on another
family's pages (``tests/test_profiles.py`` checks this against every fixture).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from crawler.extract.body import CAPTION_CSS


@dataclass(frozen=True)
class Profile:
    name: str
    body: tuple[str, ...]                 # CSS for the body container; the first match wins
    title: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # (css, attribute or None for the element's text, source label for the date stage)
    dates: tuple[tuple[str, str | None, str], ...] = ()
    prune: tuple[str, ...] = ()           # removed from the body container before reading it
    captions: tuple[str, ...] = CAPTION_CSS   # caption markup inside the body
    # The lead (featured) image's caption, printed above or outside the body container:
    # (css, attribute or None for the element's text). Kept first among the captions.
    lead_captions: tuple[tuple[str, str | None], ...] = ()
    cms_hints: tuple[str, ...] = field(default=())
    # CSS that must *all* match before the profile is tried at all (a selector group "a, b" is an
    # "either"): for families whose body markup alone is too common to tell them apart (AMP pages,
    # BEM class names shared with other sites).
    detect: tuple[str, ...] = ()
    # How the body container is read: "blocks" (each <p>/heading as published, for themes whose
    # containers hold nothing else), "trafilatura" (its boilerplate filters inside the container),
    # "auto" (for families whose containers vary by theme: blocks, after dropping the boxes
    # named as plugin or theme boxes; trafilatura when link-dense blocks with no telling name
    # remain), or "filtered" (for conventions any platform prints: "auto" after trafilatura's own
    # discard rules, :func:`crawler.extract.discard.drop_discarded`, whatever names the boxes carry).
    reader: str = "blocks"
    # A lead (standfirst) printed in its own block outside the body container: read first, as the
    # body's first paragraph, when the page has one.
    lead: tuple[str, ...] = ()
    # The body selector is the page's own declaration of its body (schema.org ``articleBody``): when
    # it holds no text the story has none (an image-only story), and no other reader is asked, since
    # what another reader finds on such a page is the sidebar.
    declared_body: bool = False
    # Without a ``lead`` on the page, the block under the headline that opens with the page's meta
    # description is the standfirst (as on the generic fallback): for conventions shared by many
    # platforms, whose standfirsts sit outside the body under any name.
    standfirst_from_description: bool = False
    # Chrome no selector can name, removed from the container after ``prune``: a function of
    # (container, page), for markup read against the page itself (AMP's link to its canonical page).
    cleanup: Callable | None = None

    def matches(self, page) -> bool:
        """The page carries this profile's markup (``page`` is a :class:`crawler.extract.page.Page`)."""
        # body first: its class selectors are ruled out from the page's class index, while detect
        # selectors on other attributes (script sources, canonical links) walk the tree
        return any(page.select(css) for css in self.body) and all(page.select(css) for css in self.detect)


# Imported after Profile exists: the family modules build their profiles from it.
from crawler.extract.profiles.amp import AMP  # noqa: E402
from crawler.extract.profiles.bitrix import BITRIX  # noqa: E402
from crawler.extract.profiles.dle import DLE  # noqa: E402
from crawler.extract.profiles.jnews import JNEWS  # noqa: E402
from crawler.extract.profiles.joomla import JOOMLA, JOOMLA_K2  # noqa: E402
from crawler.extract.profiles.microdata import MICRODATA  # noqa: E402
from crawler.extract.profiles.national import EGEMEN, INFORM, KAZPRAVDA, TENGRINEWS, ZAKON  # noqa: E402
from crawler.extract.profiles.tagdiv import TAGDIV_CLASSIC, TAGDIV_CLOUD  # noqa: E402
from crawler.extract.profiles.wordpress import WORDPRESS  # noqa: E402

# Tried in this order after the hinted ones, the more specific markup first:
# one site's markup; then CMS engines whose markup no WordPress theme prints (DLE's #dle-content,
# K2's .itemView, Joomla's .item-page, Bitrix's /bitrix/ assets), ahead of JNews because JNews's
# last body selector is a bare .content-inner; then the WordPress themes (a tagDiv Cloud template
# keeps the classic td-post-content class on its content block, so Cloud goes first); plain
# WordPress; AMP last (its body may be the bare <article>).
PROFILES: tuple[Profile, ...] = (
    INFORM, EGEMEN, TENGRINEWS, ZAKON, KAZPRAVDA,
    DLE, JOOMLA_K2, JOOMLA, BITRIX,
    TAGDIV_CLOUD, TAGDIV_CLASSIC, JNEWS, WORDPRESS,
    AMP, MICRODATA,
)


def profiles_for(cms_hint: str | None) -> list[Profile]:
    hinted = [p for p in PROFILES if cms_hint and cms_hint in p.cms_hints]
    return hinted + [p for p in PROFILES if p not in hinted]
