"""Write a NetworkAnalysis as the `kizuna analyze` output folder (CSV + meta.json)."""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kizuna.analytics.api import (
    CONTRACT_BRIDGE_COLUMNS,
    CONTRACT_NODE_COLUMNS,
    CONTRACT_PAIR_COLUMNS,
    NetworkAnalysis,
)
from kizuna.graph.cells import people_csv, safe_csv_cell, safe_csv_column

__all__ = ["csv_frame", "write_analysis"]

log = logging.getLogger(__name__)


def csv_frame(frame: pd.DataFrame, first: tuple[str, ...]) -> pd.DataFrame:
    """Contract columns first, booleans as true/false, lists joined with ``|``."""
    cols = list(first) + [c for c in frame.columns if c not in first]
    out = frame[cols]  # copy-on-write: the columns replaced below do not touch `frame`
    for col in out.columns:
        s = out[col]
        if s.dtype == bool:
            out[col] = np.where(s.to_numpy(), "true", "false")
        elif s.dtype == object and len(s) and isinstance(s.iloc[0], list | tuple):
            out[col] = ["|".join(map(str, v)) for v in s]
    return out


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        return _clean(value.item())
    return value


#: Frames with more cells than this are written by pyarrow (pandas' writer needs ~80 s
#: for 1M nodes × 33 columns on the 2-core machine, pyarrow ~8 s; nodes.csv from ~7 500
#: organizations on).
ARROW_MIN_CELLS = 250_000


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write with pandas for small frames, with pyarrow for big ones.

    pandas writes floats as Python repr; pyarrow the shortest round-trip text (e.g.
    ``1`` for 1.0 and ``1e-7``).  NaN/None → empty cell.

    UTF-8 with a byte-order mark (Excel in Japan then reads the names right); text cells
    a spreadsheet would read as a formula get a leading ``'`` (:mod:`graph.cells`).  Lines
    end with CRLF (pandas) or LF (pyarrow); cells holding a line break are quoted.
    """
    if frame.size <= ARROW_MIN_CELLS:
        people_csv(frame, path)
        return
    import pyarrow as pa
    import pyarrow.csv as pcsv

    arrays = []
    for col in frame.columns:
        values = frame[col]
        if values.dtype == object:
            try:
                column = pa.array(values.to_numpy(), pa.string(), from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                cells = [None if v is None or v != v else str(v) for v in values]
                column = pa.array(cells, pa.string())
        else:
            column = pa.array(values.to_numpy(), from_pandas=True)
        arrays.append(safe_csv_column(column))  # numbers are left as they are
    table = pa.Table.from_arrays(arrays, names=[str(safe_csv_cell(str(c))) for c in frame.columns])
    with open(path, "wb") as sink:
        sink.write(b"\xef\xbb\xbf")
        pcsv.write_csv(table, sink, pcsv.WriteOptions(quoting_style="needed"))


def write_analysis(result: NetworkAnalysis, out_dir: str | Path) -> dict[str, Path]:
    """Write nodes.csv, cluster_pairs.csv, bridges.csv, local_bridges.csv, spof.csv, meta.json.

    UTF-8 with a byte-order mark, text cells that begin like a formula (``= + - @``, tab,
    CR) escaped with a leading ``'`` (:func:`graph.cells.unescape_csv_cell` undoes it),
    floats as Python repr (shortest round-trip), NaN as an empty cell, booleans
    as true/false.  ``out_dir`` is created if missing.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "nodes": (result.nodes, CONTRACT_NODE_COLUMNS),
        "cluster_pairs": (result.cluster_pairs, CONTRACT_PAIR_COLUMNS),
        "bridges": (result.bridges, CONTRACT_BRIDGE_COLUMNS),
        "local_bridges": (result.local_bridges, ()),
        "spof": (result.spof, ()),
    }
    paths: dict[str, Path] = {}
    t0 = time.perf_counter()
    for name, (frame, first) in files.items():
        path = out / f"{name}.csv"
        _write_csv(csv_frame(frame, first), path)
        paths[name] = path
    meta = dict(result.meta)
    meta["timings"] = {**meta.get("timings", {}), "write": round(time.perf_counter() - t0, 3)}
    log.info("write: %.2f s", meta["timings"]["write"])
    meta["files"] = {k: p.name for k, p in paths.items()}
    meta["columns"] = {"nodes": list(CONTRACT_NODE_COLUMNS)}
    path = out / "meta.json"
    path.write_text(json.dumps(_clean(meta), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths["meta"] = path
    return paths
