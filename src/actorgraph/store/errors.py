"""The store's error."""

from __future__ import annotations

from actorgraph.errors import ActorgraphError


class StoreError(ActorgraphError):
    """The knowledge store cannot be opened, read or written."""

    exit_code = 4


class NotFoundError(StoreError):
    """The store holds no actor, fact or document by that reference."""
