"""scripts/cypher-lint: Neo4j's Cypher language support fails the run on errors and
deprecations (the clean run over cypher/ and the cookbook is a step of scripts/test)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parents[1] / "scripts" / "cypher-lint"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("node") is None or shutil.which("npm") is None, reason="needs Node.js"
    ),
]


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), *map(str, files)], capture_output=True, text=True, timeout=600, check=False
    )


def test_bad_statements_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// name: bad\nMATCH (n:Organization)\nRETURN id(n), arcadeOnly(n)\n")
    doc = tmp_path / "doc.md"
    doc.write_text("# doc\n\n```cypher\nMATCH (n RETURN n\n```\n")
    out = lint(bad, doc)
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"{bad}:3:8: deprecated [CYPHER 5]: Function id is deprecated." in out.stdout
    assert f"{bad}:3:15: error [CYPHER 5]: Function arcadeOnly is not present" in out.stdout
    assert f"{doc}:4:10: error [CYPHER 5]: Invalid input 'RETURN'" in out.stdout
    assert "2 statements in 2 files, 4 errors, 4 deprecations" in out.stdout


def test_portable_statement_passes(tmp_path: Path) -> None:
    good = tmp_path / "good.cypher"
    good.write_text(
        "// name: good\nUNWIND $rows AS row\nMATCH (n:Organization {id: row.id})\n"
        "SET n += row.props\nRETURN count(n) AS written, elementId(n) AS eid\n"
    )
    out = lint(good)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 statements in 1 files, 0 errors, 0 deprecations" in out.stdout
