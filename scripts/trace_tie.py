"""Follow one tie from a CSV row to the app and count the kizuna modules and functions it crosses.

A measurement, not a test: it writes a tiny bundle (three organizations in two clusters, one
tie, one program two of them join) as CSV files in a temporary folder, starts an embedded
store in a temporary data directory, and runs the real path under :func:`sys.setprofile`,
recording every ``kizuna.*``
function entered (module bodies run by an import are not counted: everything is imported by
an untraced first pass, then the store is emptied and the path is traced):

1. load: ``kizuna.loaders.load.load_bundle`` (it opens the bundle with
   ``kizuna.loaders.open_bundle``) into the store, as ``kizuna load`` does (without keeping
   the app's snapshot, so that stage 2 reads the store back);
2. read back: the app's ``DataSource`` over ``StoreSource`` (version, read, snapshot);
3. the snapshot's analysis, which the app runs in a worker process (traced in-process here);
4. map: the national map page's answer (``render`` through ``SnapshotData.view``);
5. data page: the ties grid's first block of rows.

Per stage it prints the modules and functions crossed, and which of them hold the tie (an
argument or the return value holds its row: recognised by its evidence text, or a row or
record with both its endpoints). Run from a checkout::

    PYTHONPATH=. python scripts/trace_tie.py
"""

from __future__ import annotations

import ast
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import pandas as pd

SOURCE, TARGET, EVIDENCE = "trace_tama", "trace_kobe", "TRACE-TIE-EVIDENCE"

NODES = f"""id,name,kind,cluster,region,prefecture
{SOURCE},TAMA協会,cluster_body,c_tama,kanto,東京都
{TARGET},神戸大学,university,c_kansai,kinki,兵庫県
trace_acme,株式会社アクメ,company,c_tama,kanto,東京都
"""
TIES = f"""source,target,kind,since,evidence,confidence
{SOURCE},{TARGET},mou,2003,{EVIDENCE},reported
"""

#: One program two organizations join: a load before issue 18 derived a co_participation tie
#: from it and stored it (the traced tie is another pair).
PROGRAMS = """id,name,kind
trace_fair,商談会,matching
"""
PARTICIPATION = f"""program,organization
trace_fair,{TARGET}
trace_fair,trace_acme
"""

#: Where the tie's identity, duplicates, endpoints and adjacency are handled: calls counted.
WATCHED = (
    "tie_keys",
    "tie_groups",
    "tie_key_array",
    "Bundle.tie_identity",
    "_tie_identity",
    "_keep_first",
    "_check_tie_ends",
    "BundleLoad._find_handles",
    "covering_rows",
    "_endpoint_codes",
    "build_snapshot",
    "_symmetric_csr",
    "Snapshot.igraph",
    "SnapshotData._build_neighbours",
    "_fr",
    "project_participation",
    "BundleLoad._delete_derived",
    "BoltStore.content_version",
    "BoltStore.read_bundle",
)

#: Text helpers: they translate labels, never see the tie (reported, and counted apart).
TEXT_MODULES = ("kizuna.dashboard.i18n", "kizuna.dashboard.text", "kizuna.graph.terms")


def holds_tie(value: Any, depth: int = 0, seen: set[int] | None = None) -> bool:
    """Whether ``value`` holds the traced tie (its row, record or evidence text)."""
    seen = set() if seen is None else seen
    if depth > 3 or id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return EVIDENCE in value
    if isinstance(value, pd.DataFrame):
        return _frame_holds_tie(value)
    if isinstance(value, dict):
        return _ends_match(value) or _any_holds(list(value.values()), depth, seen)
    if isinstance(value, list | tuple | set | frozenset):
        return _any_holds(list(value), depth, seen)
    column = _as_list(value)
    if column is not None:
        return any(isinstance(v, str) and EVIDENCE in v for v in column)
    module = type(value).__module__ or ""
    if module.startswith("kizuna.") and hasattr(value, "__dict__"):
        return _any_holds(list(vars(value).values()), depth, seen)
    return False


def _any_holds(values: list[Any], depth: int, seen: set[int]) -> bool:
    return any(holds_tie(v, depth + 1, seen) for v in values[:200])


def _frame_holds_tie(frame: pd.DataFrame) -> bool:
    if {"source", "target"} <= set(frame.columns):
        src, dst = frame["source"].astype(str), frame["target"].astype(str)
        if bool(((src == SOURCE) & (dst == TARGET)).any()):
            return True
    return "evidence" in frame.columns and bool(
        frame["evidence"].astype(str).str.contains(EVIDENCE, regex=False).any()
    )


def _ends_match(mapping: dict[Any, Any]) -> bool:
    """A record of the tie, or columns by name holding its row."""
    src, dst = _as_list(mapping.get("source")), _as_list(mapping.get("target"))
    if src is None or dst is None:
        return False
    return any(a == SOURCE and b == TARGET for a, b in zip(src, dst, strict=False))


def _as_list(value: Any) -> list[Any] | None:
    """A cell or a column (pandas, numpy, pyarrow) as a list; None for anything else."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, pd.Series | pd.Index):
        return value.tolist() if len(value) <= 1000 else None
    to_list = getattr(value, "to_pylist", None) or getattr(value, "tolist", None)
    if callable(to_list) and type(value).__module__.split(".")[0] in ("numpy", "pyarrow"):
        try:
            column = to_list()
        except Exception:  # a pyarrow scalar or table shape: not a column
            return None
        return column if isinstance(column, list) else None
    return None


@dataclass
class Stage:
    """What one stage crossed: function → whether it held the tie."""

    name: str
    functions: dict[tuple[str, str], bool] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    def modules(self, *, tie_only: bool = False, text: bool = True) -> list[str]:
        return sorted(
            {
                m
                for (m, _), held in self.functions.items()
                if (held or not tie_only) and (text or m not in TEXT_MODULES)
            }
        )

    def names(self, *, tie_only: bool = False, named: bool = False) -> list[str]:
        """Functions entered (``named``: without comprehensions, lambdas, generated code)."""
        return sorted(
            f"{m}.{f}"
            for (m, f), held in self.functions.items()
            if (held or not tie_only) and (not named or is_named(f))
        )


def is_named(qualname: str) -> bool:
    """A function written with ``def`` (not a comprehension, lambda or dataclass method)."""
    return not qualname.rsplit(".", 1)[-1].startswith("<") and "__create_fn__" not in qualname


@contextmanager
def traced(stage: Stage) -> Iterator[None]:
    """Record every kizuna function entered (all threads) while the block runs."""
    lock = threading.Lock()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event not in ("call", "return"):
            return
        module = frame.f_globals.get("__name__", "")
        name = frame.f_code.co_qualname
        if not module.startswith("kizuna.") or name == "<module>":
            return
        key = (module, name)
        if event == "call":
            held = any(holds_tie(v) for v in list(frame.f_locals.values()))
        else:
            held = holds_tie(arg)
        with lock:
            stage.functions[key] = stage.functions.get(key, False) or held
            if event == "call":
                stage.calls[name] = stage.calls.get(name, 0) + 1

    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(None)
        threading.setprofile(None)


def _entry_points() -> tuple[Any, Any, Any, Any]:
    """load_bundle, the map's render, the data page's table_frame and rows_response.

    Where they live now, else where they lived before issue 18 (``kizuna.cmd_load``, page
    modules instead of page folders), so that the same trace runs on an older checkout.
    """
    try:
        from kizuna.dashboard.pages.data_tables import model as data_page
        from kizuna.dashboard.pages.national_map import layout as map_page
        from kizuna.loaders import load
    except ImportError:
        from kizuna import cmd_load as load  # type: ignore[no-redef]
        from kizuna.dashboard.pages import data_tables as data_page  # type: ignore[no-redef]
        from kizuna.dashboard.pages import national_map as map_page  # type: ignore[no-redef]
    return load.load_bundle, map_page.render, data_page.table_frame, data_page.rows_response


def run_path(bundle_dir: Path, store: Any, source: Any, stages: list[Stage] | None) -> None:
    """The path itself; traced stage by stage when ``stages`` is given."""
    from kizuna.dashboard.data import _analyze

    try:
        from kizuna.dashboard.store_source import DataSource
    except ImportError:  # before issue 18's last session: in dashboard.data
        from kizuna.dashboard.data import DataSource  # type: ignore[attr-defined,no-redef]

    load_bundle, render, table_frame, rows_response = _entry_points()

    def stage(i: int, work: Callable[[], Any]) -> Any:
        if stages is None:
            return work()
        with traced(stages[i]):
            return work()

    result = stage(0, lambda: load_bundle(store, bundle_dir))
    assert result.report is not None, result.errors
    app_source = DataSource(source, cache_dir=None)

    def read_back() -> Any:
        data = app_source.current().data
        data.warm()  # the analysis and layout the pages draw from (once per snapshot)
        return data

    data = stage(1, read_back)
    assert len(data.bundle.ties) == 1
    # the app runs the analysis in a worker process (run_analysis): traced here in-process
    stage(2, lambda: _analyze(data.bundle))
    answer = partial(render, data, None, None, None, None, None, "ja")
    view = getattr(data, "view", None)  # answers kept per snapshot (not before issue 18)
    stage(3, lambda: view("map", answer) if view is not None else answer())
    rows = stage(
        4, lambda: rows_response(table_frame(data, "ties", {}), {"startRow": 0, "endRow": 100})
    )
    assert rows["rowCount"] == 1 and rows["rowData"][0]["evidence"] == EVIDENCE


def module_lines(modules: list[str], functions: set[tuple[str, str]]) -> tuple[int, int]:
    """Lines of ``modules`` in all, and of the top-level or method ``functions`` among them."""
    total = in_functions = 0
    for name in modules:
        path = getattr(sys.modules.get(name), "__file__", None)
        if not path:
            continue
        source = Path(path).read_text(encoding="utf-8")
        total += len(source.splitlines())
        for node in ast.parse(source).body:
            body = node.body if isinstance(node, ast.ClassDef) else [node]
            for d in body:
                if not isinstance(d, ast.FunctionDef):
                    continue
                qualname = d.name if d is node else f"{getattr(node, 'name', '')}.{d.name}"
                if (name, qualname) in functions:
                    in_functions += (d.end_lineno or d.lineno) - d.lineno + 1
    return total, in_functions


def report(stages: list[Stage]) -> str:
    """The trace as Markdown."""
    lines = ["# One tie from a CSV row to the app: modules and functions crossed", ""]
    lines += [
        "Measured by `scripts/trace_tie.py` (kizuna.* functions entered, all threads; text "
        f"helpers = {', '.join(TEXT_MODULES)}). *Holding the tie* = an argument or the "
        "return value holds the tie's row.",
        "",
        "| stage | modules | functions (named) | modules holding the tie "
        "| functions holding the tie (named) |",
        "|---|---:|---:|---:|---:|",
    ]
    every = Stage("all")
    for s in stages:
        for key, held in s.functions.items():
            every.functions[key] = every.functions.get(key, False) or held
    for s in [*stages, every]:
        name = "**all stages (distinct)**" if s is every else s.name
        lines.append(
            f"| {name} | {len(s.modules())} ({len(s.modules(text=False))} without text helpers)"
            f" | {len(s.functions)} ({len(s.names(named=True))})"
            f" | {len(s.modules(tie_only=True))}"
            f" | {len(s.names(tie_only=True))} ({len(s.names(tie_only=True, named=True))}) |"
        )
    holding = {key for key, h in every.functions.items() if h}
    total, in_functions = module_lines(every.modules(tie_only=True), holding)
    lines += [
        "",
        f"The {len(every.modules(tie_only=True))} modules holding the tie have {total:,} lines "
        f"in all; the functions and methods among them that hold it, {in_functions:,} lines.",
    ]
    lines += [
        "",
        "Calls of the functions that handle the tie's identity, duplicates, endpoints and "
        "adjacency, and of the store reads:",
        "",
        "| function | " + " | ".join(s.name.split(".")[0] for s in stages) + " |",
        "|---|" + "---:|" * len(stages),
    ]
    for name in WATCHED:
        counts = [str(s.calls.get(name, 0)) for s in stages]
        lines.append(f"| `{name}` | " + " | ".join(counts) + " |")
    for s in stages:
        lines += ["", f"## {s.name}", ""]
        for module in s.modules():
            funcs = sorted(
                f + (" *" if held else "") for (m, f), held in s.functions.items() if m == module
            )
            lines.append(f"- `{module}`: {', '.join(funcs)}")
    lines += ["", "`*` = the function held the tie."]
    return "\n".join(lines) + "\n"


def main() -> int:
    from kizuna.config import Settings

    try:
        from kizuna.dashboard.store_source import StoreSource
    except ImportError:  # before issue 18
        from kizuna.cmd_serve import StoreSource
    from kizuna.graph.embedded import start_server, stop_server
    from kizuna.store_access import connect

    with tempfile.TemporaryDirectory(prefix="kz-trace-") as tmp:
        bundle_dir, data_dir = Path(tmp, "bundle"), Path(tmp, "store")
        bundle_dir.mkdir()
        Path(bundle_dir, "nodes.csv").write_text(NODES, encoding="utf-8")
        Path(bundle_dir, "ties.csv").write_text(TIES, encoding="utf-8")
        Path(bundle_dir, "programs.csv").write_text(PROGRAMS, encoding="utf-8")
        Path(bundle_dir, "participation.csv").write_text(PARTICIPATION, encoding="utf-8")
        start_server(data_dir, attached=True)
        try:
            settings = Settings(data_dir=data_dir)
            store = connect(settings)
            store.ensure_schema()
            source = StoreSource(settings)
            try:
                run_path(bundle_dir, store, source, None)  # imports everything, untraced
                store.clear()
                stages = [
                    Stage("1. load (open_bundle, load_bundle → store)"),
                    Stage("2. read back (DataSource over StoreSource, snapshot analysis)"),
                    Stage("3. the snapshot's analysis (app worker process: analytics analyze)"),
                    Stage("4. map page answer (national_map render)"),
                    Stage("5. data page ties grid row"),
                ]
                run_path(bundle_dir, store, source, stages)
            finally:
                source.close()
                store.close()
        finally:
            stop_server(data_dir)
    sys.stdout.write(report(stages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
