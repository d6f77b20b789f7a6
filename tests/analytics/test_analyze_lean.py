"""`kizuna analyze --input` on a big input reads lean; its output files are the same."""

from __future__ import annotations

import json

import pytest

import kizuna.analytics.inputs as inputs
import kizuna.loaders.frames as frames
from kizuna.cli import main

VOLATILE = ("timings", "computed_at")


def _outputs(out):
    files = {}
    for path in sorted(out.iterdir()):
        if path.name == "meta.json":
            meta = json.loads(path.read_text(encoding="utf-8"))
            files[path.name] = {k: v for k, v in meta.items() if k not in VOLATILE}
        else:
            files[path.name] = path.read_bytes()
    return files


@pytest.mark.parametrize("bundle", ["data/seed", "data/examples/tiny"])
def test_lean_read_same_outputs(tmp_path, monkeypatch, caplog, bundle):
    main(["analyze", "--input", bundle, "--out", str(tmp_path / "full")])
    monkeypatch.setattr(inputs, "LEAN_MIN_BYTES", 0)
    monkeypatch.setattr(frames, "LEAN_MIN_ROWS", 0)
    with caplog.at_level("WARNING"):
        main(["analyze", "--input", bundle, "--out", str(tmp_path / "lean")])
    assert "only the columns the analysis uses were read" in caplog.text
    full, lean = _outputs(tmp_path / "full"), _outputs(tmp_path / "lean")
    assert list(lean) == list(full) and "nodes.csv" in lean
    for name in full:
        assert lean[name] == full[name], name


def test_lean_read_keeps_fatal_errors(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "nodes.csv").write_text("id,name,kind,note\na,A,company,x\na,B,company,y\n")
    (folder / "ties.csv").write_text("source,target,kind,note\na,zz,mou,n\n")
    monkeypatch.setattr(inputs, "LEAN_MIN_BYTES", 0)
    monkeypatch.setattr(frames, "LEAN_MIN_ROWS", 0)
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--input", str(folder), "--out", str(tmp_path / "out")])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "zz" in err and "ties.csv" in err
    assert "nodes.csv" in err and "'a'" in err
    assert "Traceback" not in err


def test_small_inputs_read_in_full(tmp_path, caplog):
    with caplog.at_level("WARNING"):
        main(["analyze", "--input", "data/seed", "--out", str(tmp_path / "out")])
    assert "only the columns the analysis uses" not in caplog.text


def test_input_size_counts_the_folder_read(tmp_path):
    folder = tmp_path / "b"
    (folder / "inner").mkdir(parents=True)
    (folder / "nodes.csv").write_bytes(b"x" * 100)
    (folder / "ties.csv").write_bytes(b"y" * 50)
    (folder / "inner" / "ties.csv").write_bytes(b"z" * 7)
    assert inputs.input_bytes(folder) == 157
    assert inputs.input_bytes(folder / "nodes.csv") == 157
