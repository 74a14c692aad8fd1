"""Small wording helpers shared by the app and the command line."""

from __future__ import annotations

from corpus.wording import plural  # one plural for every layer (the store's messages too)

__all__ = ["plural"]
