"""What a user gets: the built wheel in a fresh venv, run from an empty folder, with the
machine's fonts hidden (issue 14).

The wheel is built from this checkout, installed with its dependencies only (no extras)
into a new virtual environment, and every main job runs from an empty folder inside a
private mount namespace whose /usr/share/fonts is an empty tmpfs: no system font at all,
so Japanese can only come from what the install brings.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
pytestmark = pytest.mark.slow


def _can_hide_fonts() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs", "none", "/mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


needs_namespace = pytest.mark.skipif(
    not _can_hide_fonts(), reason="hiding the system fonts needs unshare -m (root)"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdffonts"), reason="poppler-utils not installed (scripts/test installs it)"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "kizuna"  # a clean copy: no stale build/
    shutil.copytree(
        ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "*.egg-info",
            "test-artifacts",
            "__pycache__",
            ".cache",
            "node_modules",
        ),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("kizuna-*.whl")
    return path


def test_wheel_claims_only_the_kizuna_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"kizuna", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    for package in ("graph", "cypher", "loaders", "analytics", "dashboard", "reports"):
        assert f"kizuna/{package}/__init__.py" in names
    assert "kizuna/seed/nodes.csv" in names  # the seed network is package data
    assert "kizuna/cypher/read_ties.cypher" in names
    assert not any(name.endswith(("build_seed.py", "seed_rows.py")) for name in names)


def test_wheel_needs_no_extra_for_the_main_jobs(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(meta).decode().splitlines()
    required = [
        line.split(":", 1)[1].strip().lower()
        for line in lines
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    for name in ("arcadedb-embedded", "weasyprint", "matplotlib-fontja", "neo4j", "dash"):
        assert any(req.startswith(name) for req in required), name


def _user_env() -> dict[str, str]:
    """This environment less what points at the checkout (PYTHONPATH, KIZUNA_*)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KIZUNA_"))}


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, env=_user_env())
    subprocess.run(
        [str(where / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        env=_user_env(),
    )
    assert (where / "bin" / "kizuna").exists()
    return where


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _script(venv: Path, work: Path, port: int) -> str:
    """The user's session, run in a private mount namespace with no system fonts."""
    hide = "\n".join(f"[ -d {d} ] && mount -t tmpfs none {d}" for d in FONT_DIRS)
    return f"""
set -eu
trap 'kizuna store stop >/dev/null 2>&1 || true' EXIT
{hide}
cd {work}/empty
export PATH={venv}/bin:/usr/bin:/bin KIZUNA_DATA_DIR={work}/data
export HOME={work}/home MPLCONFIGDIR={work}/mpl XDG_CACHE_HOME={work}/cache
kizuna store start
kizuna demo --no-serve
kizuna report --cluster tama --format pdf,html,xlsx,md --lang ja --out {work}/out
kizuna serve --port {port} > {work}/serve.log 2>&1 &
SERVE=$!
for i in $(seq 1 120); do
  if python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:{port}/')" \\
      2>/dev/null; then echo SERVED; break; fi
  sleep 0.5
done
python -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:{port}/_dash-layout').status)"
kill -TERM $SERVE; wait $SERVE || true  # (a background job ignores SIGINT)
fc-list | wc -l > {work}/fonts-seen
kizuna store stop
"""


@needs_namespace
@needs_poppler
def test_fresh_install_runs_every_main_job_without_system_fonts(venv: Path, tmp_path: Path) -> None:
    for folder in ("empty", "home", "mpl", "cache", "out"):
        (tmp_path / folder).mkdir()
    env = _user_env()
    port = _free_port()
    run = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "bash", "-c", _script(venv, tmp_path, port)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    assert list((tmp_path / "empty").iterdir()) == []  # nothing written where the user stands
    assert (tmp_path / "fonts-seen").read_text().strip() == "0"  # really no system font
    assert "SERVED" in run.stdout
    assert "Glyph" not in output and "missing from font" not in output
    assert "Traceback" not in output

    pdf = tmp_path / "out" / "cluster-tama.ja.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "IPAexGothic" in fonts.stdout  # the Japanese font came with the install
    assert all(" yes " in line for line in fonts.stdout.splitlines()[2:])  # all embedded
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "TAMA" in text and "クラスター" in text
    for ext in ("html", "xlsx", "md"):
        assert (tmp_path / "out" / f"cluster-tama.ja.{ext}").stat().st_size > 0


def test_app_page_is_served_by_the_installed_package(venv: Path, tmp_path: Path) -> None:
    """Without the namespace: the installed app serves the seed bundle from package data."""
    env = _user_env()
    seed = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from kizuna.cmd_demo import SEED_DIR; print(SEED_DIR)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout.strip()
    assert seed.startswith(str(venv)) and (Path(seed) / "ties.csv").exists()
    port = _free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "kizuna"), "serve", "--input", seed, "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout") as page:
                    assert page.status == 200
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the installed app did not answer")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
