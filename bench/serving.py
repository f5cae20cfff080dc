"""SPARQL over HTTP: our endpoint side by side with the peers (and the shared load driver).

Every comparison runs side by side in one process: all servers are up at once, only one is
under load at a time, the order rotates every round, and ratios are taken per round.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import statistics
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from bench import PROJECT_ROOT, WORK_DIR, BenchError, Missing, percentile, ratio, spread
from bench.load import LoadResult, Request, run_load, run_wrk
from bench.peers import BareUvicorn, Ours, OxigraphServer, RdflibEndpoint, Server, Virtuoso
from bench.scale import BASE, REFERENCE_KINDS, Template

log = logging.getLogger(__name__)

AGGREGATE = (
    "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
)
POINT = "SELECT ?p ?o WHERE { <%s> ?p ?o }"
FLOOR = "pyoxigraph in-process"
BARE = BareUvicorn.name
PAGE_KINDS = ("person", "event", "initiative", "organization", "statistic")


@dataclass(frozen=True)
class LoadConfig:
    concurrency: int
    duration_s: float
    rounds: int
    # Heavy mixes (the catalogue) are measured by fixed work, not fixed time: every query
    # ``passes`` times per round. A query that runs for seconds would otherwise decide the
    # result by whether it happened to finish inside a short round.
    passes: int = 2


def drive_fixed(requests: Sequence[Request], cfg: LoadConfig, *, concurrency: int) -> LoadResult:
    """Every request ``cfg.passes`` times with ``concurrency`` clients; throughput is the number
    of requests over the wall time of the whole batch (the async client: at a few requests per
    second its own cost does not matter)."""
    return run_load(
        requests,
        concurrency=concurrency,
        duration_s=3600.0,
        max_requests=len(requests) * cfg.passes,
        timeout_s=600.0,
        warmup=0,
    )


def drive(
    requests: Sequence[Request],
    cfg: LoadConfig,
    *,
    concurrency: int | None = None,
    max_requests: int = 1_000_000,
) -> LoadResult:
    """wrk when it is installed, else the Python client (much slower on the client side)."""
    conc = concurrency or cfg.concurrency
    try:
        return run_wrk(requests, concurrency=conc, duration_s=cfg.duration_s, script_dir=WORK_DIR)
    except FileNotFoundError:
        return run_load(
            requests, concurrency=conc, duration_s=cfg.duration_s, max_requests=max_requests
        )


# -- samples ------------------------------------------------------------------------------------


def local_entities(
    template: Template, copies: int, *, count: int, seed: int, kinds: Sequence[str] = PAGE_KINDS
) -> list[tuple[str, str]]:
    """``(kind, slug)`` of article-local entities spread over every copy of the template."""
    found: set[tuple[str, str]] = set()
    pattern = re.compile(r"^<" + re.escape(BASE) + r"id/([a-z]+)/([^>#]+)>")
    for lines in template.graphs.values():
        for line in lines:
            match = pattern.match(line)
            if match and match.group(1) in kinds and match.group(1) not in REFERENCE_KINDS:
                found.add((match.group(1), match.group(2)))
    if not found:
        return []
    rng = random.Random(seed)
    base_set = sorted(found)
    return [
        (kind, f"{slug}-s{rng.randrange(copies)}")
        for kind, slug in (rng.choice(base_set) for _ in range(count))
    ]


def catalogue() -> list[tuple[str, str]]:
    """``(name, sparql)`` for each ``queries/*.rq``, via ``kg.queries`` when it parses them."""
    qdir = PROJECT_ROOT / "queries"
    out: list[tuple[str, str]] = []
    for path in sorted(qdir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("# "))
        out.append((path.stem, body))
    return out


# -- SPARQL side by side ------------------------------------------------------------------------


def dump_store(store_dir: Path, out: Path) -> Path:
    """The whole built store as one N-Quads file (what the file-loading peers read)."""
    import pyoxigraph as ox

    if not out.is_file():
        store = ox.Store.read_only(str(store_dir))
        store.dump(str(out), format=ox.RdfFormat.N_QUADS)
        del store
    return out


def _rows(server: Server, query: str, *, timeout_s: float = 60.0) -> tuple[int, int | None, str]:
    req = server.sparql(query)
    try:
        resp = httpx.get(
            req.url, params=req.params, headers=req.headers, timeout=timeout_s, trust_env=False
        )
    except httpx.HTTPError as exc:
        return 0, None, f"{type(exc).__name__} after {timeout_s:.0f} s"
    if resp.status_code != 200:
        return resp.status_code, None, resp.text[:160].replace("\n", " ")
    try:
        data = json.loads(resp.text)
    except json.JSONDecodeError:
        return resp.status_code, None, "not JSON"
    if "boolean" in data:
        return 200, 1, ""
    return 200, len(data.get("results", {}).get("bindings", [])), ""


def settle(server: Server) -> None:
    """Wait until the server has finished requests the load generator walked away from."""
    _rows(server, "ASK { ?s ?p ?o }", timeout_s=300.0)


def bench_sparql(
    store_dir: Path,
    data_dir: Path,
    nquads: Path,
    points: list[str],
    cfg: LoadConfig,
    *,
    systems: Sequence[str],
    check_timeout_s: float = 10.0,
) -> dict[str, Any]:
    """Our endpoint vs the Oxigraph server vs Virtuoso vs rdflib-endpoint, same data/queries.

    The peers that load files get the whole built store (articles, ontology, reference) as
    N-Quads, so that every system holds the same quads.
    """
    nquads = dump_store(store_dir, nquads.with_name("full.nq"))
    factories: dict[str, Callable[[], Server]] = {
        "ours": lambda: Ours(data_dir),
        "oxigraph": lambda: OxigraphServer(store_dir),
        "virtuoso": lambda: Virtuoso(nquads),
        "rdflib-endpoint": lambda: RdflibEndpoint(nquads),
    }
    result: dict[str, Any] = {"systems": {}, "workloads": {}, "not_run": {}}
    with ExitStack() as stack:
        up: dict[str, Server] = {}
        for name in systems:
            server = factories[name]()
            try:
                stack.enter_context(server.running())
            except (Missing, BenchError, OSError) as exc:
                log.warning("%s not run: %s", name, exc)
                result["not_run"][name] = str(exc)[:500]
                continue
            up[name] = server
            result["systems"][name] = {
                "start_s": server.started_s,
                "load_s": getattr(server, "load_s", None),
            }
        if "ours" not in up:
            raise Missing(f"our server did not start: {result['not_run'].get('ours')}")
        answers = {
            "point": _check(up, [POINT % iri for iri in points[:3]], check_timeout_s),
            "aggregate": _check(up, [AGGREGATE], check_timeout_s),
        }
        workloads = {"point": [POINT % iri for iri in points], "aggregate": [AGGREGATE]}
        kept, answers["catalogue"] = _check_catalogue(up, check_timeout_s)
        if kept:
            workloads["catalogue"] = [q for _, q in kept]
        else:
            result["not_run"]["catalogue"] = "no catalogue query that ours and Oxigraph answer"
        result["answers"] = answers
        result["catalogue_mix"] = [n for n, _ in kept]
        for name, queries in workloads.items():
            keys = {n for n, _ in kept} if name == "catalogue" else None
            able = {
                s: up[s]
                for s in up
                if all(
                    v["status"] == 200
                    for k, v in answers[name].get(s, {}).items()
                    if keys is None or k in keys
                )
                and (keys is None or keys <= set(answers[name].get(s, {})))
            }
            for s in set(up) - set(able):
                result["not_run"][f"{name}/{s}"] = "did not answer every query of the workload"
            if name == "point" and "ours" in able:
                # The ceiling: the same HTTP stack doing nothing (see bench.bare).
                try:
                    able[BARE] = stack.enter_context(BareUvicorn().running())
                except (BenchError, OSError) as exc:
                    result["not_run"][BARE] = str(exc)[:500]
            if "ours" in able:
                log.info("sparql workload %s: %d queries on %s", name, len(queries), list(able))
                result["workloads"][name] = _compare(
                    able, queries, cfg, store_dir, fixed_work=name == "catalogue"
                )
        if kept:
            seen = answers["catalogue"]
            able = {
                s: up[s]
                for s in up
                if all(seen.get(s, {}).get(n, {}).get("status") == 200 for n, _ in kept)
            }
            result["catalogue_by_query"] = by_query(able, kept, store_dir, reps=3)
    return result


def by_query(
    up: dict[str, Server], queries: list[tuple[str, str]], store_dir: Path, *, reps: int
) -> dict[str, dict[str, float]]:
    """Each query alone, one client: median ms over ``reps`` runs per system and in-process.

    Where the engine dominates, this shows how much of a heavy query's time is ours (HTTP,
    worker hop, row writer) and how much is the engine's, on each system.
    """
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    table: dict[str, dict[str, float]] = {}
    with httpx.Client(timeout=600.0, trust_env=False) as client:
        for name, query in queries:
            row: dict[str, float] = {}
            for system, server in up.items():
                req = server.sparql(query)
                times = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    resp = client.get(req.url, params=req.params, headers=req.headers)
                    resp.read()
                    times.append(time.perf_counter() - t0)
                if resp.status_code == 200:
                    row[system] = statistics.median(times) * 1000
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                _serialise(store.query(query, use_default_graph_as_union=True))
                times.append(time.perf_counter() - t0)
            row[FLOOR] = statistics.median(times) * 1000
            table[name] = row
            log.info("catalogue %s: %s", name, {k: round(v, 1) for k, v in row.items()})
    del store
    return table


def _serialise(result: Any) -> None:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryTriples):
        result.serialize(format=ox.RdfFormat.N_TRIPLES)
    elif isinstance(result, ox.QueryBoolean):
        bool(result)
    else:
        result.serialize(format=ox.QueryResultsFormat.JSON)


def _check(
    up: dict[str, Server], queries: list[str], timeout_s: float
) -> dict[str, dict[str, dict[str, Any]]]:
    """Each query once on each system: status and row count, to see they agree."""
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for sys, server in up.items():
        table[sys] = {}
        for i, query in enumerate(queries):
            status, rows, error = _rows(server, query, timeout_s=timeout_s)
            table[sys][str(i)] = {"status": status, "rows": rows, "error": error}
            if status != 200:
                break  # one failure excludes the system from the workload; save the time
    return table


def _check_catalogue(
    up: dict[str, Server], timeout_s: float
) -> tuple[list[tuple[str, str]], dict[str, dict[str, dict[str, Any]]]]:
    """Catalogue queries that ours and Oxigraph answer; how every system fares on them."""
    table: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in up}
    kept: list[tuple[str, str]] = []
    timed_out: set[str] = set()
    for name, sparql in catalogue():
        for sys in ("ours", "oxigraph"):
            if sys in up:
                status, rows, error = _rows(up[sys], sparql, timeout_s=timeout_s)
                table[sys][name] = {"status": status, "rows": rows, "error": error}
                if status == 0:
                    timed_out.add(sys)
                if status != 200:
                    break  # not in the mix anyway
        if all(
            table[s].get(name, {}).get("status") == 200 for s in ("ours", "oxigraph") if s in up
        ):
            kept.append((name, sparql))
    for sys in up:
        if sys in ("ours", "oxigraph"):
            continue
        for name, sparql in kept:
            status, rows, error = _rows(up[sys], sparql, timeout_s=timeout_s)
            table[sys][name] = {"status": status, "rows": rows, "error": error}
            if status != 200:
                timed_out.add(sys)
                break
    for sys in sorted(timed_out):
        # A query the client gave up on may still be running (the Oxigraph server has no
        # timeout here): restart so that it does not steal CPU from the measurements.
        log.info("restarting %s after a query that did not finish", sys)
        up[sys].stop()
        up[sys].start()
    return kept, table


def in_process(
    store_dir: Path, queries: list[str], duration_s: float, max_queries: int = 1_000_000
) -> LoadResult:
    """The floor: pyoxigraph in this process, one thread, results serialised to JSON, no HTTP."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + duration_s
    i = 0
    while time.perf_counter() < deadline and i < max_queries:
        t0 = time.perf_counter()
        _serialise(store.query(queries[i % len(queries)], use_default_graph_as_union=True))
        latencies.append(time.perf_counter() - t0)
        i += 1
    elapsed = time.perf_counter() - started
    return LoadResult(
        requests=i,
        ok=i,
        errors=0,
        elapsed_s=elapsed,
        throughput=i / elapsed,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        mean_ms=sum(latencies) / max(1, i) * 1000,
        statuses={"ok": i},
    )


def _compare(
    up: dict[str, Server],
    queries: list[str],
    cfg: LoadConfig,
    store_dir: Path,
    *,
    fixed_work: bool = False,
) -> dict[str, Any]:
    names = list(up)
    runs: dict[str, list[LoadResult]] = {n: [] for n in [*names, FLOOR]}
    for r in range(cfg.rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            requests = [up[name].sparql(q) for q in queries]
            if fixed_work:
                runs[name].append(drive_fixed(requests, cfg, concurrency=cfg.concurrency))
            else:
                runs[name].append(drive(requests, cfg))
            settle(up[name])
        if fixed_work:
            runs[FLOOR].append(
                in_process(store_dir, queries, math.inf, max_queries=len(queries) * cfg.passes)
            )
        else:
            runs[FLOOR].append(in_process(store_dir, queries, cfg.duration_s))
    # One client: each system's service time, without queueing.
    single: dict[str, float] = {}
    for name in names:
        requests = [up[name].sparql(q) for q in queries]
        if fixed_work:
            single[name] = drive_fixed(requests, replace(cfg, passes=1), concurrency=1).p50_ms
        else:
            single[name] = drive(requests, cfg, concurrency=1).p50_ms
        settle(up[name])
    out: dict[str, Any] = {
        "queries": len(queries),
        "systems": {},
        "measure": f"fixed work: each query {cfg.passes} times per round"
        if fixed_work
        else f"fixed time: {cfg.duration_s:g} s per round",
    }
    ours = [x.throughput for x in runs["ours"]]
    for name, results in runs.items():
        tps = [x.throughput for x in results]
        out["systems"][name] = {
            "throughput": spread(tps),
            "p50_ms": spread([x.p50_ms for x in results]),
            "p99_ms": spread([x.p99_ms for x in results]),
            "errors": sum(x.errors for x in results),
            "first_error": next((x.first_error for x in results if x.first_error), None),
            "ours_vs_this": ratio(ours, tps) if name != "ours" else None,
            "one_client_p50_ms": single.get(name, _med_p50(results)),
        }
    return out


def _med_p50(results: list[LoadResult]) -> float:
    return float(spread([x.p50_ms for x in results])["median"])
