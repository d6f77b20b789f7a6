"""kizuna (絆): the collaboration network between Japan's regional industrial clusters."""

__version__ = "0.1.0"
