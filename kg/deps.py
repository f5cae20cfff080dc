"""Reusable FastAPI dependencies (``Annotated[..., Depends(...)]``).

They are ``async`` although they do not await: FastAPI runs a plain ``def`` dependency in the
thread pool, a hand-off that costs more than everything these functions do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from kg.config import Settings
from kg.errors import Unavailable
from kg.iris import IRIs
from kg.store import Store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> Store:
    store: Store | None = request.app.state.store
    if store is None:
        raise Unavailable("no built store: run `lckg build` first")
    return store


async def get_iris(request: Request) -> IRIs:
    iris: IRIs = request.app.state.iris
    return iris


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
IRIsDep = Annotated[IRIs, Depends(get_iris)]
