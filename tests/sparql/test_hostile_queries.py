"""Issue 17, items 1 and 2: no SSRF however SERVICE/LOAD is written, and no input that crashes
the server or lets a worker grow without bound.

The seal is tested below the text layer (queries sent straight to a real worker process and to a
sealed thread, bypassing every check on the text) and through real servers, read-only and with the
write token; a loopback listener counts the connections that reach it.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from lckg_live import TOKEN, LiveServer, child_processes, make_data_dir, wait_for
from ssrf_probe import HIDDEN_QUERIES, HIDDEN_UPDATES, Listener, spellings

from kg.errors import BadQuery
from kg.sparql import worker
from kg.sparql.limits import resident_bytes
from kg.sparql.seal import SealedExecutor, thread_is_sealed
from kg.sparql.service import check_remote
from kg.sparql.worker import Hello, Job, Reply

AUTH = {"Authorization": f"Bearer {TOKEN}"}
FUZZ = 300


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def _settle(listener: Listener) -> int:
    time.sleep(0.3)  # a connection the engine opened at the last moment is counted by now
    return listener.connections


# -- below the text: the seal itself ------------------------------------------------------------
def test_a_sealed_thread_gets_no_socket_and_the_rest_of_the_process_does() -> None:
    threads = SealedExecutor(1, name="test-seal", stack_size=1 << 20)
    try:
        assert threads.sealed, threads.error
        assert threads.submit(thread_is_sealed).result() is True
        assert thread_is_sealed() is False
    finally:
        threads.shutdown()


class _Worker:
    """A real query worker process, spoken to as the pool speaks to it."""

    def __init__(self, store_path: str, *, seal: bool) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker.main, args=(child, seal), daemon=True)
        self.proc.start()
        child.close()
        self.hello: Hello = pickle.loads(self.conn.recv_bytes())
        self.store_path = store_path

    def ask(self, query: str, output: Path) -> Reply:
        job = Job(query, str(output), "json", "turtle", 100, True, None, None, None)
        self.conn.send_bytes(pickle.dumps((self.store_path, job)))
        reply: Reply = pickle.loads(self.conn.recv_bytes())
        return reply

    def close(self) -> None:
        self.conn.close()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    data_dir = tmp_path_factory.mktemp("worker")
    settings = make_data_dir(data_dir, filler=False)
    return str(settings.current_link.resolve() / "store")


def test_the_engine_in_a_sealed_worker_reaches_nothing(
    store_path: str, listener: Listener, tmp_path: Path
) -> None:
    """Every variant and a seeded fuzz, sent to the worker with no text check at all."""
    queries = [q.format(url=url) for q in HIDDEN_QUERIES for url in listener.urls()]
    queries += spellings(listener.port, FUZZ, seed=17, update=False)
    sealed = _Worker(store_path, seal=True)
    try:
        assert sealed.hello.sealed, sealed.hello.error
        for i, query in enumerate(queries):
            reply = sealed.ask(query, tmp_path / f"out-{i}")
            assert reply.error in (None, "syntax", "query"), (query, reply)
            if reply.error == "query":
                assert "KG_NETWORK_ISOLATION" in reply.message, (query, reply.message)
    finally:
        sealed.close()
    assert _settle(listener) == 0


def test_an_unsealed_worker_does_connect(
    store_path: str, listener: Listener, tmp_path: Path
) -> None:
    """The probe above cannot pass vacuously: without the seal the same query connects."""
    unsealed = _Worker(store_path, seal=False)
    try:
        assert not unsealed.hello.sealed
        url = listener.urls()[0]
        unsealed.ask(HIDDEN_QUERIES[0].format(url=url), tmp_path / "out")
    finally:
        unsealed.close()
    assert wait_for(lambda: listener.connections >= 1, timeout=5)


# -- the text layer -----------------------------------------------------------------------------
@pytest.mark.parametrize("template", HIDDEN_QUERIES)
def test_the_text_layer_refuses_every_hidden_variant(template: str) -> None:
    with pytest.raises(BadQuery):
        check_remote(template.format(url="http://127.0.0.1:9/x"), [], update=False)


@pytest.mark.parametrize("template", HIDDEN_UPDATES)
def test_the_text_layer_refuses_hidden_loads(template: str) -> None:
    with pytest.raises(BadQuery):
        check_remote(template.format(url="http://127.0.0.1:9/x"), [], update=True)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "Load the data" }',
        "SELECT * WHERE { ?s <http://e/p#service> ?o } # service",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) } # a LOAD of work",
        "SELECT * WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?o), 'download')) }",
    ],
)
def test_the_text_layer_lets_sure_readings_pass(query: str) -> None:
    check_remote(query, [], update=False)


def test_an_unsealed_endpoint_refuses_the_words_anywhere() -> None:
    with pytest.raises(BadQuery, match="could not be sealed"):
        check_remote('SELECT * WHERE { ?s ?p "service" }', [], isolation="unsealed", update=False)


# -- over HTTP ----------------------------------------------------------------------------------
def _no_500(resp: httpx.Response, text: str) -> None:
    assert resp.status_code < 500, (text, resp.status_code, resp.text[:300])
    assert resp.status_code in (200, 400), (text, resp.status_code, resp.text[:300])


def test_read_only_server_reaches_no_listener(
    readonly_server: LiveServer, listener: Listener
) -> None:
    queries = [q.format(url=url) for q in HIDDEN_QUERIES for url in listener.urls()]
    queries += spellings(listener.port, FUZZ, seed=1717, update=False)
    with httpx.Client(base_url=readonly_server.url, timeout=30) as http:
        for query in queries:
            _no_500(http.post("/sparql", data={"query": query}), query)
        for update in (u.format(url=listener.urls()[0]) for u in HIDDEN_UPDATES):
            assert http.post("/sparql", data={"update": update}).status_code == 403
    assert _settle(listener) == 0


def test_with_the_token_no_update_or_query_reaches_the_listener(
    write_server: LiveServer, listener: Listener
) -> None:
    updates = [u.format(url=url) for u in HIDDEN_UPDATES for url in listener.urls()]
    updates += spellings(listener.port, FUZZ // 3, seed=71, update=True)
    queries = [q.format(url=url) for q in HIDDEN_QUERIES for url in listener.urls()[:2]]
    with httpx.Client(base_url=write_server.url, timeout=30, headers=AUTH) as http:
        for update in updates:
            _no_500(http.post("/update", data={"update": update}), update)
        for query in queries:
            _no_500(http.post("/sparql", data={"query": query}), query)
    assert _settle(listener) == 0


# -- crash inputs -------------------------------------------------------------------------------
def _groups(n: int) -> str:
    return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n


def _parens(n: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "1" + ")" * n + ") }"


def test_deeply_nested_queries_are_400_and_crash_no_worker(readonly_server: LiveServer) -> None:
    assert readonly_server.proc is not None
    workers = set(child_processes(readonly_server.proc.pid))
    nested = [_groups(2500), _parens(2800), _groups(2700)]
    assert all(5000 <= len(q) <= 6000 for q in nested)

    def send(query: str) -> httpx.Response:
        return httpx.post(f"{readonly_server.url}/sparql", data={"query": query}, timeout=30)

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(send, nested * 8))
    for resp in answers:
        assert resp.status_code == 400 and "KG_MAX_NESTING" in resp.text, resp.text[:200]
    assert set(child_processes(readonly_server.proc.pid)) == workers  # none crashed or replaced
    assert (
        httpx.get(f"{readonly_server.url}/sparql", params={"query": _groups(150)}).status_code
        == 200
    )


def _jsonld(depth: int) -> bytes:
    inner = '"x"'
    for _ in range(depth):
        inner = '{"http://example.org/p":' + inner + "}"
    return ('{"@id":"http://example.org/top","http://example.org/p":' + inner + "}").encode()


def test_nested_updates_and_uploads_cost_at_most_a_worker(write_server: LiveServer) -> None:
    url, graph = write_server.url, "http://example.org/nested"
    update = "INSERT { <http://e/s> <http://e/p> <http://e/o> } WHERE " + "{" * 3000 + "}" * 3000
    resp = httpx.post(f"{url}/update", data={"update": update}, headers=AUTH, timeout=30)
    assert resp.status_code == 400 and "KG_MAX_NESTING" in resp.text
    store = f"{url}/store"
    headers = {**AUTH, "Content-Type": "application/ld+json"}
    resp = httpx.put(store, params={"graph": graph}, content=_jsonld(300), headers=headers)
    assert resp.status_code in (201, 204), resp.text[:300]
    # The engine's JSON-LD parser needs memory in the square of the depth (~5 GB at 5,000
    # levels) and recursion as deep: the worker parsing it is stopped at KG_QUERY_MEMORY.
    started = time.monotonic()
    resp = httpx.put(
        store, params={"graph": graph}, content=_jsonld(5000), headers=headers, timeout=60
    )
    assert resp.status_code == 503 and "KG_QUERY_MEMORY" in resp.text, resp.text[:300]
    assert "upload" in resp.text and time.monotonic() - started < 10
    assert write_server.proc is not None and write_server.proc.poll() is None
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph + "> { ?s ?p ?o } }"
    resp = httpx.get(
        f"{url}/sparql", params={"query": count}, headers={"Accept": "application/json"}
    )
    assert int(resp.json()["results"]["bindings"][0]["n"]["value"]) == 301  # the first upload


# -- memory -------------------------------------------------------------------------------------
HUNGRY = "SELECT ?a ?b ?c WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?x ?y } ORDER BY ?a ?b ?c"


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("memory")
    make_data_dir(data_dir)
    env = {"KG_WORKERS": "1", "KG_QUERY_MEMORY": "128", "KG_QUERY_TIMEOUT": "20"}
    server = LiveServer(data_dir, env).start()
    yield server
    server.stop()


def test_a_memory_hungry_query_is_503_and_its_worker_replaced(small_server: LiveServer) -> None:
    assert small_server.proc is not None
    before = set(child_processes(small_server.proc.pid))
    started = time.monotonic()
    resp = httpx.get(f"{small_server.url}/sparql", params={"query": HUNGRY}, timeout=30)
    elapsed = time.monotonic() - started
    assert resp.status_code == 503 and "KG_QUERY_MEMORY" in resp.text, resp.text[:300]
    assert elapsed < 5
    after = set(child_processes(small_server.proc.pid))
    assert after and not (before & after)  # the worker that grew was killed, a new one serves
    for pid in after:
        used = resident_bytes(pid)
        assert used is not None and used < 128 << 20
    ok = httpx.get(f"{small_server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True


# -- in-process (the in-memory store's query threads are sealed too) ----------------------------
def test_in_memory_app_threads_are_sealed(make_client: object, listener: Listener) -> None:
    client = make_client(update_token=TOKEN)  # type: ignore[operator]
    for query in (q.format(url=listener.urls()[0]) for q in HIDDEN_QUERIES):
        _no_500(client.post("/sparql", data={"query": query}), query)
    for update in (u.format(url=listener.urls()[1]) for u in HIDDEN_UPDATES):
        _no_500(client.post("/update", data={"update": update}, headers=AUTH), update)
    assert client.app.state.sparql.pool.isolation == "sealed"
    assert _settle(listener) == 0
