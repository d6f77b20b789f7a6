"""Pure functions over an in-memory graph: metrics, roles, gaps, partners, what-if.

Analytics never import Bolt: they take a :class:`graph.bundle.Bundle` or a networkx graph.
The high-level entry points used by the CLI, dashboard and reports are in
:mod:`analytics.api`.
"""
