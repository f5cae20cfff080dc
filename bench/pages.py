"""Entity pages, ``/data`` and search by graph size, and cold start, on our server."""

from __future__ import annotations

import math
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench import spread
from bench.load import Request
from bench.peers import Ours, OxigraphServer
from bench.scale import BASE, reference_cities
from bench.serving import LoadConfig, drive


def search_terms() -> list[str]:
    names = [iri.rsplit("/", 1)[-1].replace("-", " ") for iri in reference_cities(BASE)]
    return (names[:12] or ["son la", "da nang"]) + [
        "hoi nghi",
        "nguyen",
        "thanh pho hoc tap",
        "unesco",
        "hoc tap suot doi",
    ]


# -- pages, /data and search by size; cold start -----------------------------------------------


def _probe(url: str, *, timeout_s: float = 30.0) -> int:
    try:
        return httpx.get(
            url, timeout=timeout_s, trust_env=False, headers={"Accept": "text/html"}
        ).status_code
    except httpx.HTTPError:
        return 0


def bench_pages(
    data_dir: Path,
    entities: list[tuple[str, str]],
    cities: list[str],
    cfg: LoadConfig,
    *,
    concurrency: int = 16,
) -> dict[str, Any]:
    """Latency and throughput of /page, /data (Turtle) and /search on one built store."""
    server = Ours(data_dir)
    out: dict[str, Any] = {"routes": {}, "not_run": {}}
    with server.running():
        out["start_s"] = server.started_s
        routes = {
            "page": [
                Request(f"{server.url}/page/{k}/{quote(s)}", headers={"Accept": "text/html"})
                for k, s in entities
            ],
            "data_ttl": [
                Request(f"{server.url}/data/{k}/{quote(s)}.ttl", headers={"Accept": "text/turtle"})
                for k, s in entities
            ],
            "page_city": [
                Request(f"{server.url}/page/city/{quote(c)}", headers={"Accept": "text/html"})
                for c in cities
            ],
            "search": [
                Request(f"{server.url}/search", params={"q": t}, headers={"Accept": "text/html"})
                for t in search_terms()
            ],
        }
        for name, requests in routes.items():
            if not requests:
                out["not_run"][name] = "no sample entities"
                continue
            first = requests[0]
            url = first.url + (f"?q={quote(first.params['q'])}" if first.params else "")
            status = _probe(url)
            if status != 200:
                out["not_run"][name] = f"{url.split('/', 3)[-1]} answered {status}"
                continue
            # Warm the caches (a big store is cold after a build), then measure; wait for the
            # server to finish what wrk walked away from before the next route.
            drive(requests, replace(cfg, duration_s=1.0), concurrency=concurrency)
            _probe(url, timeout_s=300.0)
            results = [drive(requests, cfg, concurrency=concurrency) for _ in range(cfg.rounds)]
            # One client: the service time of a request, without queueing behind 15 others.
            _probe(url, timeout_s=300.0)
            single = drive(requests, cfg, concurrency=1)
            _probe(url, timeout_s=300.0)
            out["routes"][name] = {
                "throughput": spread([x.throughput for x in results]),
                "p50_ms": spread([x.p50_ms for x in results]),
                "p99_ms": spread([x.p99_ms for x in results]),
                "errors": sum(x.errors for x in results),
                "one_client_p50_ms": single.p50_ms,
                "one_client_throughput": single.throughput,
            }
    return out


def bench_cold_start(data_dir: Path, store_dir: Path, *, rounds: int) -> dict[str, Any]:
    """Process start → first answered SPARQL request, ours and the Oxigraph server, alternating."""
    times: dict[str, list[float]] = {"ours": [], "oxigraph": []}
    for _ in range(rounds):
        for name, server in (("ours", Ours(data_dir)), ("oxigraph", OxigraphServer(store_dir))):
            with server.running():
                times[name].append(server.started_s or math.nan)
            time.sleep(0.2)
    return {name: spread(values) for name, values in times.items()}
