"""Writes (SPARQL Update, Graph Store Protocol) and how query workers see them.

Opening a store read-only while another process writes it is undefined behaviour in pyoxigraph
(RocksDB may compact away files a reader still needs). So readers never open a store that is
being written:

* without ``KG_UPDATE_TOKEN`` the store is never written; workers open the build's store
  directory read-only;
* with a token, this (server) process holds the store writable and applies every write, one at a
  time, in a thread. After each committed write it takes a snapshot (``Store.backup``: a RocksDB
  checkpoint, hard links, cheap) into a fresh directory; workers open the newest snapshot
  read-only before their next query. A snapshot is never written, so the read-only opens are
  well-defined, and a write is visible to every query that starts after the write answered.
  Old snapshots are removed once no worker has them open;
* an in-memory store (tests) is shared by the threads that run queries; writes apply to it.

Every committed write, with or without snapshots, advances :attr:`WriteGate.generation`, and it
does so once the write is in the store: whatever this process keeps of what it read from the
store (entity page caches, labels, overviews, the service description, ETags) is keyed by the
generation, so a reader that sees the new generation also sees the write. What is rebuilt
rather than re-read (the search index) starts from :attr:`WriteGate.on_commit`.

Writes are trusted (they need the token) and are not subject to the query deadline. Their text
is not: an update is first met by a query worker (parsed and run against an empty store, so a
text that crashes the parser costs that worker, see :class:`kg.sparql.worker.Check`), and every
change runs on one dedicated writer thread that is sealed off the network
(:mod:`kg.sparql.seal`) and has the workers' large stack: a ``LOAD`` or ``SERVICE`` the text
layer did not see reaches nothing from here either.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from kg.config import Settings
from kg.errors import BadQuery, Forbidden
from kg.sparql.pool import QueryPool
from kg.sparql.seal import SealedExecutor, denied_by_seal
from kg.sparql.service import Isolation, RemotePolicy
from kg.sparql.worker import SEALED_MESSAGE, STACK_SIZE, Check
from kg.store import Store, StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")


def check_write_access(authorization: str | None, settings: Settings) -> None:
    """Raise :class:`Forbidden` unless writes are enabled and the bearer token matches."""
    token = settings.update_token
    if not token:
        raise Forbidden(
            "this endpoint is read-only: SPARQL Update and Graph Store writes are "
            "disabled (no KG_UPDATE_TOKEN is configured)"
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise Forbidden("writes need the header 'Authorization: Bearer <KG_UPDATE_TOKEN>'")


@dataclass
class WriteGate:
    """Serialises writes and publishes each committed state to the query pool."""

    store: Store
    pool: QueryPool
    snapshot_root: Path | None = None
    generation: int = 0
    # Where the generation is kept across restarts (beside an on-disk store): ETags, dumps and
    # the search index then never take a written store for the build as it was made.
    stamp: Path | None = None
    # Called with the new generation after each committed write; they must not block.
    on_commit: list[Callable[[int], None]] = field(default_factory=list)
    seal: bool = True  # KG_NETWORK_ISOLATION=seal: the writer thread has no network
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _snapshots: list[Path] = field(default_factory=list)
    _writer: SealedExecutor | None = None

    @property
    def isolation(self) -> Isolation:
        """What the text layer enforces for updates: the writer's and the workers' seal."""
        if not self.seal:
            return "off"
        writer = self._writer_thread()
        return "sealed" if writer.sealed and self.pool.isolation == "sealed" else "unsealed"

    def _writer_thread(self) -> SealedExecutor:
        if self._writer is None:
            self._writer = SealedExecutor(
                1, name="lckg-writer", stack_size=STACK_SIZE, seal=self.seal
            )
            if self._writer.error is not None:
                log.error("the writer thread is not sealed off the network: %s", self._writer.error)
        return self._writer

    def close(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=False)
            self._writer = None

    async def update(self, text: str, *, base_iri: str | None) -> None:
        """Run a SPARQL update: the text layer and nesting limit, a worker's check, then the
        update itself on the writer thread. ``SyntaxError`` for a text that does not parse."""
        isolation = self.isolation
        self.pool.screen(text, update=True)
        RemotePolicy(self.pool.allow, isolation).check(text, update=True)
        checked = await self.pool.check(
            Check("update", self.pool.new_output(), text=text, base_iri=base_iri)
        )
        reply = checked.reply
        if reply.error == "syntax":
            raise SyntaxError(reply.message)
        if reply.error == "network" and isolation != "off":
            raise BadQuery(reply.message)
        store = self.store
        await self.write(lambda: store.update(text, base_iri=base_iri))

    def _save_stamp(self, generation: int) -> None:
        assert self.stamp is not None
        partial = self.stamp.with_name(f".{self.stamp.name}.tmp")
        partial.write_text(f"{generation}\n", encoding="utf-8")
        partial.replace(self.stamp)

    @property
    def snapshots(self) -> bool:
        return self.snapshot_root is not None

    async def publish(self) -> None:
        """Make the current state visible to the workers: with snapshots, a snapshot of this
        generation that they open from their next query on (without, they share the store)."""
        if self.snapshot_root is None:
            return
        target = self.snapshot_root / f"gen-{self.generation}"
        await anyio.to_thread.run_sync(self._snapshot, target)
        self._snapshots.append(target)
        self.pool.store_path = str(target)
        await anyio.to_thread.run_sync(self._prune)

    def _snapshot(self, target: Path) -> None:
        self.store.flush()
        self.store.backup(target)

    def _prune(self) -> None:
        in_use = self.pool.paths_in_use()
        keep = self._snapshots[-1:]
        for old in list(self._snapshots):
            if old not in keep and str(old) not in in_use:
                shutil.rmtree(old, ignore_errors=True)
                self._snapshots.remove(old)

    async def write(self, change: Callable[[], T]) -> T:
        """Apply ``change`` (blocking, in a thread) under the write lock, advance the generation
        and publish it. A change that raises committed nothing: the generation stays."""
        async with self._lock:
            if self.stamp is not None:
                # Saved first: a stamp ahead of the store only costs a cache miss after a
                # restart, one behind it would let an old ETag match changed content.
                await anyio.to_thread.run_sync(self._save_stamp, self.generation + 1)
            result = await asyncio.wrap_future(self._writer_thread().submit(_sealed_errors, change))
            self.generation += 1
            await self.publish()
            log.info("write committed (generation %d)", self.generation)
            for listener in self.on_commit:
                listener(self.generation)
            return result


def _sealed_errors(change: Callable[[], T]) -> T:
    """``change()``, with the seal's refusal of a socket reported as what it is."""
    try:
        return change()
    except OSError as exc:
        if denied_by_seal(str(exc)):
            raise BadQuery(SEALED_MESSAGE) from exc
        raise


def stored_generation(stamp: Path | None) -> int:
    """The generation a store reached before this process (0: never written since its build)."""
    if stamp is None or not stamp.exists():
        return 0
    try:
        text = stamp.read_text(encoding="utf-8", errors="replace").strip()
    except OSError as exc:
        raise StoreError(f"{stamp}: cannot read the store's write generation: {exc}") from exc
    if not text.isascii() or not text.isdigit():
        raise StoreError(
            f"{stamp}: expected the store's write generation (a whole number), found "
            f"{text[:40]!r}; write the number of the last write, or 1 if unsure"
        )
    log.info("the store has been written since its build (generation %s)", text)
    return int(text)


def writable_store(store: Store, settings: Settings) -> Store:
    """With a token configured, the server's own handle on an on-disk store must be writable."""
    if settings.update_token and store.path is not None and store.read_only:
        log.info("KG_UPDATE_TOKEN is set: opening %s for writing", store.path)
        store.close()  # the read-only handle gives way to the writable one
        return Store(store.path)
    return store
