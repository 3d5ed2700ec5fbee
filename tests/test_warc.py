"""WARC captures (crawler/warc.py), re-extraction from them, warc-migrate and the WACZ export.

The demo sites are crawled with the real engine; the WARC files are checked with warcio's own CLI
(`warcio check`, `warcio index`), every record against the bytes the demo server sent, and an
exported WACZ is replayed through pywb on loopback."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.demo import DEMO_SITES, DemoServer, build_site
from crawler.storage import Archive
from crawler.warc import WarcReader, WarcRecorder, decode_capture, resolve_path
from tests.conftest import REPO, need, rows, run_crawl

BIN = Path(sys.executable).parent
# pywb lives in a venv of its own (see the Makefile and requirements-pywb.txt)
PYWB_BIN = Path(__file__).resolve().parents[1] / ".venv-pywb" / "bin"
ORIGIN_SITE = {urlsplit(base).netloc: key for key, base in DEMO_SITES.items()}


def served(url: str) -> bytes:
    """What the demo server sends for ``url`` (query strings are ignored there, as on WordPress)."""
    parts = urlsplit(url)
    return build_site(ORIGIN_SITE[parts.netloc])[parts.path or "/"].body


def cli(*args, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def copy_archive(db: Path, to: Path) -> Path:
    """The archive and its WARC folder (stored paths are relative to the archive's directory)."""
    to.mkdir(parents=True, exist_ok=True)
    shutil.copy(db, to / db.name)
    warcs = Path(f"{db}.warcs")
    if warcs.exists():
        shutil.copytree(warcs, to / warcs.name)
    return to / db.name


# --- unit: the recorder on one response ----------------------------------------------------------------
def _recorder(tmp_path, **settings):
    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    db = tmp_path / "a.db"
    archive = Archive(db)
    ext = SimpleNamespace(archive=archive, run_id=None, before_finish=[])
    crawler = SimpleNamespace(settings=Settings({"ARCHIVE_DB": str(db), "WARC_ENABLED": True, "WARC_DIR": "",
                                                 "WARC_MAX_SIZE": 1024 ** 3, "WARC_GZIP_LEVEL": 6, **settings}),
                              spider=None, get_extension=lambda cls: ext)
    crawler.stats = MemoryStatsCollector(crawler)
    return WarcRecorder(crawler), archive


def _spider(key="demo-tagdiv"):
    return SimpleNamespace(name=key, site=SimpleNamespace(key=key))


def test_warc_off_is_not_configured(tmp_path):
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        _recorder(tmp_path, WARC_ENABLED=False)


def test_a_gzip_chunked_response_is_kept_as_sent_and_reads_back_as_text(tmp_path):
    from scrapy.http import HtmlResponse, Request

    html = "<html><head><meta charset=utf-8><title>Ақтөбе</title></head><body><p>Сәлем</p></body></html>"
    raw = gzip.compress(html.encode("utf-8"))
    mw, archive = _recorder(tmp_path)
    req = Request("https://zhuldyz-gazeti.test/a/", meta={"discovered_via": "feed", "via_url": "https://zhuldyz-gazeti.test/feed/"})
    resp = HtmlResponse(req.url, status=200, body=raw, request=req, headers={
        "Content-Type": "text/html; charset=UTF-8", "Content-Encoding": "gzip", "Transfer-Encoding": "chunked"})
    mw.process_response(req, resp, _spider())
    loc = req.meta["warc"].result(timeout=30)        # written by the writer thread
    mw.finish()
    archive.commit()
    assert rows(archive.path, "select discovered_via, via_url, warc_type from warc_records") == [
        {"discovered_via": "feed", "via_url": "https://zhuldyz-gazeti.test/feed/", "warc_type": "response"}]
    reader = WarcReader(archive.path)
    data = reader.raw(loc["warc_file"], loc["warc_offset"], loc["warc_length"])
    rec = next(iter(ArchiveIterator(io.BytesIO(data))))
    assert rec.rec_type == "response"
    assert rec.raw_stream.read() == raw                             # still compressed, as sent
    assert rec.http_headers.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert rec.http_headers.get_header("Transfer-Encoding") is None
    assert rec.rec_headers.get_header("WARC-Transfer-Decoded") == "chunked"
    assert rec.rec_headers.get_header("WARC-Payload-Digest") == loc["payload_digest"]
    _, http, body, ctype = reader.record(loc["warc_file"], loc["warc_offset"], loc["warc_length"])
    assert decode_capture(req.url, 200, http, body, ctype) == (html, "utf-8")
    # request and metadata records follow, concurrent to the response
    with open(resolve_path(loc["warc_file"], archive.path), "rb") as f:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Concurrent-To"), r.content_stream().read())
                   for r in ArchiveIterator(f)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "metadata"]
    response_id = rec.rec_headers.get_header("WARC-Record-ID")
    assert records[2][1] == records[3][1] == response_id
    assert b"discoveredVia: feed" in records[3][2] and b"via: https://zhuldyz-gazeti.test/feed/" in records[3][2]
    reader.close()
    archive.close()


def test_files_rotate_by_size_and_identical_payloads_become_revisits(tmp_path):
    from scrapy.http import HtmlResponse, Request

    mw, archive = _recorder(tmp_path, WARC_MAX_SIZE=2000)
    body = ("<html><body>" + "ауыл " * 400 + "</body></html>").encode()
    for i in range(4):
        req = Request(f"https://zhuldyz-gazeti.test/{i}/")
        mw.process_response(req, HtmlResponse(req.url, body=body if i < 3 else body + b" ", request=req,
                                              headers={"Content-Type": "text/html"}), _spider())
    mw.finish()
    archive.commit()
    recs = rows(archive.path, "select url, warc_type, warc_file, record_id, refers_to from warc_records order by id")
    assert [r["warc_type"] for r in recs] == ["response", "revisit", "revisit", "response"]
    assert recs[1]["refers_to"] == recs[2]["refers_to"] == recs[0]["record_id"]
    files = sorted(Path(f"{archive.path}.warcs/demo-tagdiv").glob("demo-tagdiv-*.warc.gz"))
    assert len(files) > 1
    for f in files:
        check = subprocess.run([BIN / "warcio", "check", str(f)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    archive.close()


# --- end to end: the demo sites --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo sites crawled twice over the same servers: WARC on (``warc/archive.db``) and WARC
    off (``zlib/archive.db``, as archives were before); the servers stay up for re-crawls."""
    servers = {key: DemoServer(build_site(key)) for key in DEMO_SITES}
    for server in servers.values():
        server.__enter__()
    root = tmp_path_factory.mktemp("warc")
    host_map = [arg for key, server in servers.items() for arg in ("--host-map", f"{DEMO_SITES[key]}={server.base_url}")]
    try:
        warc_db, zlib_db = root / "warc" / "archive.db", root / "zlib" / "archive.db"
        warc_db.parent.mkdir()
        zlib_db.parent.mkdir()
        run_crawl(*DEMO_SITES, *host_map, db=warc_db)
        run_crawl(*DEMO_SITES, *host_map, "-s", "WARC_ENABLED=False", db=zlib_db)
        yield SimpleNamespace(warc=warc_db, zlib=zlib_db, host_map=host_map, root=root)
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


def warc_files(db: Path) -> list[Path]:
    return sorted(Path(f"{db}.warcs").glob("*/*.warc.gz"))


@pytest.mark.e2e
def test_the_demo_crawl_writes_warc_files_that_warcio_checks_and_indexes(demo):
    files = warc_files(demo.warc)
    assert {f.parent.name for f in files} == set(DEMO_SITES)
    assert not Path(f"{demo.zlib}.warcs").exists()          # WARC_ENABLED=False writes none
    for f in files:
        check = subprocess.run([BIN / "warcio", "check", "-v", str(f)], capture_output=True, text=True)
        assert check.returncode == 0 and "digest pass" in check.stdout, check.stdout[-2000:] + check.stderr
        index = subprocess.run([BIN / "warcio", "index", "-f", "warc-type,warc-target-uri,offset,length", str(f)],
                               capture_output=True, text=True, check=True)
        entries = [json.loads(line) for line in index.stdout.splitlines()]
        assert entries[0]["warc-type"] == "warcinfo"
        indexed = {(e["warc-target-uri"], int(e["offset"]), int(e["length"])) for e in entries if e["warc-type"] == "response"}
        recorded = {(r["url"], r["warc_offset"], r["warc_length"]) for r in rows(
            demo.warc, "select url, warc_offset, warc_length from warc_records where warc_file like ?",
            (f"%/{f.name}",))}
        assert indexed == recorded


@pytest.mark.e2e
def test_every_response_is_recorded_with_how_it_was_found(demo):
    recs = rows(demo.warc, "select * from warc_records")
    by_url = {r["url"]: r for r in recs}
    for key, base in DEMO_SITES.items():
        assert by_url[f"{base}/robots.txt"]["discovered_via"] == "robots"
        assert by_url[f"{base}/feed/"]["discovered_via"] == "registry"
    kinds = {r["discovered_via"] for r in recs}
    assert {"robots", "registry", "sitemap", "feed", "listing"} <= kinds
    assert {r["status"] for r in recs} >= {200, 404, 500}              # errors are fetched responses too
    for article in rows(demo.warc, "select c.url, a.discovered_via from articles a join captures c on c.id=a.capture_id"):
        found = by_url[article["url"]]
        assert found["discovered_via"] == article["discovered_via"]
        assert found["via_url"] in by_url          # the sitemap, feed or listing page it was found on


@pytest.mark.e2e
def test_every_capture_resolves_to_a_record_holding_what_the_server_sent(demo):
    caps = rows(demo.warc, "select * from captures")
    assert caps and all(c["warc_file"] and c["html_zlib"] is None for c in caps)
    reader = WarcReader(demo.warc)
    for cap in caps:
        raw = reader.raw(cap["warc_file"], cap["warc_offset"], cap["warc_length"])
        rec = next(iter(ArchiveIterator(io.BytesIO(raw))))
        assert rec.rec_type == "response"
        assert rec.rec_headers.get_header("WARC-Target-URI") == cap["url"]
        assert rec.rec_headers.get_header("WARC-Payload-Digest") == cap["payload_digest"]
        assert rec.content_stream().read() == served(cap["url"])
    reader.close()
    for table in ("articles", "pages"):
        orphans = rows(demo.warc, f"select count(*) n from {table} t left join captures c on c.id = t.capture_id "
                                  f"where c.id is null" + (" and t.outcome in ('article', 'not_article', 'unparseable')"
                                                           if table == "pages" else ""))
        assert orphans[0]["n"] == 0, table


@pytest.mark.e2e
def test_warc_text_equals_what_the_crawl_decoded(demo):
    """The page text read back from the WARC equals the zlib capture of the same page (the cp1251
    page included): re-extraction sees what the crawl saw."""
    warc, zlib_ = Archive(demo.warc), Archive(demo.zlib)
    zlib_ids = {r["url"]: r["id"] for r in rows(demo.zlib, "select id, url from captures")}
    try:
        for cap in rows(demo.warc, "select id, url from captures"):
            assert warc.capture_html(cap["id"]) == zlib_.capture_html(zlib_ids[cap["url"]]), cap["url"]
    finally:
        warc.close()
        zlib_.close()


@pytest.mark.e2e
def test_reextract_from_the_warc_leaves_the_archive_as_it_was(demo, tmp_path):
    db = copy_archive(demo.warc, tmp_path)
    articles = rows(db, "select * from articles order by id")
    pages = rows(db, "select * from pages order by url")
    proc = cli("reextract", "--all", "--db", str(db))
    assert proc.returncode in (0, 3), proc.stderr[-3000:]      # 3: the demo's truncated page stays unparseable
    assert rows(db, "select * from articles order by id") == articles
    assert rows(db, "select url, outcome, reason, article_id, capture_id from pages order by url") == \
        [{k: p[k] for k in ("url", "outcome", "reason", "article_id", "capture_id")} for p in pages]
    assert rows(db, "select count(*) n from article_versions")[0]["n"] == 0
    runs = rows(db, "select articles_unchanged, stats from crawl_runs where kind='reextract'")
    assert sum(r["articles_unchanged"] for r in runs) == len(articles)
    assert all("reextract/unreadable_captures" not in r["stats"] for r in runs)


@pytest.mark.e2e
def test_a_second_full_crawl_writes_revisits_for_identical_payloads(demo, tmp_path):
    db = copy_archive(demo.warc, tmp_path)
    before = rows(db, "select count(*) n from captures")[0]["n"]
    run_crawl(*DEMO_SITES, *demo.host_map, "--full", db=db)
    revisits = rows(db, "select r.*, o.url o_url, o.payload_digest o_digest, o.warc_date o_date "
                        "from warc_records r join warc_records o on o.record_id = r.refers_to "
                        "where r.warc_type='revisit'")
    assert len(revisits) >= 17                                   # every article at least, unchanged
    assert all(r["payload_digest"] == r["o_digest"] for r in revisits)
    assert rows(db, "select count(*) n from captures")[0]["n"] == before    # same pages: no new captures
    reader = WarcReader(db)
    for r in revisits[:5]:
        rec = next(iter(ArchiveIterator(io.BytesIO(reader.raw(r["warc_file"], r["warc_offset"], r["warc_length"])))))
        assert rec.rec_type == "revisit"
        assert rec.rec_headers.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
        assert rec.rec_headers.get_header("WARC-Refers-To-Target-URI") == r["o_url"]
        assert rec.rec_headers.get_header("WARC-Refers-To-Date") == r["o_date"]
        assert rec.rec_headers.get_header("WARC-Refers-To") == r["refers_to"]
    reader.close()
    for f in warc_files(db):
        assert subprocess.run([BIN / "warcio", "check", str(f)], capture_output=True).returncode == 0


@pytest.mark.e2e
def test_warc_migrate_moves_zlib_captures_once_and_loses_nothing(demo, tmp_path):
    db = copy_archive(demo.zlib, tmp_path)
    before = Archive(db)
    texts = {c["id"]: before.capture_html(c["id"]) for c in rows(db, "select id from captures")}
    before.close()
    articles = rows(db, "select * from articles order by id")
    proc = cli("warc-migrate", "--db", str(db))
    assert proc.returncode == 0 and f"{len(texts)} captures written" in proc.stdout, proc.stdout + proc.stderr
    again = cli("warc-migrate", "--db", str(db))
    assert "0 captures written" in again.stdout
    files = warc_files(db)
    assert files and all("-migrated-" in f.name for f in files)
    for f in files:
        assert subprocess.run([BIN / "warcio", "check", str(f)], capture_output=True).returncode == 0
        with open(f, "rb") as fh:
            recs = list(ArchiveIterator(fh))
        assert {r.rec_type for r in recs} == {"warcinfo", "resource", "metadata"}
    # the blobs go only on request; then the WARC records are all there is, and reextract reads them
    conn_rows = rows(db, "select count(*) n from captures where html_zlib is not null")
    assert conn_rows[0]["n"] == len(texts)
    import sqlite3

    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update captures set warc_file=null, warc_offset=null, warc_length=null, payload_digest=null")
        conn.execute("delete from warc_records")
    conn.close()
    shutil.rmtree(f"{db}.warcs")
    proc = cli("warc-migrate", "--db", str(db), "--drop-zlib")
    assert proc.returncode == 0, proc.stderr
    assert rows(db, "select count(*) n from captures where html_zlib is not null")[0]["n"] == 0
    after = Archive(db)
    assert {i: after.capture_html(i) for i in texts} == texts
    after.close()
    proc = cli("reextract", "--all", "--db", str(db))
    assert proc.returncode in (0, 3), proc.stderr[-3000:]      # 3: the demo's truncated page stays unparseable
    assert rows(db, "select * from articles order by id") == articles


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.e2e
def test_a_wacz_export_replays_an_article_in_pywb(demo, tmp_path):
    need(PYWB_BIN / "wayback")            # make test installs it; skips without it locally, fails under CI
    wacz = tmp_path / "demo.wacz"
    proc = cli("export", "--format", "wacz", "--db", str(demo.warc), "--site", "demo-tagdiv", "-o", str(wacz))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    later = cli("export", "--format", "wacz", "--db", str(demo.warc), "--since", "2999-01-01", "-o", str(tmp_path / "x.wacz"))
    assert later.returncode == 1 and "no WARC records match" in later.stderr
    valid = subprocess.run([BIN / "wacz", "validate", "-f", str(wacz)], capture_output=True, text=True)
    assert valid.returncode == 0 and "Validation succeeded" in valid.stdout, valid.stdout + valid.stderr
    import zipfile

    with zipfile.ZipFile(wacz) as z:
        names = z.namelist()
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
    assert any(n.startswith("archive/demo-tagdiv-") for n in names)
    assert not any(n.startswith("archive/demo-jnews-") for n in names)
    assert "datapackage.json" in names and any(n.startswith("indexes/index.cdx") for n in names)
    stored = rows(demo.warc, "select c.url, a.title from articles a join captures c on c.id = a.capture_id "
                             "where a.site='demo-tagdiv' order by a.id")
    assert sorted((p["url"], p["title"]) for p in pages) == sorted((r["url"], r["title"]) for r in stored)

    # pywb: a collection made from the WACZ, served on loopback; one article back, byte for byte
    work = tmp_path / "pywb"
    work.mkdir()
    for args in (["init", "demo"], ["add", "--unpack-wacz", "demo", str(wacz)]):
        done = subprocess.run([PYWB_BIN / "wb-manager", *args], cwd=work, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    port = _free_port()
    server = subprocess.Popen([PYWB_BIN / "wayback", "-p", str(port), "-b", "127.0.0.1"], cwd=work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        article = next(r for r in stored if "cp1251" not in r["url"])
        url = f"http://127.0.0.1:{port}/demo/2100id_/{article['url']}"
        deadline, body = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=10) as resp:
                    status, body = resp.status, resp.read()
                break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(server.stderr.read().decode()[-2000:]) from None
                time.sleep(0.3)
        assert body is not None, "pywb did not answer"
        assert status == 200
        assert body == served(article["url"])
    finally:
        server.terminate()
        server.wait(timeout=20)
