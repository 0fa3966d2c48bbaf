"""One JSON error shape for every failure the web server reports.

``{"error": {"code": "...", "message": "...", "status": 404}}`` for a missing route, a wrong
method, a bad parameter, a refused write, a library error and an unexpected exception alike;
nothing ever carries a traceback (those go to the server log only).
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from actorgraph.errors import ActorgraphError, ConfigError, InputError
from actorgraph.store import StoreError

log = logging.getLogger("actorgraph.web")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_type",
    422: "invalid_request",
    500: "internal_error",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    status: int


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorBody


class WebError(ActorgraphError):
    """An error the web layer raises itself, with its HTTP status."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")


class NotFound(WebError):
    def __init__(self, message: str) -> None:
        super().__init__(404, message)


def error_response(status: int, message: str, code: str | None = None) -> JSONResponse:
    body = ErrorResponse(
        error=ErrorBody(code=code or _CODES.get(status, "error"), message=message, status=status)
    )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _status_of(exc: ActorgraphError) -> int:
    if isinstance(exc, WebError):
        return exc.status
    if isinstance(exc.__cause__, SQLAlchemyError):
        return 500  # the database failed, not the request
    if type(exc).__name__ in {"NotFound", "NotFoundError"} or getattr(exc, "not_found", False):
        return 404
    if isinstance(exc, StoreError):
        # The store's own refusals name what is missing ("no actor ...") or what is wrong
        # with the request; a dedicated subclass would be sturdier than the wording.
        return 404 if str(exc).startswith("no ") else 400
    if isinstance(exc, InputError | ConfigError):
        return 400
    return 500


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Route every kind of failure to the one error shape."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = "no such address; the API is described at /docs"
        elif exc.status_code == 405:
            message = "this address does not accept that method; see /docs"
        return error_response(exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # A malformed or out-of-range parameter is the client's error: 400, as everywhere.
        return error_response(400, _validation_message(exc), "invalid_request")

    @app.exception_handler(ActorgraphError)
    async def _library(request: Request, exc: ActorgraphError) -> JSONResponse:
        status = _status_of(exc)
        code = exc.code if isinstance(exc, WebError) else None
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
            # A database failure message may name tables or a server address: keep it in the log.
            return error_response(status, "the store could not answer; see the server log")
        return error_response(status, str(exc), code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "unexpected server error; see the server log")
