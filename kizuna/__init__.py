"""kizuna (絆): the collaboration network between Japan's regional industrial clusters."""

from kizuna.graph import __version__

__all__ = ["__version__"]
