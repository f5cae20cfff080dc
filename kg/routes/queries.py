"""Routes: the catalogue of research questions (to be filled in)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

router = APIRouter()


def install(app: FastAPI) -> None:
    app.include_router(router)
