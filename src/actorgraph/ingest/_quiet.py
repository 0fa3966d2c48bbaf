"""Keep third-party parsers from writing to the user's terminal."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

# trafilatura and its helpers log every odd page; pypdf warns about every malformed object.
_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability", "pypdf")


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """Silence the parsers' loggers and warnings for the duration of one read."""
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    # Raising the parent's level silences child loggers too, unlike Logger.disabled.
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
