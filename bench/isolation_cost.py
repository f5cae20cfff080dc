"""What the network seal and the text layer cost (README, Reliability): worker start-up with and
without the seal, a query's round trip through a sealed and an unsealed worker, the text layer
on a plain and on a SERVICE-naming query, and an upload parsed by a worker first.

    .venv/bin/python bench/isolation_cost.py
"""

from __future__ import annotations

import multiprocessing
import pickle
import statistics
import tempfile
import time
from pathlib import Path

from kg.formats import TURTLE
from kg.sparql import worker
from kg.sparql.limits import check_nesting
from kg.sparql.service import check_remote
from kg.sparql.worker import Check, Job
from kg.store import Store

QUERY = "SELECT ?s ?o WHERE { ?s <http://example.org/p1> ?o } LIMIT 10"
NAMING = 'SELECT * WHERE { ?s <http://e/p#label> "a service" FILTER(?o < 3) }'


def _start(seal: bool) -> tuple[float, multiprocessing.connection.Connection, object]:
    ctx = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=worker.main, args=(child, seal), daemon=True)
    proc.start()
    child.close()
    pickle.loads(conn.recv_bytes())
    return time.perf_counter() - started, conn, proc


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.3f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        store = Store(path)
        filler = "\n".join(
            f"<http://example.org/n{i}> <http://example.org/p{i % 7}> {i} ." for i in range(5000)
        )
        store.load(filler.encode(), format=TURTLE)
        store.flush()
        del store
        for seal in (False, True):
            starts, trips = [], []
            for _ in range(5):
                took, conn, proc = _start(seal)
                starts.append(took)
                job = Job(QUERY, f"{tmp}/out", "json", "turtle", 100, True, None, None, None)
                for _ in range(200):
                    t = time.perf_counter()
                    conn.send_bytes(pickle.dumps((str(path), job)))
                    conn.recv_bytes()
                    trips.append(time.perf_counter() - t)
                conn.close()
                proc.join()  # type: ignore[attr-defined]
            label = "sealed" if seal else "unsealed"
            print(f"{label}: start-up {_median_ms(starts)}, query round trip {_median_ms(trips)}")
        for text in (QUERY, NAMING):
            t = time.perf_counter()
            for _ in range(2000):
                check_nesting(text, 200)
                check_remote(text, [], update=False)
            print(
                f"text layer + nesting, {'naming' if text is NAMING else 'plain'}: "
                f"{(time.perf_counter() - t) / 2000 * 1e6:.1f} µs"
            )
        body = Path(tmp) / "body.ttl"
        body.write_text("\n".join(f'<http://e/s{i}> <http://e/p> "v{i}" .' for i in range(100_000)))
        took, conn, proc = _start(True)
        t = time.perf_counter()
        conn.send_bytes(
            pickle.dumps(
                (str(path), Check("rdf", f"{tmp}/nt", data=str(body), rdf_format="turtle"))
            )
        )
        conn.recv_bytes()
        in_worker = time.perf_counter() - t
        t = time.perf_counter()
        Store().put_graph(
            body.read_bytes(), format=TURTLE, graph=None, base_iri=None, replace=False
        )
        direct = time.perf_counter() - t
        size = body.stat().st_size / (1 << 20)
        print(
            f"100,000 triples ({size:.1f} MiB Turtle): parsed in a worker "
            f"{in_worker * 1000:.0f} ms,"
        )
        print(f"  written directly (parse + insert, as before) {direct * 1000:.0f} ms")
        conn.close()
        proc.join()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
