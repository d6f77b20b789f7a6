"""The registry database's SQL: its schema and the statements that apply NTA rows.

Kept apart from :mod:`registry.store` (the :class:`~registry.store.Registry` that runs them),
as the graph store's Cypher lives in ``cypher/``.  The statements take a registry tuple as
positional parameters (:data:`P`: the 30 NTA columns, name_key, file_id).
"""

from __future__ import annotations

from kizuna.registry import spec

COLS = ", ".join(spec.NAMES)
N = spec.N_COLUMNS
#: Positional parameters of a registry tuple (30 columns, name_key, file_id).
P = {name: f"?{i + 1}" for i, name in enumerate((*spec.NAMES, "name_key", "file_id"))}
SINCE = f"coalesce({P['change_date']}, {P['update_date']})"
UPSERT = (
    f"INSERT INTO corporations ({COLS}, name_key, file_id, name_since) "
    f"VALUES ({', '.join(f'?{i}' for i in range(1, N + 3))}, {SINCE}) "
    "ON CONFLICT(corporate_number) DO UPDATE SET "
    + ", ".join(
        f"{c} = excluded.{c}"
        for c in (*spec.NAMES, "name_key", "file_id")
        if c != "corporate_number"
    )
    + ", name_since = CASE WHEN corporations.name IS excluded.name"
    " THEN corporations.name_since ELSE excluded.name_since END"
    " WHERE (excluded.update_date, excluded.file_id, excluded.sequence)"
    " > (corporations.update_date, corporations.file_id, corporations.sequence)"
)
#: A row older than the one held (or a past-history row, 最新履歴 0) does not replace
#: it; its name, when not the held one, is kept as a former name (until the held name
#: was taken), so separate adds in any order keep the same former names.
OLDER = (
    "AND (c.update_date, c.file_id, c.sequence)"
    f" > ({P['update_date']}, {P['file_id']}, {P['sequence']})"
)
KEEP_FORMER = (
    "INSERT INTO former_names (corporate_number, name, name_key, prefecture, until)"
    f" SELECT c.corporate_number, {P['name']}, {P['name_key']}, {P['prefecture']},"
    f" c.name_since FROM corporations c WHERE c.corporate_number = {P['corporate_number']}"
    f" AND {P['name']} IS NOT NULL AND c.name IS NOT {P['name']} {{older}}"
    " AND NOT EXISTS (SELECT 1 FROM former_names f WHERE f.corporate_number ="
    f" c.corporate_number AND f.name = {P['name']})"
)
#: An older row with the held name: the name was held since the older row's date.
NAME_SINCE = (
    f"UPDATE corporations AS c SET name_since = min(c.name_since, {SINCE})"
    f" WHERE c.corporate_number = {P['corporate_number']} AND c.name IS {P['name']}"
    f" AND c.name_since > {SINCE} {{older}}"
)
#: For past-history rows, whatever their date (the file id is only named so that every
#: parameter of the tuple is used).
ANY_DATE = f"AND {P['file_id']} IS NOT NULL"
LATEST = spec.INDEX["latest"]
PAST = "0"
TYPES = {"sequence": "INTEGER", "corporate_number": "INTEGER PRIMARY KEY"}
VIEW_JA = ", ".join(
    (
        f"printf('%013d', {c.name}) AS \"{c.name_ja}\""
        if c.name == "corporate_number"
        else f'{c.name} AS "{c.name_ja}"'
    )
    for c in spec.COLUMNS
)
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, as_of TEXT, rows INTEGER,"
    " changed INTEGER, encoding TEXT, first_update TEXT, last_update TEXT, added_at TEXT)",
    "CREATE TABLE IF NOT EXISTS corporations ("
    + ", ".join(f"{c} {TYPES.get(c, 'TEXT')}" for c in spec.NAMES)
    + ", name_key TEXT, name_since TEXT, file_id INTEGER)",
    "CREATE TABLE IF NOT EXISTS former_names (corporate_number INTEGER NOT NULL,"
    " name TEXT, name_key TEXT, prefecture TEXT, until TEXT)",
    "CREATE INDEX IF NOT EXISTS former_names_key ON former_names (name_key, prefecture)",
    "CREATE INDEX IF NOT EXISTS former_names_number ON former_names (corporate_number)",
    "CREATE TRIGGER IF NOT EXISTS keep_former_name AFTER UPDATE OF name ON corporations"
    " WHEN old.name IS NOT new.name BEGIN"
    " INSERT INTO former_names (corporate_number, name, name_key, prefecture, until)"
    " VALUES (old.corporate_number, old.name, old.name_key, old.prefecture,"
    " coalesce(new.change_date, new.update_date)); END",
    f'CREATE VIEW IF NOT EXISTS "法人" AS SELECT {VIEW_JA} FROM corporations',
]
NAME_INDEX = "CREATE INDEX IF NOT EXISTS corporations_name ON corporations (name_key, prefecture)"
