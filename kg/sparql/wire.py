"""How the pool talks to its workers: the environment a worker starts with, and the frames of
:class:`multiprocessing.connection.Connection` read and written on the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import struct
import threading
from collections.abc import Iterator

from kg.sparql.worker import Reply

ENVIRON_LOCK = threading.Lock()  # workers start from threads; one environment change at a time


@contextlib.contextmanager
def preloading(library: str | None) -> Iterator[None]:
    """``library`` in ``LD_PRELOAD`` while a worker is started (the spawned interpreter inherits
    the environment; this process keeps its own allocator)."""
    if library is None or library in os.environ.get("LD_PRELOAD", "").split():
        yield  # nothing to add (``lckg serve`` runs the whole server with it already)
        return
    with ENVIRON_LOCK:
        before = os.environ.get("LD_PRELOAD")
        os.environ["LD_PRELOAD"] = f"{library} {before}" if before else library
        try:
            yield
        finally:
            if before is None:
                del os.environ["LD_PRELOAD"]
            else:
                os.environ["LD_PRELOAD"] = before


def frame(payload: bytes | memoryview) -> bytes:
    """``payload`` framed as :class:`multiprocessing.connection.Connection` frames it."""
    if len(payload) > 0x7FFFFFFF:
        return struct.pack("!i", -1) + struct.pack("!Q", len(payload)) + payload
    return struct.pack("!i", len(payload)) + payload


async def read_message(reader: asyncio.StreamReader) -> Reply:
    """One object sent by the worker's ``Connection.send``."""
    (size,) = struct.unpack("!i", await reader.readexactly(4))
    if size == -1:
        (size,) = struct.unpack("!Q", await reader.readexactly(8))
    reply: Reply = pickle.loads(await reader.readexactly(size))
    return reply
