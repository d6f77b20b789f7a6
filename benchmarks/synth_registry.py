"""A synthetic NTA registry file (法人番号 基本3情報 CSV) of any size, for the benchmark.

Rows follow the published resource definition (30 columns, no header, codes from
:mod:`kizuna.registry.spec`): numbers with valid check digits, grouped by prefecture in
JIS order and ascending within one (as the NTA files are), names with legal forms before
or after (株式会社… / …株式会社 / 有限会社 / 一般社団法人 …), full-width street numbers,
katakana フリガナ, some English names, ~8 % closed registrations (some by merger, with a
successor).  Text fields are quoted, as in the NTA files.

    python benchmarks/synth_registry.py /tmp/00_zenkoku_all_20240329.zip --rows 5000000
"""

from __future__ import annotations

import argparse
import random
import zipfile
from pathlib import Path

import numpy as np

from kizuna.graph.geo import prefectures
from kizuna.loaders.corporate import check_digit

_SYLLABLES = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
)
_KANJI = "東西南北山川田中本日大小新光精機電工業技研化学金属製作所商事建設運輸通信医薬食品開発"
_FORMS = [
    ("株式会社", "301", True),
    ("株式会社", "301", False),
    ("有限会社", "302", True),
    ("合同会社", "305", True),
    ("一般社団法人", "399", True),
    ("特定非営利活動法人", "499", True),
]
_FW = str.maketrans("0123456789", "０１２３４５６７８９")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if text else ""


def synthetic_rows(n: int, *, seed: int = 15, as_of: str = "2024-03-29"):
    """Yield n CSV lines (without newline) of a national full file."""
    rng = random.Random(seed)
    prefs = prefectures()
    weights = np.array(
        [3.0 if p.name in ("東京都", "大阪府", "愛知県", "神奈川県") else 1.0 for p in prefs]
    )
    counts = np.floor(weights / weights.sum() * n).astype(int)
    counts[0] += n - counts.sum()
    seq = 0
    for code, (pref, count) in enumerate(zip(prefs, counts, strict=True), start=1):
        base = code * 10**10
        for _ in range(int(count)):
            base += rng.randint(1, 3)
            text = f"{base:012d}"
            number = f"{check_digit(text)}{text}"
            seq += 1
            word = "".join(rng.choices(_KANJI, k=rng.randint(2, 5)))
            form, kind, before = (
                _FORMS[rng.randrange(len(_FORMS))] if rng.random() < 0.9 else _FORMS[0]
            )
            name = form + word if before else word + form
            kana = "".join(rng.choices(_SYLLABLES, k=rng.randint(4, 10)))
            street = (
                f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号".translate(
                    _FW
                )
            )
            closed = rng.random() < 0.08
            merged = closed and rng.random() < 0.3
            process = "21" if closed else ("11" if rng.random() < 0.05 else "01")
            update = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            fields = [
                str(seq),
                number,
                process,
                "0",
                update,
                update,
                _quote(name),
                "",
                kind,
                _quote(pref.name),
                _quote(pref.capital),
                _quote(street),
                "",
                f"{code:02d}",
                f"{rng.randint(100, 999)}",
                f"{rng.randint(1000000, 9999999)}",
                "",
                "",
                update if closed else "",
                ("11" if merged else "01") if closed else "",
                "",  # successor: filled below for mergers
                "",
                "2015-10-05",
                "1",
                _quote(f"{kana.lower()} Co., Ltd.") if rng.random() < 0.05 else "",
                _quote(pref.name_en) if rng.random() < 0.05 else "",
                "",
                "",
                _quote(kana),
                "0",
            ]
            if merged:
                other = f"{code * 10**10 + rng.randint(1, 10**6):012d}"
                fields[20] = f"{check_digit(other)}{other}"
            yield ",".join(fields)


def write_registry(path: Path, n: int, *, seed: int = 15, encoding: str = "utf-8") -> Path:
    """Write n rows as ``path`` (.csv, or .zip holding one .csv like the NTA downloads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".zip":
        with (
            zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
            zf.open(path.with_suffix(".csv").name, "w", force_zip64=True) as fh,
        ):
            _write_lines(fh, n, seed, encoding)
        return path
    with path.open("wb") as fh:
        _write_lines(fh, n, seed, encoding)
    return path


def _write_lines(fh, n: int, seed: int, encoding: str) -> None:  # type: ignore[no-untyped-def]
    buf: list[str] = []
    for line in synthetic_rows(n, seed=seed):
        buf.append(line)
        if len(buf) >= 50_000:
            fh.write(("\r\n".join(buf) + "\r\n").encode(encoding))
            buf = []
    if buf:
        fh.write(("\r\n".join(buf) + "\r\n").encode(encoding))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--encoding", default="utf-8", choices=["utf-8", "cp932"])
    args = parser.parse_args()
    write_registry(args.out, args.rows, seed=args.seed, encoding=args.encoding)
    print(args.out)


if __name__ == "__main__":
    main()
