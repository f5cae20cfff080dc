"""The systems under test as local servers: ours, the Oxigraph server, Virtuoso, rdflib-endpoint.

Each server runs in its own process group, bound to 127.0.0.1, and is stopped by
:meth:`Server.running` on the way out (normal exit, failure or Ctrl-C). Missing peers are
installed with their ordinary clients (pip into this virtualenv, apt-get for Virtuoso);
if that is impossible the peer raises :class:`bench.Missing` and is reported as not run.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import LOCAL_HOST, WORK_DIR, BenchError, Missing, free_port
from bench.load import Request, wait_ready

log = logging.getLogger(__name__)

SPARQL_JSON = "application/sparql-results+json"
VENV_BIN = Path(sys.executable).parent
ASK = "ASK { ?s ?p ?o }"


class Server:
    """A server process; subclasses say how to start it and how to ask it a query."""

    name = "server"
    sparql_path = "/sparql"

    def __init__(self, *, port: int | None = None, log_dir: Path = WORK_DIR / "logs") -> None:
        self.port = port or free_port()
        self.log_dir = log_dir
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_s: float | None = None  # process start → first answered query

    @property
    def url(self) -> str:
        return f"http://{LOCAL_HOST}:{self.port}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return {k: v for k, v in os.environ.items() if not k.startswith("KG_")}

    def cwd(self) -> Path | None:
        return None

    def prepare(self) -> None:
        """Install or load data before the process starts (not timed as start-up)."""

    def ready_timeout(self) -> float:
        return 120.0

    def sparql(self, query: str) -> Request:
        return Request(
            self.url + self.sparql_path, params={"query": query}, headers={"Accept": SPARQL_JSON}
        )

    def start(self) -> float:
        self.prepare()
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log_file = (self.log_dir / f"{self.name}-{self.port}.log").open("wb")
        log.info("starting %s on %s", self.name, self.url)
        start = time.perf_counter()
        self.proc = subprocess.Popen(
            self.command(),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=self.env(),
            cwd=self.cwd(),
            start_new_session=True,
        )
        log_file.close()
        probe = self.sparql(ASK)
        try:
            wait_ready(
                probe.url,
                params=probe.params,
                headers=probe.headers,
                timeout_s=self.ready_timeout(),
                ok_below=400,
            )
        except TimeoutError as exc:
            tail = self.log_tail()
            self.stop()
            raise BenchError(f"{self.name} did not start: {exc}\n{tail}") from exc
        if self.proc.poll() is not None:
            raise BenchError(f"{self.name} exited with {self.proc.returncode}\n{self.log_tail()}")
        self.started_s = time.perf_counter() - start
        return self.started_s

    def log_tail(self, lines: int = 15) -> str:
        path = self.log_dir / f"{self.name}-{self.port}.log"
        if not path.is_file():
            return ""
        return "\n".join(path.read_text("utf-8", errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                proc.wait(timeout=wait_s)
            except subprocess.TimeoutExpired:
                continue
            return

    @contextmanager
    def running(self) -> Iterator[Server]:
        try:
            self.start()
            yield self
        finally:
            self.stop()


def production_malloc() -> str | None:
    """The allocator the README recommends for production (``KG_MALLOC=jemalloc``), installed
    from Debian (``libjemalloc2``) when it is missing; ``None`` when it cannot be had."""
    from kg.config import find_allocator

    if find_allocator("jemalloc") is None and shutil.which("apt-get") is not None:
        log.info("installing libjemalloc2 with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            ["apt-get", "install", "-y", "libjemalloc2"], capture_output=True, env=env, check=False
        )
    return "jemalloc" if find_allocator("jemalloc") is not None else None


class Ours(Server):
    """``lckg serve`` with the README's production settings: ``--processes 2 --workers 2`` (two
    HTTP processes over the read-only store, each with two query worker processes),
    ``KG_ACCESS_LOG=false`` and ``KG_MALLOC=jemalloc`` (the system allocator if jemalloc cannot
    be installed; ``malloc="system"`` asks for it)."""

    name = "ours"

    def __init__(
        self,
        data_dir: Path,
        *,
        workers: int = 2,
        processes: int = 2,
        malloc: str | None = None,
        **kw: object,
    ) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.data_dir = data_dir
        self.workers = workers
        self.processes = processes
        self.malloc = malloc if malloc is not None else production_malloc()

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "kg.cli",
            "serve",
            "--host",
            LOCAL_HOST,
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--processes",
            str(self.processes),
            "--data-dir",
            str(self.data_dir),
        ]

    def env(self) -> dict[str, str]:
        env = super().env()
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        env["KG_ACCESS_LOG"] = "false"
        if self.malloc is not None:
            env["KG_MALLOC"] = self.malloc
        return env


class BareUvicorn(Server):
    """:mod:`bench.bare`: uvicorn answering every request with a canned result, no work at all;
    as many HTTP processes as :class:`Ours`. The ceiling of a uvicorn-served endpoint."""

    name = "uvicorn-bare"

    def __init__(self, *, processes: int = 2, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.processes = processes

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "bench.bare",
            "--port",
            str(self.port),
            "--processes",
            str(self.processes),
        ]

    def env(self) -> dict[str, str]:
        env = super().env()
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        return env


def _pip_install(requirement: str, executable: str) -> Path:
    found = shutil.which(executable, path=str(VENV_BIN))
    if found:
        return Path(found)
    log.info("installing %s with pip", requirement)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", requirement],
        capture_output=True,
        text=True,
        check=False,
    )
    found = shutil.which(executable, path=str(VENV_BIN))
    if result.returncode != 0 or not found:
        raise Missing(f"{requirement} could not be installed: {result.stderr[-300:]}")
    return Path(found)


class OxigraphServer(Server):
    """The native Oxigraph server (PyPI ``oxigraph``) over a copy-free read-only open of a store."""

    name = "oxigraph"
    sparql_path = "/query"

    def __init__(self, store_dir: Path, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.store_dir = store_dir
        self.binary: Path | None = None

    def prepare(self) -> None:
        self.binary = _pip_install("oxigraph>=0.5,<0.6", "oxigraph")

    def command(self) -> list[str]:
        # No --timeout-s: it breaks under load.
        return [
            str(self.binary),
            "serve-read-only",
            "--location",
            str(self.store_dir),
            "--bind",
            f"{LOCAL_HOST}:{self.port}",
            "--union-default-graph",
        ]


class RdflibEndpoint(Server):
    """rdflib-endpoint over an N-Quads file, in rdflib's default in-memory store."""

    name = "rdflib-endpoint"
    sparql_path = "/"

    def __init__(self, nquads: Path, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.nquads = nquads
        self.binary: Path | None = None

    def prepare(self) -> None:
        self.binary = _pip_install("rdflib-endpoint>=0.5,<1", "rdflib-endpoint")

    def ready_timeout(self) -> float:
        return 900.0  # parsing into rdflib's memory store is slow

    def command(self) -> list[str]:
        return [
            str(self.binary),
            "serve",
            "--host",
            LOCAL_HOST,
            "--port",
            str(self.port),
            str(self.nquads),
        ]


_VIRTUOSO_INI = """[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {host}:{isql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
DirsAllowed = ., {root}/data
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
MaxQueryMem = 1G

[HTTPServer]
ServerPort = {host}:{port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 32
ServerThreads = 32
MaxKeepAlives = 32
KeepAliveTimeout = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


class Virtuoso(Server):
    """Virtuoso Open Source (Debian package) with its own database and ini in a scratch folder.

    Data goes in with the bulk loader (``ld_dir`` + ``rdf_loader_run()``) twice: as N-Quads,
    keeping the named graphs for ``GRAPH`` patterns, and flattened into one graph that every
    query names with ``default-graph-uri`` (Virtuoso's own default graph also holds its
    system graphs). Queries go by GET only (its ``application/sparql-query`` POST hangs).
    """

    union_graph = "urn:bench:union"

    name = "virtuoso"

    def __init__(self, nquads: Path, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.nquads = nquads
        self.isql_port = free_port()
        self.root = WORK_DIR / f"virtuoso-{self.port}"
        self.load_s: float | None = None

    def prepare(self) -> None:
        if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
            log.info("installing virtuoso-opensource with apt-get")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            result = subprocess.run(
                ["apt-get", "install", "-y", "virtuoso-opensource"],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if shutil.which("virtuoso-t") is None:
                raise Missing(f"virtuoso-opensource could not be installed: {result.stderr[-300:]}")
        shutil.rmtree(self.root, ignore_errors=True)
        (self.root / "data").mkdir(parents=True)
        target = self.root / "data" / "graph.nq"
        if _same_fs(self.nquads, self.root):
            os.link(self.nquads, target)
        else:
            shutil.copy(self.nquads, target)
        _flatten(self.nquads, self.root / "data" / "union.nt")
        (self.root / "virtuoso.ini").write_text(
            _VIRTUOSO_INI.format(
                root=self.root, host=LOCAL_HOST, port=self.port, isql_port=self.isql_port
            )
        )

    def command(self) -> list[str]:
        return ["virtuoso-t", "+foreground", "+configfile", str(self.root / "virtuoso.ini")]

    def cwd(self) -> Path | None:
        return self.root

    def isql(self, sql: str, *, timeout_s: float = 3600.0) -> str:
        result = subprocess.run(
            ["isql-vt", f"{LOCAL_HOST}:{self.isql_port}", "dba", "dba", f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise BenchError(f"virtuoso isql failed: {(result.stdout + result.stderr)[-400:]}")
        return result.stdout

    def start(self) -> float:
        started = super().start()
        begin = time.perf_counter()
        data = self.root / "data"
        self.isql(
            f"ld_dir('{data}', 'graph.nq', 'urn:bench:default'); "
            f"ld_dir('{data}', 'union.nt', '{self.union_graph}'); "
            "rdf_loader_run(); checkpoint;"
        )
        errors = self.isql(
            "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;"
        )
        if "0 Rows" not in errors:
            raise BenchError(f"virtuoso bulk load reported errors: {errors[-400:]}")
        self.load_s = time.perf_counter() - begin
        return started

    def sparql(self, query: str) -> Request:
        return Request(
            self.url + self.sparql_path,
            params={"query": query, "default-graph-uri": self.union_graph},
            headers={"Accept": SPARQL_JSON},
        )

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.root, ignore_errors=True)


def _flatten(nquads: Path, out: Path) -> None:
    """Every quad's triple, as N-Triples (the union of the graphs, duplicates and all)."""
    import pyoxigraph as ox

    with out.open("wb") as handle:
        ox.serialize(
            (q.triple for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)),
            handle,
            format=ox.RdfFormat.N_TRIPLES,
        )


def _same_fs(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.stat().st_dev


__all__ = ["BareUvicorn", "Ours", "OxigraphServer", "RdflibEndpoint", "Server", "Virtuoso"]
