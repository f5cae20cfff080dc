"""SERVICE and LOAD are refused unless allow-listed, detected on tokens (not substrings); a
refused SERVICE makes no connection at all."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from lckg_live import TOKEN, LiveServer

from kg.errors import BadQuery
from kg.sparql.service import check_federation
from kg.sparql.tokens import form_of, tokenize, tokens_of


class Listener:
    """A TCP listener on a free port that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


def test_service_to_a_private_address_makes_no_connection(
    readonly_server: LiveServer, listener: Listener
) -> None:
    endpoint = f"http://127.0.0.1:{listener.port}/sparql"
    for query in (
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <http://127.0.0.1:{listener.port}/> "
        "SELECT * WHERE { service x:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <" + endpoint + "> } SERVICE ?e { ?s ?p ?o } }",
    ):
        resp = httpx.get(f"{readonly_server.url}/sparql", params={"query": query})
        assert resp.status_code == 400, (query, resp.text)
        assert "KG_SERVICE_ALLOW" in resp.text
    assert listener.connections == 0


def test_the_listener_does_count_connections(listener: Listener) -> None:
    """The probe above could not pass vacuously: a connection is counted."""
    with socket.create_connection(("127.0.0.1", listener.port)):
        pass
    for _ in range(50):
        if listener.connections:
            break
        threading.Event().wait(0.05)
    assert listener.connections == 1


def test_allow_listed_service_is_contacted(
    make_client: Callable[..., TestClient], listener: Listener
) -> None:
    # Federation needs workers with a network: sealed ones (the default) reach nothing, so an
    # allow-list is only accepted with KG_NETWORK_ISOLATION=off.
    endpoint = f"http://127.0.0.1:{listener.port}/sparql"
    client = make_client(service_allow=[endpoint], network_isolation="off")
    resp = client.get(
        "/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"}
    )
    assert resp.status_code != 500
    assert listener.connections >= 1  # allowed, so the engine really called it


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/> { }" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1/> {}",
        "SELECT ?service WHERE { ?service <http://e/SERVICE> ?o }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p '''multi\nSERVICE <http://x/> {}''' }",
    ],
)
def test_service_in_strings_comments_iris_and_names_is_not_refused(query: str) -> None:
    check_federation(list(tokenize(query)), [], update=False)


def test_load_is_refused_unless_allowed() -> None:
    tokens = list(tokenize("LOAD SILENT <http://169.254.169.254/latest> INTO GRAPH <http://g>"))
    assert form_of(tokens) == "update"
    with pytest.raises(BadQuery, match="LOAD"):
        check_federation(tokens, [], update=True)
    check_federation(tokens, ["http://169.254.169.254/"], update=True)
    where = list(tokenize("INSERT { ?s ?p ?o } WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }"))
    with pytest.raises(BadQuery, match="SERVICE"):
        check_federation(where, [], update=True)


def test_load_over_http_is_400(make_client: Callable[..., TestClient], listener: Listener) -> None:
    client = make_client(update_token=TOKEN)
    resp = client.post(
        "/sparql",
        data={"update": f"LOAD <http://127.0.0.1:{listener.port}/x>"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert resp.status_code == 400
    assert listener.connections == 0


def test_remembered_tokens_are_the_tokenizers_and_long_texts_are_not_kept() -> None:
    query = 'SELECT * WHERE { SERVICE <http://e/> { ?s ?p "SERVICE" } } # SERVICE'
    first = tokens_of(query)
    assert first == tuple(tokenize(query))
    assert tokens_of(query) is first  # remembered
    long_query = query + " " * 5000
    assert tokens_of(long_query) == first
    assert tokens_of(long_query) is not tokens_of(long_query)  # tokenized each time
    with pytest.raises(BadQuery):
        check_federation(tokens_of(query), [], update=False)
