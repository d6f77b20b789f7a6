"""List the functions longer than a limit (lines of code, docstring left out), longest first.

    python scripts/long_functions.py                 # > 80 lines in the library packages
    python scripts/long_functions.py 60 dashboard    # > 60 lines under dashboard/

A function does one thing (../STYLE.md): a long one is a candidate for splitting where its
parts have names of their own.  Nested functions count in their parent and on their own.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGES = ("analytics", "loaders", "registry", "reports", "graph")


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the end of the function."""
    body = node.body
    if (
        len(body) > 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    end = node.end_lineno or node.lineno
    return end - body[0].lineno + 1


def long_functions(limit: int, folders: list[str]) -> list[tuple[int, str, str]]:
    """(lines, file:line, name) of every function over ``limit`` lines, longest first."""
    rows = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = body_lines(node)
                    if lines > limit:
                        rows.append((lines, f"{path}:{node.lineno}", node.name))
    return sorted(rows, reverse=True)


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    for lines, where, name in long_functions(limit, sys.argv[2:] or list(PACKAGES)):
        print(f"{lines:4d}  {where}  {name}")


if __name__ == "__main__":
    main()
