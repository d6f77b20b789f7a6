"""No input makes the readers raise anything but BundleError (hypothesis): random bytes
and CSV-like text as nodes.csv / nodes.json / nodes.jsonl, and valid zips and workbooks
with random bytes changed.  Every problem has a message, and its text can be printed.
The unclosed-quote scan (a regular expression) agrees with a quote-by-quote scan.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kizuna.graph.errors import BundleError
from kizuna.loaders import check_bundle
from kizuna.loaders.textfile import unclosed_quote

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "data" / "examples" / "tiny"
TIES = "source,target,kind\n"
_PIECES = [
    '"',
    ",",
    "\r",
    "\n",
    "\t",
    "\0",
    "\ufeff",
    "=",
    "id",
    "name",
    "kind",
    "a",
    "東京",
    "\u2028",
    "{",
    "}",
    "[",
    "]",
    ":",
    "NaN",
    "\\ud800",
    "平成0年",
    "@rid",
]
CSVISH = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16", "utf-16-be", "utf-32"])
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(path: Path) -> None:
    try:
        _, problems = check_bundle(path)
    except BundleError as exc:
        problems = exc.problems  # type: ignore[assignment]
    for p in problems:
        assert p.message
        str(p).encode("utf-8")  # printable: no lone surrogates in messages


def _folder(tmp: str, name: str, data: bytes) -> Path:
    folder = Path(tmp)
    (folder / name).write_bytes(data)
    (folder / "ties.csv").write_text(TIES, encoding="utf-8")
    return folder


@SETTINGS
@given(
    data=st.binary(max_size=400), name=st.sampled_from(["nodes.csv", "nodes.json", "nodes.jsonl"])
)
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check(_folder(tmp, name, data))


@SETTINGS
@given(
    text=CSVISH,
    encoding=ENCODINGS,
    name=st.sampled_from(["nodes.csv", "nodes.json", "nodes.jsonl"]),
)
def test_csv_like_text_never_raises(text: str, encoding: str, name: str) -> None:
    data = ("id,name,kind\n" + text).encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as tmp:
        _check(_folder(tmp, name, data))


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(TINY.iterdir()):
            zf.write(f, f.name)
    return buf.getvalue()


ZIP = _zip_bytes()


@example(changes=[(2802, 0)])  # an empty member name: IndexError inside zipfile
@SETTINGS
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(ZIP) - 1), st.integers(0, 255)), min_size=1, max_size=8
    )
)
def test_damaged_zips_never_raise(changes: list[tuple[int, int]]) -> None:
    data = bytearray(ZIP)
    for pos, value in changes:
        data[pos] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.zip"
        path.write_bytes(bytes(data))
        _check(path)


def _workbook_bytes() -> bytes:
    from kizuna.loaders.readers import read_bundle
    from kizuna.loaders.writers import write_bundle

    bundle, _ = read_bundle(TINY)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_bundle(bundle, Path(tmp) / "tiny.xlsx", fmt="xlsx")
        return Path(path).read_bytes()


WORKBOOK = _workbook_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=4
    )
)
def test_damaged_workbooks_never_raise(changes: list[tuple[int, int]]) -> None:
    data = bytearray(WORKBOOK)
    for pos, value in changes:
        data[pos] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.xlsx"
        path.write_bytes(bytes(data))
        _check(path)


def _unclosed_quote_by_hand(data: bytes, delimiter: str, start: int) -> int | None:
    """The brute-force scan: quote by quote (the oracle of the regular expression)."""
    if data.count(b'"') % 2 == 0:
        return None
    starts = (delimiter.encode(), b"\n", b"\r")
    pos = start
    while True:
        j = data.find(b'"', pos)
        if j < 0:
            return None
        if j != start and data[j - 1 : j] not in starts:
            pos = j + 1  # a quote inside an unquoted value
            continue
        k = j + 1
        while True:
            k = data.find(b'"', k)
            if k < 0:
                return j
            if data[k + 1 : k + 2] != b'"':
                break
            k += 2  # an escaped quote
        pos = k + 1


@settings(max_examples=500, deadline=None)
@given(
    data=st.lists(st.sampled_from([b'"', b",", b"\t", b"\r", b"\n", b"a", b'""']), max_size=40).map(
        b"".join
    ),
    delimiter=st.sampled_from([",", "\t"]),
    start=st.integers(0, 3),
)
def test_unclosed_quote_scan_matches_the_scan_by_hand(
    data: bytes, delimiter: str, start: int
) -> None:
    start = min(start, len(data))
    expected = _unclosed_quote_by_hand(data, delimiter, start)
    assert unclosed_quote(data, delimiter, start=start) == expected


def test_unclosed_quote_by_hand_examples() -> None:
    assert unclosed_quote(b'id,name\na,"b\n', ",") == 10
    assert unclosed_quote(b'id,name\na,5" wide\n', ",") is None  # a literal quote
    assert unclosed_quote(b'id,name\na,"x""y"\nb,"', ",") == 19


def _central_header(data: bytes, member: str) -> int:
    """Offset of ``member``'s central-directory header in a zip's bytes."""
    return data.index(b"PK\x01\x02", data.rindex(member.encode()) - 46)


def test_workbook_with_an_encrypted_or_unknown_member_is_one_problem() -> None:
    """Two cases the workbook fuzz found: openpyxl raised RuntimeError (a member flagged
    encrypted) and NotImplementedError (an unknown compression method)."""
    member = "[Content_Types].xml"
    for field, value in ((8, 0x01), (10, 99)):  # general-purpose flags; compression method
        data = bytearray(WORKBOOK)
        start = _central_header(bytes(data), member)
        data[start + field] = value
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bundle.xlsx"
            path.write_bytes(bytes(data))
            _check(path)
            try:
                check_bundle(path)
            except BundleError as exc:
                assert "cannot be opened" in exc.problems[0].message
            else:
                raise AssertionError("a damaged workbook was read without a problem")
