"""The benchmark's plain igraph + numpy pipeline computes the same columns as kizuna."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kizuna.cli import main

PIPELINE = Path(__file__).resolve().parents[2] / "benchmarks" / "pipeline_analytics.py"


@pytest.mark.parametrize("exact_max", ["20000", "300"])  # exact, and sampled sources
def test_pipeline_output_equals_kizuna(tmp_path, exact_max):
    bundle, ours, theirs = tmp_path / "b", tmp_path / "kizuna", tmp_path / "pipeline"
    main(["synth", "--orgs", "600", "--seed", "4", "--out", str(bundle)])
    main(["analyze", "--input", str(bundle), "--out", str(ours), "--exact-max", exact_max])
    done = subprocess.run(
        [
            sys.executable,
            str(PIPELINE),
            str(bundle),
            str(theirs),
            "--exact-max",
            exact_max,
            "--check",
            str(ours),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "same as kizuna" in done.stderr
