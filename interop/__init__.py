"""The network out to the tools analysts already have: Gephi (GEXF), Cytoscape and yEd (GraphML).

:func:`interop.graphfiles.write_graph_file` is the entry point (``kizuna export --format
gexf|graphml``).  Depends on :mod:`analytics` (the explorer layout, optional metrics).
"""
