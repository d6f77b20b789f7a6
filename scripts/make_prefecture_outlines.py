"""Write graph/data/prefecture_outlines.json from the japanmap package's boundary data.

Source: the PyPI package ``japanmap`` 0.6.0 (Saito Tsutomu, Apache-2.0), file
``japanmap/japan.json``: shared boundary points and, per prefecture (JIS order), the border
arcs of the area that holds its capital.  Each arc is simplified once (Douglas-Peucker,
``--tolerance`` degrees, ends kept), so neighbouring prefectures still share their border;
coordinates are rounded to three decimals (about 100 m).

Usage::

    pip download --no-deps -d /tmp/jm japanmap==0.6.0 && unzip -o /tmp/jm/*.whl -d /tmp/jm
    python scripts/make_prefecture_outlines.py /tmp/jm/japanmap/japan.json
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "graph" / "data" / "prefecture_outlines.json"
PREFS = OUT.parent / "prefectures.csv"


def douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """The points of a polyline that stay within ``tolerance`` of it (ends kept)."""
    if len(points) < 3:
        return points
    start, end = points[0], points[-1]
    seg = end - start
    norm = float(np.hypot(*seg))
    rel = points - start
    if norm == 0.0:
        dist = np.hypot(rel[:, 0], rel[:, 1])
    else:
        dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm
    i = int(np.argmax(dist))
    if dist[i] <= tolerance:
        return np.array([start, end])
    left = douglas_peucker(points[: i + 1], tolerance)
    right = douglas_peucker(points[i:], tolerance)
    return np.vstack([left[:-1], right])


def simplify(source: Path, tolerance: float) -> dict[str, object]:
    qp, qo = json.loads(source.read_text("utf-8"))
    xy = np.array([p[0] for p in qp], dtype=float)
    done: dict[tuple[int, ...], list[list[float]]] = {}
    names = list(csv.DictReader(PREFS.read_text("utf-8").splitlines()))
    prefectures = []
    for code, arcs in enumerate(qo, start=1):
        ring: list[list[float]] = []
        for _, idx in arcs:
            key = tuple(idx)
            if key[::-1] in done:
                part = done[key[::-1]][::-1]
            else:
                if key[0] == key[-1]:  # a closed island: split so both halves keep a vertex
                    half = len(key) // 2
                    a = douglas_peucker(xy[list(key[: half + 1])], tolerance)
                    b = douglas_peucker(xy[list(key[half:])], tolerance)
                    pts = np.vstack([a[:-1], b])
                else:
                    pts = douglas_peucker(xy[list(key)], tolerance)
                part = [[round(float(x), 3), round(float(y), 3)] for x, y in pts]
                done[key] = part
            ring.extend(part if not ring else part[1:])
        row = names[code - 1]
        prefectures.append(
            {"code": code, "name": row["prefecture"], "name_en": row["prefecture_en"], "ring": ring}
        )
    return {
        "source": "japanmap 0.6.0 (PyPI, Saito Tsutomu), japanmap/japan.json",
        "licence": "Apache-2.0",
        "simplified": f"Douglas-Peucker per border arc, tolerance {tolerance} degrees",
        "prefectures": prefectures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="japanmap/japan.json")
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args()
    data = simplify(args.source, args.tolerance)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    points = sum(len(p["ring"]) for p in data["prefectures"])  # type: ignore[attr-defined]
    print(f"{OUT}: {points} points, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
