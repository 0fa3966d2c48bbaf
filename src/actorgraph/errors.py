"""One exception root. Every message says what went wrong and what the user can do about it."""

from __future__ import annotations


class ActorgraphError(Exception):
    """Root of every error actorgraph raises on purpose.

    ``exit_code`` is what the CLI exits with; the message is one line meant for a person.
    """

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(ActorgraphError):
    """A document could not be read (missing, empty, binary, too large, undecodable, broken)."""

    exit_code = 2


class ConfigError(ActorgraphError):
    """A model, knowledge-base file or option is unusable."""

    exit_code = 3


class KnowledgeBaseError(ConfigError):
    """A knowledge-base file is malformed."""


class GoldFileError(ConfigError):
    """A gold annotation file is malformed."""


class PartialFailure(ActorgraphError):
    """A run did what it could, but some documents failed; each was named on its own line.

    Its own exit code, so that a script can tell "some documents failed" from "nothing ran".
    """

    exit_code = 6
