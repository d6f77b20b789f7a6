"""The registry: NTA files applied into one SQLite database under ``<data dir>/registry/``.

One row per corporate number in ``corporations`` (the NTA's 30 columns under the names of
:data:`registry.spec.COLUMNS`, plus ``name_key``, the comparison key of the name, and
``file_id``, the file the row came from).  A row from a file replaces the stored row for
its number when it is newer: a later 更新年月日, then (same day) the file added later, then
the higher 一連番号.  So full files (全件) and difference files (差分) can be added in any
order and the registry holds each organization as of its latest row: a name change, a
move, a closure (登記記録の閉鎖等年月日 / 事由) or a merger (承継先法人番号).  A name
replaced by a newer one is kept in ``former_names`` (number, name, until), so a bundle
still using the old name can be matched.

Adding the same file again (same SHA-256) changes nothing.  One ``kizuna registry add``
is one transaction: a bad file leaves the registry exactly as it was.

Users can query the database directly (``sqlite3 <data dir>/registry/registry.sqlite``);
the view ``法人`` shows the same rows under the NTA's Japanese column names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kizuna.graph.errors import KizunaError
from kizuna.loaders.zipread import ZipLimits
from kizuna.registry import spec, sql
from kizuna.registry.ntafile import NtaFile, ReadStats, read_batches
from kizuna.registry.prefetch import prefetched

log = logging.getLogger(__name__)

REGISTRY_DIR = "registry"
DB_NAME = "registry.sqlite"
SCHEMA_VERSION = "1"
#: New files bigger than this in one `add` (and than a quarter of the database): the name
#: index is rebuilt once after loading instead of being kept up to date row by row.
BULK_BYTES = 20 << 20
#: SQLite page cache during `add` (KiB, negative = size).
CACHE_KIB = 262_144


class RegistryMissing(KizunaError):
    """No registry has been built in the data directory yet."""


def registry_path(data_dir: Path) -> Path:
    """Where the registry database of a data directory is."""
    return Path(data_dir) / REGISTRY_DIR / DB_NAME


@dataclass(frozen=True)
class AddedFile:
    """What `add` did with one file."""

    name: str
    kind: str
    as_of: str | None
    rows: int
    changed: int
    encoding: str
    sha256: str
    skipped: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Registry:
    """The registry database of one data directory.

    Use :meth:`open`; close it (or use ``with``) when done.

    Examples
    --------
    >>> with Registry.open(data_dir, create=True) as reg:  # doctest: +SKIP
    ...     reg.add(["13_tokyo_all_20240329.zip"])
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = False) -> Registry:
        path = registry_path(data_dir)
        if not path.exists():
            if not create:
                raise RegistryMissing(
                    f"there is no registry in {data_dir} yet — add the NTA files first: "
                    "kizuna registry add FILE.zip (see docs/registry.md)"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA busy_timeout=60000")
        if create:
            conn.execute("BEGIN IMMEDIATE")
            for statement in [*sql.SCHEMA, sql.NAME_INDEX]:
                conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
            )
            conn.execute("COMMIT")
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- adding files
    def add(
        self,
        paths: Sequence[str | Path],
        *,
        progress: Callable[[str, int], None] | None = None,
        limits: ZipLimits | None = None,
    ) -> list[AddedFile]:
        """Apply NTA files, oldest first (by the date in their names), in one transaction.

        Parameters
        ----------
        paths : sequence of path
            NTA download files: the .zip as downloaded or the .csv inside it.
        progress : callable, optional
            Called as ``progress(file_name, rows_done)`` after each batch.
        limits : ZipLimits, optional
            Caps on what a zip may unpack to (default ``ntafile.REGISTRY_ZIP_LIMITS``).

        Returns
        -------
        list of AddedFile
            In the order applied; ``skipped`` for a file already added (same SHA-256).

        Raises
        ------
        RegistryFileError
            For the first bad file or row; nothing is added then.
        """
        self._upgrade()
        files = [NtaFile.of(p, limits) for p in paths]
        order = sorted(range(len(files)), key=lambda i: (files[i].name_date or "9999", i))
        files = [files[i] for i in order]
        bulk = self._bulk(files)
        conn = self.conn
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        results: list[AddedFile] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            if bulk:
                conn.execute("DROP INDEX IF EXISTS corporations_name")
            seen: set[str] = set()
            for nta in files:
                results.append(self._add_one(nta, seen, progress))
            if bulk:
                conn.execute(sql.NAME_INDEX)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA synchronous=NORMAL")
        if bulk:
            conn.execute("PRAGMA optimize")
        return results

    def _upgrade(self) -> None:
        """Add ``corporations.name_since`` to a registry made before it existed."""
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(corporations)")}
        if "name_since" not in columns:
            self.conn.execute("ALTER TABLE corporations ADD COLUMN name_since TEXT")
            self.conn.execute(
                "UPDATE corporations SET name_since = coalesce(change_date, update_date)"
            )

    def _bulk(self, files: list[NtaFile]) -> bool:
        """Whether to rebuild the name index once after the add instead of row by row:
        the new files are big (> BULK_BYTES) and big next to the registry (> 1/4 of it)."""
        known = {r[0] for r in self.conn.execute("SELECT sha256 FROM files")}
        new = sum(f.path.stat().st_size for f in files if f.sha256 not in known)
        held = self.path.stat().st_size if self.path.exists() else 0
        return new > BULK_BYTES and new * 4 > held

    def _add_one(
        self, nta: NtaFile, seen: set[str], progress: Callable[[str, int], None] | None
    ) -> AddedFile:
        conn = self.conn
        known = conn.execute("SELECT * FROM files WHERE sha256 = ?", (nta.sha256,)).fetchone()
        if known is not None or nta.sha256 in seen:
            log.info("%s: already added (same SHA-256)", nta.label)
            return AddedFile(
                nta.label,
                known["kind"] if known else nta.kind,
                known["as_of"] if known else nta.name_date,
                known["rows"] if known else 0,
                0,
                known["encoding"] if known else "",
                nta.sha256,
                skipped=True,
            )
        seen.add(nta.sha256)
        cur = conn.execute(
            "INSERT INTO files (name, sha256, kind, as_of, added_at) VALUES (?, ?, ?, ?, ?)",
            (nta.label, nta.sha256, nta.kind, nta.name_date, _now()),
        )
        file_id = cur.lastrowid
        tail = (file_id,)
        stats = ReadStats()
        held_before = conn.execute("SELECT 1 FROM corporations LIMIT 1").fetchone() is not None
        changed = 0
        for batch in prefetched(read_batches(nta, stats)):
            rows = [row + tail for row in batch]
            current = [r for r in rows if r[sql.LATEST] != sql.PAST]
            past = (
                [r for r in rows if r[sql.LATEST] == sql.PAST] if len(current) < len(rows) else []
            )
            before = conn.total_changes - self._former_count()
            conn.executemany(sql.UPSERT, current)
            changed += conn.total_changes - self._former_count() - before
            # rows that did not replace the held one: their names are history
            formers = self._former_count()
            if held_before or len(current) < len(rows):
                conn.executemany(sql.KEEP_FORMER.format(older=sql.OLDER), current)
                conn.executemany(sql.NAME_SINCE.format(older=sql.OLDER), current)
            if past:
                conn.executemany(sql.KEEP_FORMER.format(older=sql.ANY_DATE), past)
            changed += self._former_count() - formers
            if progress is not None:
                progress(nta.label, stats.rows)
        as_of = nta.name_date or stats.max_update
        conn.execute(
            "UPDATE files SET as_of = ?, rows = ?, changed = ?, encoding = ?, first_update = ?,"
            " last_update = ? WHERE id = ?",
            (
                as_of,
                stats.rows,
                changed,
                stats.encoding,
                stats.min_update,
                stats.max_update,
                file_id,
            ),
        )
        log.info("%s: %d rows, %d new or changed", nta.label, stats.rows, changed)
        return AddedFile(
            nta.label, nta.kind, as_of, stats.rows, changed, stats.encoding, nta.sha256
        )

    def _former_count(self) -> int:
        row = self.conn.execute("SELECT max(rowid) FROM former_names").fetchone()
        return int(row[0] or 0)

    # ---------------------------------------------------------------- reading
    def status(self) -> dict[str, Any]:
        """Files added, their as-of dates and the rows held (as plain JSON-able data)."""
        conn = self.conn
        files = [
            {
                "name": r["name"],
                "kind": r["kind"],
                "as_of": r["as_of"],
                "rows": r["rows"],
                "changed": r["changed"],
                "encoding": r["encoding"],
                "first_update": r["first_update"],
                "last_update": r["last_update"],
                "added_at": r["added_at"],
                "sha256": r["sha256"],
            }
            for r in conn.execute("SELECT * FROM files ORDER BY id")
        ]
        held = conn.execute(
            "SELECT count(*) AS n, count(close_date) AS closed,"
            " sum(process = ?) AS deleted, max(update_date) AS last_update FROM corporations",
            (spec.DELETED,),
        ).fetchone()
        as_of = max((f["as_of"] for f in files if f["as_of"]), default=None)
        return {
            "registry": str(self.path),
            "files": files,
            "rows_held": int(held["n"]),
            "closed": int(held["closed"]),
            "deleted": int(held["deleted"] or 0),
            "as_of": as_of,
            "last_update": held["last_update"],
            "former_names": self._former_count(),
        }

    def by_number(self, number: str) -> sqlite3.Row | None:
        """The registry row of a 13-digit corporate number, or None."""
        if len(number) != 13 or not number.isdigit():
            return None
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM corporations WHERE corporate_number = ?", (int(number),)
        ).fetchone()
        return row

    def by_key(self, key: str, prefecture: str | None) -> list[sqlite3.Row]:
        """Rows (not deleted) whose name key is ``key``, in ``prefecture`` when given."""
        if prefecture is None:
            sql = "SELECT * FROM corporations WHERE name_key = ? AND process <> ?"
            args: tuple[Any, ...] = (key, spec.DELETED)
        else:
            sql = (
                "SELECT * FROM corporations WHERE name_key = ? AND prefecture = ? AND process <> ?"
            )
            args = (key, prefecture, spec.DELETED)
        return list(self.conn.execute(sql + " ORDER BY corporate_number", args))

    def by_former_key(self, key: str, prefecture: str | None) -> list[tuple[sqlite3.Row, str, str]]:
        """(current row, former name, until) for organizations once named with ``key``."""
        sql = "SELECT corporate_number, name, until FROM former_names WHERE name_key = ?"
        args: tuple[Any, ...] = (key,)
        if prefecture is not None:
            sql += " AND prefecture = ?"
            args = (key, prefecture)
        out: dict[int, tuple[sqlite3.Row, str, str]] = {}
        for number, name, until in self.conn.execute(sql, args).fetchall():
            row = self.by_number(f"{number:013d}")
            if row is not None and row["process"] != spec.DELETED and row["name_key"] != key:
                out[number] = (row, name, until)
        return [out[n] for n in sorted(out)]

    def former_names(self, number: str) -> list[tuple[str, str]]:
        """(former name, until) of a corporate number, oldest first."""
        return [
            (r["name"], r["until"])
            for r in self.conn.execute(
                "SELECT name, until FROM former_names WHERE corporate_number = ? ORDER BY rowid",
                (int(number),),
            )
        ]


def add_files(
    data_dir: Path,
    paths: Sequence[str | Path],
    *,
    progress: Callable[[str, int], None] | None = None,
) -> tuple[list[AddedFile], dict[str, Any]]:
    """:meth:`Registry.add` into the registry of ``data_dir``, created when missing.

    Returns the files added and the registry's status.  When the registry did not exist
    and the add fails, the new (empty) registry is removed again: nothing is written.
    """
    path = registry_path(data_dir)
    existed = path.exists()
    try:
        with Registry.open(data_dir, create=True) as reg:
            return reg.add(paths, progress=progress), reg.status()
    except BaseException:
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                path.parent.rmdir()
        raise


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
