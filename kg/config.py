"""Settings from ``KG_*`` environment variables (pydantic-settings); no module-level instance."""

from __future__ import annotations

import ctypes.util
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kg.iris import DEFAULT_BASE, validate_base

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_ALLOCATOR_NAME = re.compile(r"[a-z][a-z0-9_]*")


def find_allocator(value: str | None) -> str | None:
    """What ``LD_PRELOAD`` needs for ``value``: a library name such as ``jemalloc`` becomes the
    installed shared object (``libjemalloc.so.2``), a path must name a file; empty or ``system``
    is the C library's own allocator (``None``)."""
    if value is None or value.strip() in ("", "system"):
        return None
    value = value.strip()
    if "/" in value:
        path = Path(value)
        if not path.is_file():
            raise ValueError(f"{value!r} is not a file (a shared library to preload)")
        return str(path.resolve())
    if not _ALLOCATOR_NAME.fullmatch(value):
        raise ValueError(f"{value!r}: expected jemalloc, mimalloc, system or a library path")
    found = ctypes.util.find_library(value)
    if found is None:
        raise ValueError(
            f"no lib{value} is installed (Debian: apt-get install lib{value}2); "
            "unset it to use the system allocator"
        )
    return found


class Settings(BaseSettings):
    """Every setting is documented in the README; a test checks that."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    data_dir: Path = Field(Path("var"), description="Store, search index and build reports.")
    base: str = Field(DEFAULT_BASE, description="Instance IRI base, ending in '/'.")
    host: str = Field("127.0.0.1", description="Address the server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the server listens on.")
    workers: int = Field(2, ge=1, le=64, description="SPARQL query worker processes.")
    processes: int = Field(
        1, ge=1, le=64, description="HTTP server processes (more than 1: read-only only)."
    )
    access_log: bool = Field(True, description="Log every request (uvicorn's access log).")
    query_timeout: float = Field(30.0, gt=0, description="Seconds before a query is stopped.")
    queue_size: int = Field(8, ge=0, description="Queries that may wait for a worker before 429.")
    max_query_length: int = Field(20_000, ge=1, description="Longest accepted query, characters.")
    max_body_bytes: int = Field(10_000_000, ge=1, description="Largest accepted request body.")
    max_rows: int = Field(100_000, ge=1, description="Result rows returned before cutting.")
    lookup_rows: int = Field(
        1_000, ge=0, description="Rows a single-pattern lookup may return without a worker."
    )
    header_timeout: float = Field(
        10.0, gt=0, description="Seconds a client has to send a request's headers."
    )
    body_timeout: float = Field(
        60.0, gt=0, description="Seconds a client has to send a request's body after its headers."
    )
    keep_alive_timeout: float = Field(
        5.0, gt=0, description="Seconds a kept-alive connection may stay idle."
    )
    max_connections: int = Field(
        500, ge=1, description="Open connections per HTTP process; past it the oldest idle goes."
    )
    malloc: str | None = Field(
        None, description="Allocator preloaded into the server: jemalloc, mimalloc or a path."
    )
    update_token: str | None = Field(None, description="Bearer token for writes; unset: read-only.")
    service_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="SERVICE/LOAD allow-list."
    )
    network_isolation: Literal["seal", "off"] = Field(
        "seal",
        description="seal: query workers and the write thread have no network (SERVICE/LOAD "
        "reach nothing); off: they do, and KG_SERVICE_ALLOW is enforced on the text alone.",
    )
    query_memory: int = Field(
        1024, ge=64, description="MiB a query worker may use before it is stopped (503)."
    )
    max_nesting: int = Field(
        200, ge=1, le=5000, description="Deepest bracket nesting a query or update may have."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"], description="CORS for reads."
    )
    ontology_dir: Path = Field(PROJECT_ROOT / "ontology", description="Ontology and reference.")
    articles_dir: Path = Field(PROJECT_ROOT / "ingest" / "articles", description="The corpus.")
    curation_dir: Path = Field(PROJECT_ROOT / "ingest" / "curation", description="Curation.")
    queries_dir: Path = Field(PROJECT_ROOT / "queries", description="Example queries.")

    @field_validator("base")
    @classmethod
    def _check_base(cls, value: str) -> str:
        return validate_base(value)

    @field_validator("malloc")
    @classmethod
    def _find_malloc(cls, value: str | None) -> str | None:
        return find_allocator(value)

    @model_validator(mode="after")
    def _one_writer(self) -> Settings:
        if self.update_token and self.processes > 1:
            raise ValueError(
                "KG_PROCESSES > 1 serves read-only: writes (KG_UPDATE_TOKEN) need one process "
                "that owns the store; set KG_PROCESSES=1 or unset KG_UPDATE_TOKEN"
            )
        return self

    @model_validator(mode="after")
    def _federation_needs_network(self) -> Settings:
        if self.service_allow and self.network_isolation == "seal":
            raise ValueError(
                "KG_SERVICE_ALLOW lists endpoints, but KG_NETWORK_ISOLATION=seal keeps the "
                "query workers off the network, so none could be reached; set "
                "KG_NETWORK_ISOLATION=off to federate (the allow-list is then enforced on the "
                "query text alone) or unset KG_SERVICE_ALLOW"
            )
        return self

    @field_validator("service_allow", "cors_origins", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("["):
                return value
            return [item.strip() for item in stripped.split(",") if item.strip()]
        return value

    @property
    def stores_dir(self) -> Path:
        return self.data_dir / "stores"

    @property
    def current_link(self) -> Path:
        return self.data_dir / "current"
