"""Hostile inputs for the endpoint's tests: a listener that counts connections, the SSRF family
of issue 17 (SERVICE/LOAD hidden from a text scan) and a seeded generator of more spellings."""

from __future__ import annotations

import random
import socket
import threading

HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "2130706433", "0x7f000001", "127.1")

# ``{url}`` is the listener; each hides SERVICE from a scan that reads <'> as an IRI.
HIDDEN_QUERIES = (
    "SELECT * WHERE {{ BIND(1<'>' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(1<='>' || true) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ ?s ?p ?o FILTER(1<'>' || true) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?x) SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} #'",
    "ASK {{ BIND(1<'>' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(1<'>' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ BIND(1<'>' AS ?x)\nSERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
)
HIDDEN_UPDATES = (
    "INSERT {{ <http://e/s> <http://e/p> ?x }} WHERE {{ BIND(1<'>' AS ?x) }} ; LOAD <{url}> #'",
    "INSERT {{ <http://e/s> <http://e/p> ?x }} WHERE {{ BIND(1<'>' AS ?x) }} ; "
    "LOAD SILENT <{url}> INTO GRAPH <http://e/g> #'",
    "INSERT {{ ?s ?p ?o }} WHERE {{ BIND(1<'>' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} #'",
    "\\u004cOAD <{url}>",
)


class Listener:
    """A TCP listener on a free loopback port that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
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

    def urls(self) -> list[str]:
        return [f"http://{host}:{self.port}/sparql" for host in HOSTS]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def _case(rng: random.Random, word: str) -> str:
    out = []
    for ch in word:
        roll = rng.random()
        if roll < 0.1:
            out.append(f"\\u{ord(ch.upper()):04X}")
        else:
            out.append(ch.upper() if roll < 0.55 else ch.lower())
    return "".join(out)


def spellings(port: int, count: int, *, seed: int, update: bool) -> list[str]:
    """``count`` seeded SERVICE (or, for updates, also LOAD) spellings aimed at ``port``."""
    rng = random.Random(seed)
    hides = ("", "BIND(1<'>' AS ?h) ", "FILTER(1<='>' || true) ", "FILTER(1<'>' || true) ")
    gaps = (" ", "\t", "\n", " #c\n", "  ")
    found: list[str] = []
    while len(found) < count:
        host = rng.choice(HOSTS)
        scheme = rng.choice(("http", "http", "https"))
        path = rng.choice(("/sparql", "/", "/x?q=1", ""))
        url = f"{scheme}://{host}:{port}{path}"
        gap = rng.choice(gaps)
        silent = f"{_case(rng, 'SILENT')}{gap}" if rng.random() < 0.4 else ""
        hide = rng.choice(hides)
        tail = " #'" if hide else ""
        prefixed = rng.random() < 0.25
        prologue = f"PREFIX r: <{scheme}://{host}:{port}/> " if prefixed else ""
        target = "r:sparql" if prefixed else f"<{url}>"
        if update and rng.random() < 0.5:
            load = f"{_case(rng, 'LOAD')}{gap}{silent}{target}"
            found.append(
                f"{prologue}INSERT {{ <http://e/s> <http://e/p> ?h }} WHERE {{ {hide}}} ;{gap}"
                f"{load}{tail}"
            )
            continue
        service = f"{_case(rng, 'SERVICE')}{gap}{silent}{target}{gap}{{ ?s ?p ?o }}"
        if update:
            found.append(f"{prologue}INSERT {{ ?s ?p ?o }} WHERE {{ {hide}{service} }}{tail}")
            continue
        form = rng.choice(("SELECT *", "ASK", "CONSTRUCT { ?s ?p ?o }", "SELECT ?s"))
        found.append(f"{prologue}{form} WHERE {{ ?s ?p ?o {hide}{service} }}{tail}")
    return found
