"""Text as XML 1.0 can hold it.

XML 1.0 forbids most control characters (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F),
U+FFFE, U+FFFF and unpaired surrogates, even as character references.  They are replaced by
U+FFFD (REPLACEMENT CHARACTER, ``�``), so a reader sees that a character was there; every
other character is kept.  Tab, line feed and carriage return are kept exactly: they are
written as character references where a parser would otherwise normalise them (``\\r`` in
text, ``\\t``, ``\\n`` and ``\\r`` in attribute values).
"""

from __future__ import annotations

import re

__all__ = ["REPLACEMENT", "clean_text", "xml_attr", "xml_text"]

REPLACEMENT = "\ufffd"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` with the characters XML 1.0 forbids replaced by U+FFFD.

    >>> clean_text("a\\x07b\\tc")
    'a\\ufffdb\\tc'
    """
    return _FORBIDDEN.sub(REPLACEMENT, value)


def xml_text(value: str) -> str:
    """Escaped element content.

    >>> xml_text('R&D <"x">\\r\\n')
    'R&amp;D &lt;"x"&gt;&#13;\\n'
    """
    return (
        clean_text(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def xml_attr(value: str) -> str:
    """Escaped attribute value (to be written between double quotes).

    >>> xml_attr('a "b"\\tc\\n')
    'a &quot;b&quot;&#9;c&#10;'
    """
    return xml_text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
