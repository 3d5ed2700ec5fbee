"""The headline as printed: the page's only <h1> beats SEO titles; the logo h1 and pages with several h1 do not."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article

PROSE = "<p>" + "Ауданда жаңа мектеп ашылды, оқушылар жаңа сыныптарда оқи бастады. " * 4 + "</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}<meta property='og:type' content='article'></head><body>{body}{PROSE}</body></html>"


@pytest.mark.parametrize("head, body, title", [
    # og:title is the SEO rewrite; the h1 is what readers saw
    ("<meta property='og:title' content='Мектеп ашылды: жаңалықтар, фото 2024'>",
     "<h1>Ауданда жаңа мектеп ашылды</h1>", "Ауданда жаңа мектеп ашылды"),
    # the only h1 is the site's logo: the og:title it is
    ("<meta property='og:site_name' content='Алатау таңы'><meta property='og:title' content='Жаңа мектеп'>",
     "<h1>Алатау таңы</h1>", "Жаңа мектеп"),
    # several h1 (logo and headline, or teaser titles): no sole headline, og:title it is
    ("<meta property='og:title' content='Жаңа мектеп'>", "<h1>Газет</h1><h1>Басқа</h1>", "Жаңа мектеп"),
    # no h1 at all: <title> without the site suffix
    ("<title>Жаңа мектеп ашылды | Алатау таңы</title>", "", "Жаңа мектеп ашылды"),
])
def test_title_choice(head, body, title):
    assert extract_article(page(head, body), "https://example.test/a/").title == title
