"""Routes: health and service metadata."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request

router = APIRouter()


@router.get("/health")
def health(request: Request) -> dict[str, object]:
    store = request.app.state.store
    return {"status": "ok" if store is not None else "no-store", "build": request.app.state.build_id}


def install(app: FastAPI) -> None:
    app.include_router(router)
