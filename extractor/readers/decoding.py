"""Bytes to text: refuse what is not text, detect the encoding, report it."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, UnsupportedFormat

# Signatures of binary formats users are likely to drop into a folder by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document: litkg reads text, HTML and XML; extract the PDF's text first"),
    (b"\x89PNG", "PNG image, not a document"),
    (b"\xff\xd8\xff", "JPEG image, not a document"),
    (b"GIF8", "GIF image, not a document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX), not a text document"),
    (b"\x1f\x8b", "gzip-compressed twice or a compressed archive, not a document"),
    (b"\xd0\xcf\x11\xe0", "Microsoft Office (OLE) file, not a text document"),
)
_DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.01


def refuse_binary(head: bytes) -> None:
    """Raise when the first bytes of a file show it is empty or a known binary format."""
    if not head.strip():
        raise InputError("empty file" if not head else "file holds only whitespace")
    stripped = head.lstrip(b" \t\r\n")
    for signature, reason in _SIGNATURES:
        if stripped.startswith(signature):
            raise UnsupportedFormat(reason)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, newline, form feed, return


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` saying why the bytes are not text.

    Order of evidence: a byte-order mark; UTF-16 without one (NUL beside every ASCII byte);
    valid UTF-8; the charset an HTML meta tag or XML declaration names; Windows-1252; Latin-1."""
    refuse_binary(data[:4096])
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"declares {encoding} by its byte-order mark but does not decode: {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary content (NUL bytes), not a text document")
        return utf16
    text, encoding = _decode_without_bom(data)
    controls = len(_CONTROLS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError("binary content (control characters), not a text document")
    return text, encoding


def _utf16_codec(sample: bytes) -> str | None:
    """UTF-16 without a BOM puts a NUL beside most ASCII bytes: odd positions (LE) or even (BE)."""
    sample = sample[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > 0.3 * half:
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    encoding = _utf16_codec(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The codec an HTML meta tag or XML declaration names in the first 4 KiB, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are valid UTF-8, else the declared charset, else Windows-1252, else
    Latin-1 (which decodes anything). Valid UTF-8 wins over a declaration: mislabelled pages are
    common, and random Windows-1252 text is almost never valid UTF-8."""
    declared = declared_encoding(data)
    for encoding in ("utf-8", *(e for e in (declared,) if e and e not in ("utf-8", "latin-1", "iso8859-1")), "windows-1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text for sniffing: tolerant of a character cut at the end."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="replace")
    if b"\x00" in head and (codec := _utf16_codec(head)):
        return head.decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")
