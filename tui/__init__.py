"""quotelens' face: the Textual app and the ``quotelens`` command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quotelens")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
