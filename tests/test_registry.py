"""The site registry is data: validated on load, one spider per entry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crawler.registry import RegistryError, load_registry, registry
from tests.conftest import REPO


def test_registry_covers_demo_and_real_sites_of_each_family():
    sites = registry()
    real = [s for s in sites.values() if not s.demo]
    assert len(real) >= 12
    assert {"tagdiv", "jnews", "wordpress", "bitrix", "joomla", "dle"} <= {s.cms for s in real}
    assert {"inform", "egemen"} <= set(sites)
    # every hint names a profile (or "custom": no profile, detection alone decides)
    from crawler.extract.profiles import PROFILES

    hints = {h for p in PROFILES for h in p.cms_hints} | {"custom"}
    assert {s.cms for s in sites.values()} <= hints
    for s in sites.values():
        assert s.timezone == "Asia/Almaty"
        assert s.feeds or s.sitemaps or s.listings, s.key
        assert s.article_pattern, s.key


def test_the_demo_flag_marks_exactly_the_bundled_demo_sites():
    """`crawl --all` leaves out the sites flagged `demo`: they must be the ones `make demo` serves."""
    from crawler.demo import DEMO_SITES

    assert {s.key for s in registry().values() if s.demo} == set(DEMO_SITES)


def test_scrapy_list_shows_every_registered_site():
    out = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert sorted(out) == sorted([*registry(), "reextract"])   # and the re-extraction spider
    assert len(out) >= 13


def test_article_and_listing_patterns():
    site = registry()["zhetysu-gazeti"]
    assert site.is_article_url("https://zhetysu-gazeti.kz/2024/11/23/almaty-oblysynda/")
    assert not site.is_article_url("https://zhetysu-gazeti.kz/category/zhanalyqtar/")
    assert not site.is_article_url("https://elsewhere.kz/2024/11/23/almaty-oblysynda/")
    assert site.is_listing_url("https://zhetysu-gazeti.kz/category/zhanalyqtar/page/2/")


@pytest.mark.parametrize("toml, message", [
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\n', "missing 'domains'"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\ncolour = "red"\n', "unknown field"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\narticle_pattern = "("\n', "bad regex"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\n' * 2, "duplicate"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\ndemo = "false"\n',
     "'demo' must be true or false"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\nverified = 1\n',
     "'verified' must be true or false"),
])
def test_malformed_registry_entries_are_named_in_the_error(tmp_path, toml, message):
    path = tmp_path / "sites.toml"
    path.write_text(toml)
    with pytest.raises(RegistryError, match=message):
        load_registry(path)
