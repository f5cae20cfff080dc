"""One command for every benchmark: ``python -m bench.run [--quick] [--only NAME]``.

Benchmarks: ``ingest``, ``build``, ``sparql``, ``pages``, ``coldstart``. Each runs against
whatever exists: a part that is missing (the pipeline, a route, a peer) is reported as not run,
with the reason, and the others still run. Results go to ``bench/results/<date>.{json,md,png}``.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import Any

from bench import (
    DEFAULT_SEED,
    PROJECT_ROOT,
    RESULTS_DIR,
    WORK_DIR,
    BenchError,
    Missing,
    report,
)
from bench.building import bench_ingest, bench_store_build, build_scaled
from bench.corpus import generate_corpus
from bench.load import ensure_wrk
from bench.pages import bench_cold_start, bench_pages
from bench.peers import production_malloc
from bench.scale import Scaled, Template, best_template, count_fixed_triples, scale
from bench.serving import LoadConfig, bench_sparql, local_entities

log = logging.getLogger("bench")

BENCHMARKS = ("ingest", "build", "sparql", "pages", "coldstart")
PEERS = ("ours", "oxigraph", "virtuoso", "rdflib-endpoint")
# A failing benchmark is recorded and the run goes on; these are the failures we expect.
EXPECTED = (
    Missing,
    BenchError,
    OSError,
    RuntimeError,
    ValueError,
    ImportError,
    subprocess.SubprocessError,
    TimeoutError,
)


@dataclass(frozen=True)
class Profile:
    ingest_sizes: tuple[int, ...]
    ingest_limit_s: float
    build_size: int
    build_rounds: int
    sparql_size: int
    sparql: LoadConfig
    page_sizes: tuple[int, ...]
    pages: LoadConfig
    cold_rounds: int
    max_build_s: float


QUICK = Profile(
    ingest_sizes=(1000, 10_000),
    ingest_limit_s=120,
    build_size=100_000,
    build_rounds=3,
    sparql_size=100_000,
    sparql=LoadConfig(8, 2.0, 3),
    page_sizes=(100_000, 1_000_000, 10_000_000),
    pages=LoadConfig(16, 3.0, 3),
    cold_rounds=5,
    max_build_s=300,
)
# Checks the harness end to end in about a minute; its numbers mean nothing.
SMOKE = Profile(
    ingest_sizes=(20,),
    ingest_limit_s=20,
    build_size=10_000,
    build_rounds=1,
    sparql_size=10_000,
    sparql=LoadConfig(4, 1.0, 1),
    page_sizes=(10_000, 20_000),
    pages=LoadConfig(4, 1.0, 1),
    cold_rounds=1,
    max_build_s=60,
)
FULL = Profile(
    ingest_sizes=(1000, 10_000),
    ingest_limit_s=900,
    build_size=1_000_000,
    build_rounds=3,
    sparql_size=100_000,
    sparql=LoadConfig(8, 10.0, 5),
    page_sizes=(100_000, 1_000_000, 10_000_000),
    pages=LoadConfig(16, 10.0, 5),
    cold_rounds=10,
    max_build_s=1800,
)


class Graphs:
    """Scaled graphs built once per run with the real build path, by size."""

    def __init__(self, seed: int, max_build_s: float) -> None:
        self.seed = seed
        self.max_build_s = max_build_s
        self._template: Template | None = None
        self._fixed: int | None = None
        self.built: dict[int, tuple[Scaled, Path, dict[str, Any]]] = {}

    @property
    def template(self) -> Template:
        if self._template is None:
            self._template = best_template()
            self._fixed = count_fixed_triples(PROJECT_ROOT / "ontology")
        return self._template

    def estimate_s(self, size: int) -> float | None:
        """Build seconds for ``size``, from the largest graph built so far (linear, +20%)."""
        if not self.built:
            return None
        known = max(self.built)
        return float(self.built[known][2]["total_s"]) * size / known * 1.2

    def get(self, size: int) -> tuple[Scaled, Path, dict[str, Any]]:
        if size in self.built:
            return self.built[size]
        estimate = self.estimate_s(size)
        if estimate is not None and estimate > self.max_build_s:
            raise Missing(
                f"building {size:,} triples would take about {estimate / 60:.0f} min "
                f"(over the {self.max_build_s / 60:.0f} min budget of this mode)"
            )
        root = WORK_DIR / "graphs" / str(size)
        shutil.rmtree(root, ignore_errors=True)
        scaled = scale(self.template, size, root, seed=self.seed, fixed_triples=self._fixed or 0)
        log.info("building the %s-triple store with the lckg build path (SHACL skipped)", size)
        build = build_scaled(scaled, root / "data")
        log.info("built %s triples in %.1f s", build["counts"].get("triples"), build["total_s"])
        self.built[size] = (scaled, root / "data", build)
        return self.built[size]


def _ingest(p: Profile, graphs: Graphs, seed: int) -> dict[str, Any]:
    corpora = {}
    for n in p.ingest_sizes:
        directory = WORK_DIR / "corpus" / str(n)
        generate_corpus(directory, n, seed=seed)
        corpora[n] = directory
    return bench_ingest(corpora, WORK_DIR, workers=[1, 2], rounds=1, time_limit_s=p.ingest_limit_s)


def _build(p: Profile, graphs: Graphs, seed: int) -> dict[str, Any]:
    scaled, _, _ = graphs.get(p.build_size)
    return bench_store_build(scaled, WORK_DIR / "build-bench", rounds=p.build_rounds)


def _sparql(p: Profile, graphs: Graphs, seed: int) -> dict[str, Any]:
    scaled, data_dir, build = graphs.get(p.sparql_size)
    ents = local_entities(graphs.template, scaled.copies, count=200, seed=seed)
    base = "http://localhost:8000/id/"
    points = [f"{base}{kind}/{slug}" for kind, slug in ents]
    return bench_sparql(
        Path(build["store_dir"]), data_dir, scaled.nquads, points, p.sparql, systems=PEERS
    )


def _pages(p: Profile, graphs: Graphs, seed: int) -> dict[str, Any]:
    from bench.scale import reference_cities

    cities = [iri.rsplit("/", 1)[-1] for iri in reference_cities() if "/id/city/" in iri][:20]
    sizes: dict[str, Any] = {}
    for size in p.page_sizes:
        try:
            scaled, data_dir, build = graphs.get(size)
        except Missing as exc:
            sizes[str(size)] = {"reason": str(exc)}
            continue
        ents = local_entities(graphs.template, scaled.copies, count=300, seed=seed)
        result = bench_pages(data_dir, ents, cities, p.pages)
        result["triples"] = build["counts"].get("triples")
        result["build_s"] = build["total_s"]
        sizes[str(size)] = result
    return {"sizes": sizes}


def _coldstart(p: Profile, graphs: Graphs, seed: int) -> dict[str, Any]:
    size = max(graphs.built) if graphs.built else p.page_sizes[0]
    _, data_dir, build = graphs.get(size)
    result = bench_cold_start(data_dir, Path(build["store_dir"]), rounds=p.cold_rounds)
    result["triples"] = build["counts"].get("triples")
    return result


RUNNERS = {
    "ingest": _ingest,
    "build": _build,
    "sparql": _sparql,
    "pages": _pages,
    "coldstart": _coldstart,
}


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _machine() -> dict[str, Any]:
    mem = None
    if hasattr(os, "sysconf"):
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    virtuoso = shutil.which("virtuoso-t")
    return {
        "cpus": os.cpu_count(),
        "memory_gb": mem,
        "python": platform.python_version(),
        "pyoxigraph": _version("pyoxigraph"),
        "oxigraph_server": _version("oxigraph"),
        "rdflib": _version("rdflib"),
        "rdflib_endpoint": _version("rdflib-endpoint"),
        "virtuoso": "Debian virtuoso-opensource" if virtuoso else None,
        "load_generator": "wrk (1 thread)" if shutil.which("wrk") else "httpx async",
    }


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # unwinds every ``finally``: servers are stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks (see bench/README.md).")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="a few minutes instead of hours")
    mode.add_argument(
        "--smoke", action="store_true", help="check the harness; numbers mean nothing"
    )
    parser.add_argument(
        "--only", action="append", choices=BENCHMARKS, help="run only this benchmark (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="results directory")
    parser.add_argument(
        "--page-sizes",
        type=lambda t: tuple(int(x) for x in t.split(",")),
        help="graph sizes for the pages benchmark, e.g. 100000,1000000",
    )
    parser.add_argument(
        "--max-build-min",
        type=float,
        help="build a scaled graph only if its estimated build time fits (default: 5 quick, "
        "30 full)",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "httpcore", "ingest", "kg"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _on_sigterm)
    mode_name = "smoke" if args.smoke else "quick" if args.quick else "full"
    profile = {"smoke": SMOKE, "quick": QUICK, "full": FULL}[mode_name]
    if args.page_sizes:
        profile = replace(profile, page_sizes=args.page_sizes)
    if args.max_build_min:
        profile = replace(profile, max_build_s=args.max_build_min * 60)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    if not ensure_wrk():
        log.warning("wrk is not available: using the Python load generator (slower client)")
    malloc = production_malloc()
    if malloc is None:
        log.warning("libjemalloc2 is not available: our server runs with the system allocator")
    graphs = Graphs(args.seed, profile.max_build_s)
    now = datetime.now(UTC)
    results: dict[str, Any] = {
        "date": now.strftime("%Y-%m-%d"),
        "started": now.isoformat(timespec="seconds"),
        "mode": mode_name,
        "seed": args.seed,
        "machine": _machine(),
        "profile": asdict(profile),
        "benchmarks": {},
        "notes": [
            "Scaled graphs are built with the lckg build path (ontology, reference, load, "
            "search, optimize) with SHACL validation skipped (--skip-shacl) for every size.",
            f"Our server: KG_ACCESS_LOG=false KG_MALLOC={malloc or 'system'} lckg serve "
            "--processes 2 --workers 2 (the README's production settings: two HTTP processes, "
            "two query worker processes each, jemalloc as the allocator when it is installed).",
            "Client and servers share the same machine; the load generator takes CPU too.",
        ],
    }
    chosen = args.only or list(BENCHMARKS)
    try:
        for name in chosen:
            started = time.perf_counter()
            log.info("== %s ==", name)
            entry: dict[str, Any]
            try:
                entry = {"status": "ok", "data": RUNNERS[name](profile, graphs, args.seed)}
            except Missing as exc:
                log.warning("%s not run: %s", name, exc)
                entry = {"status": "not run", "reason": str(exc)}
            except EXPECTED as exc:
                log.exception("%s failed", name)
                entry = {"status": "failed", "reason": f"{type(exc).__name__}: {exc}"[:2000]}
            entry["seconds"] = round(time.perf_counter() - started, 1)
            if name == "sparql" and profile.sparql_size in graphs.built:
                entry["triples"] = graphs.built[profile.sparql_size][2]["counts"].get("triples")
                entry["concurrency"] = profile.sparql.concurrency
            results["benchmarks"][name] = entry
    except KeyboardInterrupt:
        log.warning("interrupted: writing what was measured so far")
        results["notes"].append("The run was interrupted; some benchmarks are missing.")
    if graphs.built:
        results["template"] = {
            "source": graphs.template.source,
            "triples_per_copy": graphs.template.triples,
            "graphs_per_copy": len(graphs.template.graphs),
        }
    stem = results["date"] + ("" if mode_name == "full" else f"-{mode_name}")
    for path in report.write(results, args.out, stem):
        log.info("wrote %s", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
