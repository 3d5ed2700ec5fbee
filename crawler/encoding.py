"""Page decoding: the HTTP header first, except where the bytes prove it wrong.

Scrapy decodes with the ``Content-Type`` charset, then a BOM, then ``<meta charset>``, then a guess,
which handles ``<title>`` before ``<meta charset>``. One case it cannot see: a server that labels
UTF-8 pages ``windows-1251`` (a misconfigured Apache default on old regional sites). Text in a
single-byte Cyrillic code page is essentially never valid UTF-8 once it has non-ASCII bytes, so
bytes that decode as strict UTF-8 are UTF-8 whatever the label says.
"""

from __future__ import annotations

from dataclasses import dataclass

from w3lib.encoding import html_to_unicode

_UTF8 = {"utf-8", "utf8", "utf_8"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    source: str          # header | bom | meta | detected | utf-8
    replaced: int = 0    # U+FFFD characters the decoding introduced


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Bytes as served -> text: as Scrapy decodes a response (header, BOM, ``<meta>``, guess),
    except that bytes which are valid UTF-8 are UTF-8 whatever the label says."""
    if not body.isascii():
        try:
            return Decoded(body.decode("utf-8"), "utf-8", "utf-8")
        except UnicodeDecodeError:
            pass
    encoding, text = html_to_unicode(content_type, body)
    return Decoded(text, encoding, "header" if content_type and "charset" in content_type.lower() else "meta",
                   text.count("\ufffd"))


def decode_response(response) -> tuple[str, str]:
    """``(text, encoding)`` of a Scrapy ``TextResponse``."""
    declared = (response.encoding or "").lower()
    body = response.body
    if declared not in _UTF8 and not body.isascii():
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return response.text, response.encoding
