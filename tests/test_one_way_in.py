"""One bundle with repeated tie rows, read by every command's reader.

Tie identity: ``id`` when the row has one, else (source, target, kind, since).  ``load``
(and so ``serve`` and ``report`` over the store), ``serve --input``, ``report --input`` and
``export --input`` see one tie per identity; ``analyze --input`` and ``partners --input``
see every row (docs/analytics.md: two rows with one identity may differ in ``directed``).
All of them go through ``kizuna.loaders.open_bundle``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NODES = "id,name,kind,cluster\na,A社,company,X\nb,B大学,university,Y\nc,C銀行,bank,Z\n"
# rows 1 and 2: one id; rows 3 and 4: one (source, target, kind, since), only row 3 directed;
# row 5: (b, a) is another tie than (a, b)
TIES = (
    "id,source,target,kind,since,directed\n"
    "t1,a,b,mou,2001,\n"
    "t1,a,c,mou,2002,\n"
    ",b,c,joint_rd,2005,true\n"
    ",b,c,joint_rd,2005,\n"
    ",b,a,mou,2001,\n"
)
ORGS, TIE_ROWS, TIE_IDENTITIES = 3, 5, 3


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "dups"
    folder.mkdir()
    (folder / "nodes.csv").write_text(NODES, encoding="utf-8")
    (folder / "ties.csv").write_text(TIES, encoding="utf-8")
    return folder


def counts(bundle) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return len(bundle.nodes), len(bundle.ties)


def test_the_file_readers_agree_on_organizations_and_differ_only_as_documented(bundle_dir):
    from kizuna.analytics.inputs import read_input
    from kizuna.cmd_load import export_bundle
    from kizuna.cmd_report import _read_input
    from kizuna.cmd_serve import bundle_source
    from kizuna.loaders import open_bundle
    from kizuna.loaders.load import check_for_load

    once = (ORGS, TIE_IDENTITIES)
    assert counts(open_bundle(bundle_dir)) == once
    assert counts(check_for_load(bundle_dir)[0]) == once  # kizuna load (what it writes)
    assert counts(bundle_source(bundle_dir)()) == once  # kizuna serve --input
    assert counts(_read_input(bundle_dir)[0]) == once  # kizuna report --input
    assert counts(export_bundle(bundle_dir, None)) == once  # kizuna export --input
    assert counts(read_input(bundle_dir)) == (ORGS, TIE_ROWS)  # kizuna analyze --input
    kept = read_input(bundle_dir).ties
    assert sorted(kept["directed"].astype(str)) == sorted(
        open_bundle(bundle_dir, repeated_ties="keep").ties["directed"].astype(str)
    )


def test_the_first_row_of_each_identity_is_the_one_kept(bundle_dir):
    from kizuna.loaders import open_bundle

    ties = open_bundle(bundle_dir).ties
    rows = sorted(zip(ties["source"], ties["target"], ties["kind"], strict=True))
    assert rows == [("a", "b", "mou"), ("b", "a", "mou"), ("b", "c", "joint_rd")]


@pytest.mark.store
def test_load_then_store_readers_see_what_the_file_readers_see(
    bundle_dir, clean_store, store_settings
):
    from kizuna.cmd_load import load_bundle
    from kizuna.dashboard.store_source import StoreSource
    from kizuna.loaders import open_bundle

    result = load_bundle(clean_store, bundle_dir)  # type: ignore[arg-type]
    assert result.report is not None and not result.errors
    source = StoreSource(store_settings)  # kizuna serve, and kizuna report / analyze: read_bundle
    try:
        stored = source()
    finally:
        source.close()
    assert counts(stored) == (ORGS, TIE_IDENTITIES) == counts(open_bundle(bundle_dir))
    assert sorted(stored.nodes["id"]) == sorted(open_bundle(bundle_dir).nodes["id"])
