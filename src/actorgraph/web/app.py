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

from actorgraph.store import Store
from actorgraph.web import errors
from actorgraph.web.state import WebConfig, WebState

if TYPE_CHECKING:
    from actorgraph.store import RecordExtractor

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

# Nothing the page loads comes from elsewhere, and no script runs unless it is one of our files:
# a stray <script> in article text would be inert even if it ever reached the DOM as markup.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


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
            for code in (400, 404, 422, 500)
        },
    )
    app.state.web = WebState(config=config, store=opened, extractor=extractor)
    if owned:
        app.router.on_shutdown.append(opened.close)
    errors.install(app)
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
