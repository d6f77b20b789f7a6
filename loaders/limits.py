"""What a bundle may hold: column names, the number of columns, the characters of a cell.

Unknown (extra) columns become properties in the graph store, so their names must be
safe as keys of Cypher parameter maps on every store kizuna talks to (Neo4j, ArcadeDB):
ASCII letters, digits and ``_``, starting with a letter or ``_``, at most 64 characters
(:data:`NAME_RE`, checked after NFKC and lower-casing).  ArcadeDB keeps names starting
with ``@`` (``@rid``, ``@type``, ``@in``, ``@out``, ``@cat``) for itself, and kizuna keeps
the property names it adds to every stored tie (:data:`RESERVED_NAMES`).  Japanese
column names are refused too: put Japanese text in the cells, not in the header.

Cells must be text: a NUL byte (``\\0``) is refused, and so are the characters the
Windows Shift_JIS codec (CP932) makes of bytes it does not define (0x80, 0xA0,
0xFD–0xFF) or of user-defined characters (外字, lead bytes 0xF0–0xF9): they become
private-use characters that no other computer shows the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from kizuna.graph.store import INTERNAL
from kizuna.loaders.problems import LoadProblem, problem

#: At most this many columns per file (header cells).
MAX_COLUMNS = 500
#: A column name kizuna may store: ASCII, identifier-like, at most 64 characters.
NAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,63}")
#: Identifier-like names kizuna keeps for the properties it adds itself.
RESERVED_NAMES: frozenset[str] = frozenset(INTERNAL)
#: At most this many bad cells are listed per column, then a summary.
MAX_LISTED = 100

#: pyarrow (RE2) pattern of a NUL byte in a cell.
NUL_PATTERN = r"\x00"
#: pyarrow (RE2) pattern of what CP932 makes of bytes it does not define, and of 外字.
CP932_PATTERN = r"[\x{80}\x{E000}-\x{F8FF}]"
_CP932_BYTES = {
    "\x80": "0x80",
    "\uf8f0": "0xA0",
    "\uf8f1": "0xFD",
    "\uf8f2": "0xFE",
    "\uf8f3": "0xFF",
}
_BAD_CHAR = re.compile("[\x00\x80\ue000-\uf8ff]")


def shown(text: str, limit: int = 40) -> str:
    """``text`` safe to print in a message: control characters, lone surrogates and other
    unprintable characters escaped, cut to ``limit`` characters."""
    out = "".join(c if c.isprintable() else _escaped(c) for c in text[:limit])
    return out + ("…" if len(text) > limit else "")


def _escaped(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"


def name_problem(name: str, label: str, table: str) -> LoadProblem | None:
    """The problem of an unknown column ``name`` (already cleaned) kizuna cannot store."""
    if NAME_RE.fullmatch(name) and name not in RESERVED_NAMES:
        return None
    if name.startswith("@"):
        why = "names starting with @ are kept by the graph store (@rid, @type, @in, @out …)"
    elif name in RESERVED_NAMES:
        why = f"kizuna keeps '{name}' for a property it stores on every tie"
    elif len(name) > 64:
        why = f"it is {len(name):,} characters long (at most 64)"
    elif any(not c.isascii() for c in name):
        why = "only ASCII letters, digits and _ can be column names (Japanese ones cannot)"
    else:
        why = "a column name is made of letters, digits and _ and starts with a letter"
    return problem(
        "bad_column_name",
        label,
        1,
        shown(name),
        f"the column name '{shown(name)}' cannot be used: {why}",
        "rename the column (for example note_ja or memo_2), or delete it",
        table=table,
    )


def too_many_columns(count: int, label: str, table: str) -> LoadProblem:
    """The problem of a file with more than :data:`MAX_COLUMNS` header cells."""
    return problem(
        "too_many_columns",
        label,
        1,
        None,
        f"the header row has {count:,} columns; kizuna reads at most {MAX_COLUMNS}",
        "delete the columns you do not need (a bundle file needs at most a few dozen), "
        "and check that the first row holds the column names",
        table=table,
    )


def bad_character_message(text: str) -> str:
    """Why a cell that matched :data:`NUL_PATTERN` or :data:`CP932_PATTERN` is refused."""
    m = _BAD_CHAR.search(text)
    ch = m.group(0) if m else "\x00"
    if ch == "\x00":
        return f"'{shown(text)}' holds a NUL byte (\\0), which is not text"
    byte = _CP932_BYTES.get(ch)
    what = (
        f"the byte {byte}, which Shift_JIS (CP932) does not define"
        if byte
        else "a user-defined character (外字) of Shift_JIS"
    )
    return (
        f"'{shown(text)}' holds {what}; it would become the private-use character "
        f"U+{ord(ch):04X}, which other computers show differently"
    )


_BAD_CHAR_HINT = (
    "retype the value with ordinary characters (for a name, the characters of the "
    "registry), then save the file again as CSV UTF-8"
)


def bad_cells(
    header: list[str],
    columns: list[pa.Array | pa.ChunkedArray],
    pattern: str,
    *,
    label: str,
    table: str,
    row_of: Callable[[int], int],
) -> list[LoadProblem]:
    """A ``bad_character`` problem per cell matching ``pattern`` (at most ``MAX_LISTED``
    per column, then a summary)."""
    out: list[LoadProblem] = []
    for i, (name, col) in enumerate(zip(header, columns, strict=False)):
        hits = pc.fill_null(pc.match_substring_regex(col, pattern), False)
        index = np.flatnonzero(hits.to_numpy(zero_copy_only=False))
        if len(index) == 0:
            continue
        column = shown(name) if name else f"#{i + 1}"
        listed = index[:MAX_LISTED]
        texts = pc.take(col, pa.array(listed, type=pa.int64())).to_pylist()
        out += [
            problem(
                "bad_character",
                label,
                row_of(int(r)),
                column,
                bad_character_message(t),
                _BAD_CHAR_HINT,
                table=table,
            )
            for r, t in zip(listed, texts, strict=True)
        ]
        if len(index) > MAX_LISTED:
            out.append(
                problem(
                    "bad_character",
                    label,
                    None,
                    column,
                    f"… and {len(index) - MAX_LISTED} more cells with such characters",
                    _BAD_CHAR_HINT,
                    table=table,
                )
            )
    return out
