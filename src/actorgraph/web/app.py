"""The web server: the REST API under /api, the analyst's app at /, OpenAPI at /docs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from actorgraph.store import Store
from actorgraph.web import errors
from actorgraph.web.errors import WebError
from actorgraph.web.state import WebConfig, WebState

if TYPE_CHECKING:
    from actorgraph.store import RecordExtractor

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Nothing the page loads comes from elsewhere, and no script runs unless it is one of our files:
# a stray <script> in article text would be inert even if it ever reached the DOM as markup.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class _TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(
            413, f"the request body is larger than the server's limit of {limit:,} bytes"
        )


class WriteGuard:
    """ASGI middleware for writes (any method but GET/HEAD/OPTIONS on an existing route):
    the token is checked before a byte of the body is read, a declared Content-Length over
    the limit is refused at once, and reading stops as soon as the body passes the limit.

    A handler cannot do this: FastAPI reads (and spools to disk) the whole body before the
    handler's dependencies run.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE_METHODS or not _routed(scope):
            await self.app(scope, receive, send)
            return
        state: WebState = scope["app"].state.web
        headers = Headers(scope=scope)
        refusal = state.write_refusal(headers.get("authorization"))
        limit = state.body_limit(scope["path"])
        length = headers.get("content-length", "")
        if refusal is None and length:
            if not (length.isascii() and length.isdigit()):
                refusal = WebError(400, "the Content-Length header is not a number")
            elif int(length) > limit:
                refusal = WebError(413, str(_TooLarge(limit).detail))
        if refusal is not None:
            response = errors.error_response(refusal.status, str(refusal), refusal.code)
            await response(scope, receive, send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge(limit)
            return message

        await self.app(scope, bounded, send)


def _routed(scope: Scope) -> bool:
    """Whether a route takes this method at this path (else the router answers 404/405
    without reading the body)."""
    return any(r.matches(scope)[0] is Match.FULL for r in scope["app"].router.routes)


def _host_of(request: Request) -> str:
    host = request.headers.get("host", "").lower()
    if host.startswith("["):  # [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def static_dir() -> Path:
    return Path(str(resources.files("actorgraph.web").joinpath("static")))


def create_app(
    config: WebConfig | None = None,
    *,
    store: Store | None = None,
    extractor: RecordExtractor | None = None,
) -> FastAPI:
    """The FastAPI application; ``store``/``extractor`` are opened from ``config`` if not given."""
    from actorgraph import __version__
    from actorgraph.web.api import router

    config = config or WebConfig()
    owned = store is None
    opened = store if store is not None else Store.open(config.db)
    app = FastAPI(
        docs_url=None,  # served below from packaged assets instead of a CDN
        redoc_url=None,
        title="actorgraph",
        version=__version__,
        summary="Actors, relations and events from news, each with its evidence.",
        description="Reads are open; writes (corrections, uploads) need the server's token as "
        '`Authorization: Bearer <token>`. Every error is `{"error": {"code", "message", '
        '"status"}}`.',
        responses={
            code: {"model": errors.ErrorResponse, "description": "error"}
            for code in (400, 401, 404, 413, 500)
        },
    )
    app.state.web = WebState(config=config, store=opened, extractor=extractor)
    if owned:
        app.router.on_shutdown.append(opened.close)
    errors.install(app)
    app.add_middleware(WriteGuard)  # inside the Host check and the security headers below
    allowed = {h.lower() for h in config.allowed_hosts} if config.allowed_hosts else None

    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if allowed is not None and _host_of(request) not in allowed:
            return errors.error_response(400, "unknown Host header; open the app by its address")
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path != "/docs":
            # Swagger's page loads its own inline script; everything of ours obeys the policy.
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.include_router(router, prefix="/api")
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="actorgraph API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    return app
