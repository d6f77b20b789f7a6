"""`kizuna registry add` on a national-size file, re-adding it, a difference file, enrich.

A synthetic national full file (``synth_registry.py``, default 5,000,000 rows, cached in
the work folder) is added with ``kizuna registry add`` in a subprocess into an empty data
directory: wall time, CPU time (user + system) and peak RSS of the command.  Then the same
file again (must be skipped: same SHA-256, nothing changed), a difference file of 10,000
name changes, ``kizuna registry status``, and ``kizuna enrich`` of a 1,000-organization
bundle (names drawn from the file, a quarter without prefecture, some unknown).

    python benchmarks/bench_registry.py                      # 5M rows
    python benchmarks/bench_registry.py --rows 500000 --work /tmp/kz-bench-registry
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_registry import write_registry


def run(args: list[str]) -> dict[str, float]:
    """Run ``kizuna ARGS`` in a subprocess: wall s, CPU s and peak RSS MB of that child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", "from kizuna.cli import main; main()", *args],
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"kizuna {' '.join(args)} failed:\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss_mb": after.ru_maxrss / 1024, "out": proc.stdout}  # type: ignore[dict-item]


def first_rows(path: Path, n: int, step: int = 1) -> list[list[str]]:
    with zipfile.ZipFile(path) as zf, zf.open(zf.namelist()[0]) as fh:
        reader = csv.reader(io.TextIOWrapper(fh, encoding="utf-8", newline=""))
        out = []
        for i, row in enumerate(reader):
            if i % step == 0:
                out.append(row)
                if len(out) >= n:
                    break
    return out


def diff_file(national: Path, out: Path, n: int) -> Path:
    rows = first_rows(national, n)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for i, r in enumerate(rows, start=1):
        r = list(r)
        r[0], r[2], r[4], r[5] = str(i), "11", "2024-04-01", "2024-03-30"
        r[6] = r[6] + "ホールディングス"
        writer.writerow(r)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(out.with_suffix(".csv").name, buf.getvalue().encode("utf-8"))
    return out


def bundle(national: Path, out: Path, n: int, total: int) -> Path:
    rows = first_rows(national, n, step=max(1, total // n))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "nodes.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind", "prefecture"])
        for i, r in enumerate(rows):
            name = r[6] if i % 10 else f"存在しない{i}株式会社"
            w.writerow([f"n{i}", name, "company", "" if i % 4 == 0 else r[9]])
    (out / "ties.csv").write_text("source,target,kind\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kz-bench-registry"))
    parser.add_argument("--results", type=Path, default=None, help="Append a markdown row here.")
    args = parser.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    national = work / f"00_zenkoku_all_20240329_{args.rows}.zip"
    if not national.exists():
        t = time.monotonic()
        write_registry(national, args.rows)
        print(f"generated {national} in {time.monotonic() - t:.0f} s", file=sys.stderr)
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    load_start = os.getloadavg()[0]
    dd = ["--data-dir", str(data)]
    add = run(["registry", "add", str(national), *dd])
    again = run(["registry", "add", str(national), *dd])
    assert "already added" in again["out"], again["out"]
    diff = run(
        ["registry", "add", str(diff_file(national, work / "diff_20240401.zip", 10_000)), *dd]
    )
    status = run(["registry", "status", "--json", *dd])
    held = json.loads(status["out"])["rows_held"]
    enrich = run(["enrich", str(bundle(national, work / "bundle", 1000, args.rows)),
                  "--out", str(work / "enriched"), *dd])  # fmt: skip
    db = sum(f.stat().st_size for f in (data / "registry").iterdir()) / 2**20
    load_end = os.getloadavg()[0]
    cells = [
        f"{args.rows:,}",
        f"{national.stat().st_size / 2**20:.0f}",
        f"{add['wall']:.0f}",
        f"{add['cpu']:.0f}",
        f"{args.rows / add['wall']:,.0f}",
        f"{add['rss_mb']:.0f}",
        f"{again['wall']:.1f}",
        f"{diff['wall']:.1f}",
        f"{status['wall']:.1f}",
        f"{enrich['wall']:.1f}",
        f"{held:,}",
        f"{db:,.0f}",
        f"{load_start:.1f} / {load_end:.1f}",
    ]
    line = "| " + " | ".join(cells) + " |"
    header = (
        "| rows | zip MB | add wall s | add CPU s | rows/s (wall) | add peak RSS MB | re-add s "
        "| diff 10k s | status s | enrich 1k s | rows held | db MB | load avg start / end |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    now = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"{platform.node()} {os.cpu_count()} cores, {now}")
    print(header)
    print(line)
    print(enrich["out"].strip())
    if args.results:
        with args.results.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")


if __name__ == "__main__":
    main()
