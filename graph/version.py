"""The store's content version: a cheap check of whether the stored network changed.

``kizuna serve`` asks it every few seconds instead of reading the store back; the app
keeps one snapshot per version.
"""

from __future__ import annotations

from kizuna.graph.store import GraphStore

__all__ = ["store_version"]


def store_version(store: GraphStore) -> str | None:
    """The store's content version: the time its last load ended (None while one runs).

    ``"empty"`` for a store never loaded; ``None`` also for a store that is not a Bolt
    store (no meta node to ask).
    """
    from kizuna.graph.bolt import META_KEY, BoltStore
    from kizuna.graph.load_lock import current_holder

    if not isinstance(store, BoltStore) or current_holder(store) is not None:
        return None
    meta = store.query("read_meta", key=META_KEY)
    if not meta:
        return "empty"
    stamp = meta[0].get("updated_at")
    if stamp is None:  # loaded by an older kizuna: the counts stand in for a time
        return "counts-" + "-".join(map(str, store.counts().values()))
    return f"load-{stamp!r}"
