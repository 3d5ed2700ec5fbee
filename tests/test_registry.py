"""The site registry is data: validated on load, one spider per entry."""

from __future__ import annotations

import shutil
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


@pytest.mark.parametrize("path, landing", [
    ("/", "the home page"), ("", "the home page"), ("/kk/", "the home page"), ("/ru", "the home page"),
    ("/index.php", "the home page"), ("/kz/index.html", "the home page"), ("/?lang=ru", "the home page"),
    ("/category/zhanalyqtar/", "a listing"),            # the registered listing
    ("/category/qogam/page/2/", "a listing"),           # what listing_pattern matches
    ("/feed/", "a listing"),
    ("/news/", None), ("/category/qogam/", None),       # neither: read the page to know
    ("/2024/11/23/audan-akimderinin-forumy/", None), ("/?p=123", None),
])
def test_a_redirect_target_is_known_as_the_home_page_or_a_listing(path, landing):
    site = registry()["demo-tagdiv"]
    assert site.landing(site.base_url + path) == landing
    assert site.landing("https://elsewhere.test" + path) is None


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


# --- the registry refuses typos: one line naming the site and the field, the nearest valid value --
_BASE = '[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\n'


@pytest.mark.parametrize("extra, field, message", [
    ('timezone = "Asia/Almati"\n', "timezone", "unknown time zone 'Asia/Almati' (did you mean 'Asia/Almaty'?)"),
    ('timezone = "asia/almaty"\n', "timezone", "did you mean 'Asia/Almaty'?"),
    ('timezone = "UTC+5"\n', "timezone", "unknown time zone 'UTC+5'"),
    ('cms = "tagdvi"\n', "cms", "unknown CMS 'tagdvi' (did you mean 'tagdiv'?)"),
    ('cms = "Jnews"\n', "cms", "did you mean 'jnews'?"),
    ('cms = "drupal"\n', "cms", "unknown CMS 'drupal'; one of "),
    ('languages = ["kk", "kz"]\n', "languages", "unknown language 'kz' (did you mean 'kk'?)"),
    ('languages = ["kk-latn"]\n', "languages", "did you mean 'kk-Latn'?"),
    ('languages = "kk"\n', "languages", "must be a list of non-empty strings"),
    ('feeds = ["feed/"]\n', "feeds", "'feed/' must be an absolute http(s) URL or a path starting with '/'"),
    ('feeds = ["https//a.kz/feed/"]\n', "feeds", "must be an absolute http(s) URL"),
    ('sitemaps = ["ftp://a.kz/sitemap.xml"]\n', "sitemaps", "scheme 'ftp' is not http or https"),
    ('sitemaps = ["https://b.kz/sitemap.xml"]\n', "sitemaps", "host 'b.kz' is not one of the site's domains"),
    ('listings = ["/news/ page/"]\n', "listings", "contains white space"),
    ('listings = ["https://a.kz:99999/news/"]\n', "listings", "bad host or port"),
    ('article_pattern = "/(\\\\d{4}/"\n', "article_pattern", "bad regex"),
    ('listing_pattern = "[a-z"\n', "listing_pattern", "bad regex"),
    ('article_pattern = 5\n', "article_pattern", "must be a string"),
])
def test_a_typo_in_a_field_is_refused_with_the_site_the_field_and_a_suggestion(tmp_path, extra, field, message):
    path = tmp_path / "sites.toml"
    path.write_text(_BASE + extra)
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    text = str(info.value)
    assert "\n" not in text
    assert f"site 'a': field {field!r}: " in text and message in text, text
    assert text.startswith(str(path))


@pytest.mark.parametrize("table, field, message", [
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "a.kz"\ndomains = ["a.kz"]\n', "base_url", "must be an absolute"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "/news"\ndomains = ["a.kz"]\n', "base_url", "must be an absolute"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://www.b.kz"\ndomains = ["a.kz"]\n', "base_url",
     "host 'www.b.kz' is not one of the site's domains"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["https://a.kz"]\n', "domains", "not a host name"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz/news"]\n', "domains", "not a host name"),
    ('[[site]]\nkey = "a"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["A.kz"]\n', "domains", "not a host name"),
    ('[[site]]\nkey = "A b"\nname = "A"\nbase_url = "https://a.kz"\ndomains = ["a.kz"]\n', "key", "lower-case"),
])
def test_bad_urls_domains_and_keys_are_refused(tmp_path, table, field, message):
    path = tmp_path / "sites.toml"
    path.write_text(table)
    with pytest.raises(RegistryError, match=f"field '{field}': .*{message}"):
        load_registry(path)


@pytest.mark.parametrize("extra", [
    'timezone = "Asia/Aqtobe"\n',
    'cms = "custom"\n',                                   # an unknown CMS: detection alone decides
    'languages = ["kk", "kk-Latn", "ru", "en"]\n',
    'feeds = ["/feed/", "https://a.kz/rss", "https://kaz.a.kz/rss", "http://a.kz/feed?x=1"]\n',
    'sitemaps = ["/sitemap.xml"]\nlistings = ["/category/news/"]\n',
    'article_pattern = \'/\\d{4}/\\d{2}/\\d{2}/[^/]+/?$\'\n',
])
def test_valid_values_load(tmp_path, extra):
    path = tmp_path / "sites.toml"
    path.write_text(_BASE + extra)
    assert list(load_registry(path)) == ["a"]


def test_a_toml_syntax_error_is_one_line(tmp_path):
    path = tmp_path / "sites.toml"
    path.write_text(_BASE + 'cms = "tagdiv\n')
    with pytest.raises(RegistryError, match="not valid TOML") as info:
        load_registry(path)
    assert "\n" not in str(info.value)


def test_every_cms_hint_is_a_profile_name_or_custom():
    from crawler.extract.profiles import PROFILES
    from crawler.registry import cms_names

    assert cms_names() == {h for p in PROFILES for h in p.cms_hints} | {"custom"}
    assert {"tagdiv", "jnews", "wordpress", "bitrix", "dle", "joomla", "inform"} <= cms_names()


@pytest.fixture(scope="module")
def broken_checkout(tmp_path_factory):
    """A copy of the project whose registry has a time zone typo (the copy's packages come first
    on sys.path: python -m / scrapy run from its directory)."""
    root = tmp_path_factory.mktemp("broken")
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("crawler", "spiders"):
        shutil.copytree(REPO / package, root / package, ignore=ignore)
    shutil.copy(REPO / "scrapy.cfg", root / "scrapy.cfg")
    toml = root / "spiders" / "sites.toml"
    text = toml.read_text("utf-8")
    assert 'key = "inform"' in text
    toml.write_text(text.replace('key = "inform"', 'key = "inform"\ntimezone = "Asia/Almati"'), "utf-8")
    return root


@pytest.mark.parametrize("argv", [
    ["-m", "scrapy", "list"],
    ["-m", "scrapy", "crawl", "demo-jnews"],
    ["-m", "crawler", "list"],
    ["-m", "crawler", "crawl", "demo-jnews", "--db", "x.db"],
    ["-m", "crawler", "status"],
    ["-m", "crawler", "reextract", "--all"],
    ["-m", "crawler", "date", "23 қараша 2024"],
])
def test_every_command_refuses_a_bad_registry_with_exit_2_and_one_line(broken_checkout, argv):
    proc = subprocess.run([sys.executable, *argv], cwd=broken_checkout, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "site 'inform': field 'timezone': unknown time zone 'Asia/Almati' (did you mean 'Asia/Almaty'?)" in lines[0]
    assert not (broken_checkout / "x.db").exists()


def test_check_reports_a_bad_registry_with_exit_2(broken_checkout):
    proc = subprocess.run([sys.executable, "-m", "crawler", "check", "--db", "none.db"], cwd=broken_checkout,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "error    registry: " in proc.stdout and "'timezone'" in proc.stdout
