"""Domain model, the GraphStore protocol and the Bolt store."""

from importlib.metadata import PackageNotFoundError, version

try:
    #: The installed kizuna version (pyproject.toml), for reports and analysis metadata.
    __version__ = version("kizuna")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "unknown"
