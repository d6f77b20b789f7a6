"""Named Cypher statements, one per ``.cypher`` file, read with importlib.resources.

Each file starts with ``// name: <file stem>`` and holds exactly one statement with
parameters only (never Cypher built from data).  Statements are portable: they run on
Neo4j 5 and on the embedded ArcadeDB Bolt server (see docs/store.md for the subset).

Naming: ``schema_*`` are idempotent constraints and indexes (``IF NOT EXISTS``),
``migrate_*`` idempotent changes of a store made by an older kizuna (``IF EXISTS``, run
before the schema), ``upsert_*`` idempotent batched writes (``UNWIND $rows``),
``create_ties`` the batched create of a load into a store without ties, ``read_*`` reads,
``*_load_lock`` the one-writer lock, ``counts``, ``has_ties``, ``delete_ties``,
``delete_derived_ties`` and ``clear_batch`` housekeeping.

Examples
--------
>>> from kizuna.cypher import load
>>> load("schema_organization_id").splitlines()[0]
'CREATE CONSTRAINT organization_id IF NOT EXISTS'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

SUFFIX = ".cypher"


class UnknownStatement(KeyError):
    """No ``cypher/<name>.cypher`` file."""


@cache
def names() -> tuple[str, ...]:
    """Every statement name, sorted."""
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[: -len(SUFFIX)] for f in files if f.name.endswith(SUFFIX)))


def migration_names() -> tuple[str, ...]:
    """Statements that bring a store made by an older kizuna to the current schema."""
    return tuple(n for n in names() if n.startswith("migrate_"))


def schema_names() -> tuple[str, ...]:
    """The schema statements (constraints first, then indexes), in the order to run them."""
    schema = [n for n in names() if n.startswith("schema_")]
    return tuple(sorted(schema, key=lambda n: ("CONSTRAINT" not in _text(n), n)))


@cache
def _text(name: str) -> str:
    if name not in names():
        raise UnknownStatement(name)
    return resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")


@cache
def load(name: str) -> str:
    """The statement ``name`` without its comment lines.

    Parameters
    ----------
    name : str
        File stem under ``cypher/`` (``upsert_ties``).

    Returns
    -------
    str
        The Cypher text, ready for ``execute_query`` / ``tx.run`` with parameters.

    Raises
    ------
    UnknownStatement
        When there is no such file.
    ValueError
        When the file's ``// name:`` header does not match its file name.
    """
    text = _text(name)
    lines = text.splitlines()
    header = lines[0].strip() if lines else ""
    if header != f"// name: {name}":
        raise ValueError(f"cypher/{name}{SUFFIX} must start with '// name: {name}'")
    body = [line for line in lines if not line.lstrip().startswith("//")]
    return "\n".join(body).strip()
