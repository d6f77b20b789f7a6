"""Time one cluster report of the seed in every format, and the PDF layout passes.

    python benchmarks/bench_reports.py [--cluster tama] [--repeat 3]

Writes a Markdown table to stdout (copy it into benchmarks/results/reports.md).  The PDF
is laid out once more (compact, then roomy) only when its last page would be nearly empty;
the table says how many layouts each PDF needed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from kizuna.analytics.api import analyze
from kizuna.loaders import open_bundle
from kizuna.reports import render
from kizuna.reports.build import build_cluster_report
from kizuna.reports.render import write_report

SEED = Path(__file__).resolve().parents[1] / "data" / "seed"


def best(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", default="tama")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bundle = open_bundle(SEED, strict=False)
    analysis = analyze(bundle)
    print(f"## reports — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, seed, cluster {args.cluster}\n")
    print("| step | ja s | en s | note |")
    print("|---|---|---|---|")
    rows: dict[str, dict[str, str]] = {}
    for lang in ("ja", "en"):

        def build(lang: str = lang):  # type: ignore[no-untyped-def]
            return build_cluster_report(bundle, args.cluster, lang=lang, analysis=analysis)

        rows.setdefault("build document", {})[lang] = f"{best(args.repeat, build):.2f}"
        with tempfile.TemporaryDirectory() as out:
            for fmt in ("html", "md", "xlsx", "pdf"):
                seconds = best(args.repeat, lambda fmt=fmt: write_report(build(), out, [fmt]))
                rows.setdefault(f"build + {fmt}", {})[lang] = f"{seconds:.2f}"
            html = render.render_html(build())
            layouts = 0
            for variant in render.LAYOUTS:
                layouts += 1
                doc = render.lay_out_variant(html, variant)
                if render.page_fill(doc.pages[-1]) >= render.MIN_LAST_PAGE:
                    break
            rows.setdefault("PDF layouts needed", {})[lang] = str(layouts)
    notes = {"build + pdf": "WeasyPrint, fonts subset and embedded"}
    for step, by_lang in rows.items():
        print(f"| {step} | {by_lang['ja']} | {by_lang['en']} | {notes.get(step, '')} |")


if __name__ == "__main__":
    main()
