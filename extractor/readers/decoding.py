"""Bytes to text: refuse what is not text, detect the encoding, report it."""

from __future__ import annotations

import codecs

from ..errors import InputError, UnsupportedFormat

# Signatures of binary formats users are likely to drop into a folder by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document: litkg reads text, HTML and XML; extract the PDF's text first"),
    (b"\x89PNG", "PNG image, not a document"),
    (b"\xff\xd8\xff", "JPEG image, not a document"),
    (b"GIF8", "GIF image, not a document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX), not a text document"),
    (b"\x1f\x8b", "gzip-compressed file whose content is not a supported format"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`InputError` saying why the bytes are not text."""
    if not data.strip():
        raise InputError("empty file" if not data else "file holds only whitespace")
    for signature, reason in _SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedFormat(reason)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"declares {encoding} by its byte-order mark but does not decode: {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        raise InputError("binary content (NUL bytes), not a text document")
    text, encoding = _decode_without_bom(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError("binary content (control characters), not a text document")
    return text, encoding


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are valid UTF-8, else Windows-1252, else Latin-1 (which decodes anything)."""
    for encoding in ("utf-8", "windows-1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
