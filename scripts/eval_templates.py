#!/usr/bin/env python
"""What site-template learning buys on markup no profile knows.

For each demo site: force the generic fallback (trafilatura) on every page of a generated copy of
the site (same theme, N articles) in crawl order, learning the site's repeated blocks as the
crawler does; then score the hand-written truth pages of that site with the generic fallback
alone and with the learned templates stripped: chrome strings leaked (truth ``must_not_contain``)
and truth paragraphs kept.

The demo themes' chrome is all caught by selectors and phrase lists already, so a second variant
injects into every body a promotional line that no phrase list knows (as regional sites do with
their own WhatsApp/Instagram prompts) and counts it as chrome too.

    .venv/bin/python scripts/eval_templates.py [--pages 300]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.demo import DEMO_SITES, build_site, load_truth  # noqa: E402
from crawler.extract import NotAnArticle, PageError, extract_article  # noqa: E402
from crawler.templates import SiteTemplates  # noqa: E402


PROMPT = "Жаңалықтарды WhatsApp арқылы алғыңыз келсе, +7 700 123 45 67 нөміріне «Иә» деп жазыңыз."
BODY_CONTAINERS = ("div.td-post-content", ".content-inner")


def inject_prompt(html: str) -> str:
    """The page with PROMPT as the last paragraph of its article body."""
    import lxml.html

    doc = lxml.html.document_fromstring(html)
    for css in BODY_CONTAINERS:
        found = doc.cssselect(css)
        if found:
            p = lxml.html.Element("p")
            p.text = PROMPT
            found[0].append(p)
            break
    return lxml.html.tostring(doc, encoding="unicode")


def generic_blocks(html: str, url: str):
    try:
        return extract_article(html, url, use_profiles=False).body.blocks
    except (NotAnArticle, PageError):
        return None


def score(truth_articles, resources, base, templates, site, inject):
    leaks = pages_leaking = kept = total = 0
    for art in truth_articles:
        res = resources.get(art["url"][len(base):].split("?")[0])
        if res is None:
            continue
        html = res.body.decode(_charset(res.content_type))
        blocks = generic_blocks(inject_prompt(html) if inject else html, art["url"])
        if blocks is None:
            continue
        if templates is not None:
            blocks, _ = templates.strip(site, blocks)
        text = "\n".join(t for _, t in blocks)
        found = [s for s in art["must_not_contain"] + ([PROMPT] if inject else []) if s in text]
        leaks += len(found)
        pages_leaking += bool(found)
        kept += sum(p in text for p in art["body_paragraphs"])
        total += len(art["body_paragraphs"])
    return leaks, pages_leaking, kept, total


def _charset(content_type: str) -> str:
    return content_type.split("charset=")[-1] if "charset=" in content_type else "utf-8"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300, help="articles in the generated copy to learn from")
    args = parser.parse_args()
    truth = load_truth()
    print(f"Generic fallback (trafilatura) on the demo truth pages, before and after learning the site's "
          f"template from {args.pages} generated pages of the same theme (TEMPLATE_MIN_PAGES=8, MIN_SHARE=0.5)\n")
    print("| site | pages | templates | truth pages with chrome | chrome strings leaked | truth paragraphs kept |")
    print("|---|---|---|---:|---:|---:|")
    for inject in (False, True):
        for site, base in DEMO_SITES.items():
            templates = SiteTemplates(min_pages=8, min_share=0.5)
            learned = 0
            for path, res in sorted(build_site(site, scale=args.pages).items()):
                if res.status != 200 or not res.content_type.startswith("text/html"):
                    continue
                html = res.body.decode(_charset(res.content_type), "replace")
                blocks = generic_blocks(inject_prompt(html) if inject else html, base + path)
                if blocks:
                    templates.observe(site, [t for _, t in blocks])
                    learned += 1
            arts = [a for a in truth["articles"] if a["site"] == site]
            variant = "with an unknown prompt in every body" if inject else "as built"
            for label, tpl in (("none", None), (f"learned from {learned} pages", templates)):
                leaks, leaking, kept, total = score(arts, build_site(site), base, tpl, site, inject)
                print(f"| {site} | {variant} | {label} | {leaking}/{len(arts)} | {leaks} | {kept}/{total} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
