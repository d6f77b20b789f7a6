"""Figure helpers: positions, thinning, labels, and the figures themselves."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle
from kizuna.plots.geo import bundle_cluster_places
from kizuna.reports.figures import BACKGROUND_LIMIT, national_figure, pz_figure, thin
from kizuna.reports.i18n import Catalogue
from kizuna.reports.labels import point_labels


def test_thin_is_a_fixed_sample() -> None:
    frame = pd.DataFrame({"x": range(BACKGROUND_LIMIT * 3)})
    a, b = thin(frame), thin(frame)
    assert len(a) == BACKGROUND_LIMIT and a.index.equals(b.index)
    small = frame.head(10)
    assert thin(small) is small


@given(
    st.lists(
        st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.sampled_from([-1.0, 0.0, 2.0])),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 12),
)
def test_one_label_per_occupied_point(points: list[tuple[float, float]], limit: int) -> None:
    members = pd.DataFrame(
        {
            "id": [f"o{i}" for i in range(len(points))],
            "participation": [p for p, _ in points],
            "within_module_z": [z for _, z in points],
            "degree": [1] * len(points),
        }
    )
    labels = point_labels(members, {}, limit, None)
    assert len(labels) == min(limit, len(set(points)))
    for (p, z), text in labels.items():
        here = [f"o{i}" for i, q in enumerate(points) if q == (p, z)]
        name, _, more = text.partition(" +")
        assert name in here
        assert int(more or 0) == len(here) - 1


def test_figures_render(mini: Bundle, mini_analysis: Any) -> None:
    cat = Catalogue("ja")
    nodes = mini_analysis.nodes
    pz = pz_figure(nodes, ["tama_body", "tama_a"], cat=cat, caption="c", focus="tama_body")
    assert pz.svg.startswith("<svg") and pz.png.startswith(b"\x89PNG")
    places = bundle_cluster_places(mini)
    nat = national_figure(places, mini_analysis.cluster_pairs, "tama", cat=cat, caption="c")
    assert nat.svg.startswith("<svg") and nat.png.startswith(b"\x89PNG")
    # no cluster highlighted (an organization without a cluster) still draws
    assert national_figure(places, mini_analysis.cluster_pairs, "", cat=cat, caption="c").png
