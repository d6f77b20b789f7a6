"""Every CLI path that reads a bundle ends hostile input with a plain message, exit 1,
never a traceback: `kizuna load --check`, `kizuna load` (against the test store, which
is left as it was) and `kizuna analyze --input`.  (`kizuna export` reads the store, not
a bundle.)
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kizuna.cli import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
TINY = ROOT / "data" / "examples" / "tiny"


def _says() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(BAD / "expected.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["says"] and r["severity"] == "error":
                out.setdefault(r["bundle"], []).append(r["says"])
    return out


SAYS = _says()
#: The inputs that ended in a traceback before (issue 12, item 4), as kept under bad/.
TRACEBACKS = [
    "cr_only_line_endings",
    "utf16be_no_bom",
    "utf32_no_bom",
    "nul_bytes_file",
    "json_deeply_nested",
    "json_5001_digit_number",
    "json_lone_surrogate",
    "zip_crc_error.zip",
    "zip_encrypted_member.zip",
    "zip_unknown_method.zip",
    "xlsx_5001_digit_number.xlsx",
]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out + out.err


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("nodes.csv", "w") as f:
            f.write(b"id,name,kind\n")
            for _ in range(50):
                f.write(bytes(1 << 20))
        zf.writestr("ties.csv", "source,target,kind\n")
    return path


@pytest.mark.parametrize("name", sorted(SAYS))
def test_check_refuses_each_hostile_input_plainly(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, text = _run(capsys, "load", "--check", str(BAD / name))
    assert code == 1, text
    assert "Traceback" not in text and "nothing was written" in text
    for says in SAYS[name]:
        assert says in text


def test_check_refuses_a_zip_bomb_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, text = _run(capsys, "load", "--check", str(_bomb(tmp_path / "bomb.zip")))
    assert code == 1
    lines = text.strip().splitlines()
    assert lines[0].startswith("Error: 1 problem(s) in the bundle; nothing was written.")
    assert len(lines) == 2 and "bomb.zip" in lines[1] and "1000 times" in lines[1]


@pytest.mark.parametrize("name", TRACEBACKS)
def test_analyze_input_never_shows_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    code, text = _run(capsys, "analyze", "--input", str(BAD / name), "--out", str(tmp_path))
    assert "Traceback" not in text
    if code:
        assert code == 1 and text.startswith("Error: ") and "nothing was written" in text


def test_analyze_input_refuses_a_zip_bomb(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bomb = _bomb(tmp_path / "bomb.zip")
    code, text = _run(capsys, "analyze", "--input", str(bomb), "--out", str(tmp_path / "o"))
    assert code == 1 and text.startswith("Error: ") and "Traceback" not in text


def test_console_script_caps_from_the_environment(tmp_path: Path) -> None:
    exe = shutil.which("kizuna")
    if exe is None:
        pytest.skip("the kizuna console script is not installed")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in TINY.iterdir():
            zf.write(f, f.name)
    env = dict(os.environ, KIZUNA_MAX_UNZIPPED_MB="0.001")
    done = subprocess.run(
        [exe, "load", "--check", str(plain)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "KIZUNA_MAX_UNZIPPED_MB" in done.stderr


@pytest.mark.store
def test_load_refuses_a_reserved_column_and_leaves_the_store_as_it_was(
    clean_store: Any,
    store_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in store_env.items():
        monkeypatch.setenv(key, value)
    assert _run(capsys, "load", str(TINY))[0] == 0
    before = clean_store.counts()
    bundle = tmp_path / "rid"
    shutil.copytree(TINY, bundle)
    nodes = (bundle / "nodes.csv").read_text(encoding="utf-8-sig").splitlines()
    nodes = [nodes[0] + ",@rid"] + [line + ",#1:0" for line in nodes[1:]]
    (bundle / "nodes.csv").write_text("\n".join(nodes) + "\n", encoding="utf-8")
    for args in (("load", str(bundle)), ("load", str(_bomb(tmp_path / "bomb.zip")))):
        code, text = _run(capsys, *args)
        assert code == 1 and "Traceback" not in text and "nothing was written" in text
    assert "'@rid' cannot be used" in _run(capsys, "load", str(bundle))[1]
    assert clean_store.counts() == before


#: Inputs no command can read (fatal even for the lenient readers of analyze/report).
UNREADABLE = [
    "utf16be_no_bom",
    "zip_encrypted_member.zip",
    "json_deeply_nested",
    "unclosed_quote",
    "too_many_columns",
    "bomb.zip",
]
#: Every other command that reads a bundle, as (command, options); BUNDLE and OUT are
#: replaced by the input and a fresh folder.  (`enrich` asks for the registry before it
#: reads the bundle, with loaders.check_bundle like `load --check`.)
READERS = [
    ("export", "--input", "BUNDLE", "--out", "OUT"),
    ("partners", "--input", "BUNDLE", "--org", "a"),
    ("report", "--input", "BUNDLE", "--cluster", "tama", "--out", "OUT"),
    ("serve", "--input", "BUNDLE", "--port", "1"),
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
@pytest.mark.parametrize("name", UNREADABLE)
def test_every_command_that_reads_a_bundle_refuses_plainly(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    name: str,
) -> None:
    monkeypatch.setenv("KIZUNA_DATA_DIR", str(tmp_path / "no-store"))
    path = _bomb(tmp_path / name) if name == "bomb.zip" else BAD / name
    args = [
        str(path) if a == "BUNDLE" else str(tmp_path / "out") if a == "OUT" else a for a in command
    ]
    code, text = _run(capsys, *args)
    assert code == 1, text
    assert "Traceback" not in text and "nothing was written" in text


@pytest.mark.parametrize("as_json", [False, True])
def test_a_lone_surrogate_in_a_json_key_is_printable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, as_json: bool
) -> None:
    (tmp_path / "nodes.json").write_text('[{"\\ud800":"x","name":"A","kind":"company"}]')
    (tmp_path / "ties.csv").write_text("source,target,kind\n")
    code, text = _run(capsys, "load", "--check", str(tmp_path), *(["--json"] if as_json else []))
    assert code == 1 and "Traceback" not in text
    assert "the column name '?' cannot be used" in text
    text.encode("utf-8")  # no lone surrogate reaches the terminal
