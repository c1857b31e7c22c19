"""Strict decoding of spec bytes: UTF-8 (BOM optional) or UTF-16 with a BOM."""

from __future__ import annotations

import codecs

from icpspec.diagnostics import Code

from ._document import LoadError, file_diagnostic
from ._limits import Limits


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode(data: bytes, file: str, limits: Limits) -> str:
    """Decode ``data`` strictly; refuse oversized, mis-encoded and binary input."""
    if len(data) > limits.max_file_bytes:
        # No size in the message: callers may pass only the first limit + 1 bytes of a file.
        raise file_diagnostic(
            Code.LIMIT_EXCEEDED, f"the file is larger than the limit of {limits.max_file_bytes:,} bytes", file
        )
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise file_diagnostic(
            Code.UNREADABLE_ENCODING, "UTF-32 is not supported; save the file as UTF-8", file, 1, 1
        )
    codec, body = "utf-8", data
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(codecs.BOM_UTF16_LE):
        codec, body = "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        codec, body = "utf-16-be", data[2:]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        if codec != "utf-8":
            raise file_diagnostic(
                Code.UNREADABLE_ENCODING, f"invalid {codec.upper()} at byte offset {exc.start}", file, 1, 1
            ) from None
        line, col = _line_col(body, exc.start)
        raise file_diagnostic(
            Code.UNREADABLE_ENCODING,
            f"not valid UTF-8 at byte offset {exc.start + len(data) - len(body)}; save the file as UTF-8",
            file,
            line,
            col,
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise file_diagnostic(
            Code.UNREADABLE_ENCODING,
            "the file contains a NUL character: it is binary, or UTF-16 without a byte-order mark",
            file,
            line,
            col,
        )
    return text


__all__ = ["LoadError", "decode"]
