"""Decoding pages: the HTTP header, the <meta> after <title>, and headers that lie."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from crawler.encoding import decode_response

RU = "<html><head><title>Новости Тараза</title><meta charset='{meta}'></head><body><p>Жители села</p></body></html>"
KK = "<html><head><title>Ақтөбе жаңалықтары</title><meta charset='utf-8'></head><body><p>Ауыл әкімі</p></body></html>"


@pytest.mark.parametrize("body, header, expected_text, expected_encoding", [
    (RU.format(meta="windows-1251").encode("cp1251"), "text/html; charset=windows-1251", "Жители села", "cp1251"),
    # No charset in the header; <meta> comes after <title>: Scrapy still finds it.
    (RU.format(meta="windows-1251").encode("cp1251"), "text/html", "Жители села", "cp1251"),
    (KK.encode("utf-8"), "text/html", "Ауыл әкімі", "utf-8"),
    # The server says windows-1251, the bytes are UTF-8: the bytes win.
    (KK.encode("utf-8"), "text/html; charset=windows-1251", "Ауыл әкімі", "utf-8"),
    (b"<html><body><p>ASCII only</p></body></html>", "text/html; charset=windows-1251", "ASCII only", "cp1251"),
])
def test_decode_response(body, header, expected_text, expected_encoding):
    response = HtmlResponse("https://a.test/x/", body=body, headers={"Content-Type": header})
    text, encoding = decode_response(response)
    assert expected_text in text
    assert encoding.replace("-", "").replace("windows", "cp") in (expected_encoding.replace("-", ""),)
