"""Decoding bytes and deciding what kind of capture a file holds.

Kind is decided by extension first, then by content, so a page saved as ``.txt`` or a feed
saved without an extension still goes to the right reader.
"""

from __future__ import annotations

import codecs
import logging
import re

log = logging.getLogger(__name__)

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)
_HTML_TAGS = re.compile(rb"<(?:body|div|p|article|title|meta)[\s>/]", re.IGNORECASE)
# Token-per-element corpora (MEANTIME / NewsReader CAT XML): <Document ...><token ...>word</token>
_TOKEN_XML = re.compile(rb"<Document\b[^>]*>\s*<token\b", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


class DecodeError(ValueError):
    """Bytes that are not text we accept; the message is the reason."""


def kind_for(name: str, head: bytes) -> str:
    """``text`` | ``html`` | ``jsonl`` | ``warc`` | ``feed`` | ``tokens`` for a file name and its first bytes."""
    low = name.lower()
    if low.endswith(WARC_SUFFIXES) or head.startswith(b"WARC/"):
        return "warc"
    suffix = "." + low.rsplit(".", 1)[-1] if "." in low else ""
    if _TOKEN_XML.search(head[:8192]):
        return "tokens"
    if suffix in JSONL_EXT:
        return "jsonl"
    if suffix in HTML_EXT:
        return "html"
    sample = head[:4096].lstrip(codecs.BOM_UTF8)
    feed_root = _FEED_ROOT.search(sample) is not None
    if feed_root and (suffix in FEED_EXT or sample.lstrip().startswith(b"<?xml")):
        return "feed"
    if suffix in FEED_EXT and suffix != ".xml":
        return "feed"  # the feed reader reports it if it is not one
    if looks_like_html_bytes(sample):
        return "html"
    return "text"


def looks_like_html_bytes(sample: bytes) -> bool:
    return bool(_HTML_START.search(sample)) or len(_HTML_TAGS.findall(sample[:4096])) >= 3


def looks_like_html(text: str) -> bool:
    """True for markup (a page or a fragment), False for plain text that mentions a tag."""
    return looks_like_html_bytes(text[:4096].encode("utf-8", "replace"))


def decode(data: bytes, legacy: bool = False) -> str:
    """UTF-8 text of ``data`` (BOMs honoured), or :class:`DecodeError` saying why not.

    Invalid UTF-8 is rejected by default: guessing an encoding silently corrupts names and
    quotes. With ``legacy`` the charset is detected (charset-normalizer, else cp1252) and a
    warning is logged.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        raise DecodeError("binary file (contains NUL bytes), not a text capture")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not legacy:
            raise DecodeError(
                f"invalid UTF-8 at byte {exc.start} (re-encode the file as UTF-8, "
                "or set DATELINE_LEGACY_ENCODINGS=1 to guess its encoding)"
            ) from None
    encoding = _guess_encoding(data)
    log.warning("decoded as %s (not valid UTF-8)", encoding)
    return data.decode(encoding, errors="replace")


def _guess_encoding(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best.encoding)
    except ImportError:  # a dependency of trafilatura, but not one of ours
        pass
    return "cp1252"
