"""High-level analytics API used by the CLI, the dashboard and the reports.

SPEC (to be implemented by the analytics work; signatures are a contract between parts):

    @dataclass
    class NetworkAnalysis:
        nodes: pd.DataFrame
            # one row per node of the bundle, in bundle order, columns:
            # the contract columns id, degree, betweenness, participation, within_module_z,
            # role, constraint, effective_size, articulation_point, coordinator, itinerant,
            # representative, gatekeeper, liaison; then name, name_en, kind, cluster, region,
            # prefecture, lat, lon, closeness, eigenvector, pagerank, hierarchy, efficiency,
            # community, community_participation, community_z, community_role,
            # separated_pairs (node pairs that lose their connection if the node leaves)
        cluster_pairs: pd.DataFrame   # cluster_a, cluster_b, observed, expected, ratio
        bridges: pd.DataFrame         # source, target
        local_bridges: pd.DataFrame   # source, target, span
        spof: pd.DataFrame            # id, name, separated_pairs, largest_cut, regions_cut
        communities: dict             # algorithm, seed, modularity, nmi, ari, count
        meta: dict                    # n, m, betweenness method/k/seed, version, computed_at

    def analyze(bundle, *, with_programs=False, seed=0, exact_betweenness_max=20_000)
        -> NetworkAnalysis
    def suggest_partners(bundle, *, org=None, cluster=None, k=10, analysis=None)
        -> pd.DataFrame  # rank, candidate, name, cluster, score, reasons_en (list[str]),
                         # reasons_ja (list[str]), path (list[str] ids), broker, gap_gain
    @dataclass
    class Scenario: add_ties (list[dict] rows of ties.csv), remove_ties (list[(s, t)]),
                    add_nodes (list[dict] rows of nodes.csv), remove_nodes (list[str])
    def apply_scenario(bundle, scenario) -> Bundle
    def compare(before: NetworkAnalysis, after: NetworkAnalysis) -> WhatIfDiff
        # WhatIfDiff: nodes (id + before/after/delta of degree, betweenness, participation,
        # role), cluster_pairs (before/after ratio), reachability (dict: components,
        # connected_pairs before/after)
"""
