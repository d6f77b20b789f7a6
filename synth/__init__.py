"""The synthetic national cluster network (``kizuna synth``): scale tests and benchmarks.

Not a loader: it writes bundles in the format the loaders read. :func:`synthesize` gives an
in-memory :class:`~kizuna.graph.bundle.Bundle`, :func:`write_synth` writes CSV/zip/xlsx.
"""

from kizuna.synth.network import FILES, SynthSummary, synthesize, write_synth

__all__ = ["FILES", "SynthSummary", "synthesize", "write_synth"]
