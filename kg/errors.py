"""Error classes, each carrying its HTTP status; one handler in ``kg.app`` renders them."""

from __future__ import annotations


class KGError(Exception):
    """Base class: ``status`` and a human title; ``headers`` are added to the response."""

    status = 500
    title = "Internal error"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(KGError):
    status = 400
    title = "Bad request"


class BadQuery(BadRequest):
    title = "Bad query"


class Forbidden(KGError):
    status = 403
    title = "Forbidden"


class NotFound(KGError):
    status = 404
    title = "Not found"


class MethodNotAllowed(KGError):
    status = 405
    title = "Method not allowed"


class NotAcceptable(KGError):
    status = 406
    title = "Not acceptable"

    def __init__(self, message: str, *, offered: list[str]) -> None:
        super().__init__(f"{message}. Offered: {', '.join(offered)}")
        self.offered = offered


class PayloadTooLarge(KGError):
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(KGError):
    status = 415
    title = "Unsupported media type"


class Busy(KGError):
    status = 429
    title = "Too many requests"

    def __init__(self, message: str, *, retry_after: int = 1) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class Timeout(KGError):
    status = 503
    title = "Query timed out"


class Unavailable(KGError):
    status = 503
    title = "Service unavailable"


class ClientGone(KGError):
    """The client disconnected before its answer (nginx's 499; nobody reads the response)."""

    status = 499
    title = "Client closed request"


class BuildError(Exception):
    """A build stopped on bad input; the message names the file (and line) and the problem."""
