"""Ingest throughput and store building: the pipeline over a synthetic corpus, and the real
``lckg build`` path over scaled article graphs, next to raw pyoxigraph ``bulk_load``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import PROJECT_ROOT, BenchError, Missing, ratio, spread
from bench.scale import BASE, Scaled

log = logging.getLogger(__name__)

MISSING_EXIT = 3


# -- scaled graphs through the real build -------------------------------------------------------


@dataclass(frozen=True)
class _ScaledOutput:
    """Looks like one ``ingest.api`` result to the build; reads its slice lazily."""

    path: Path
    article_id: str
    offset: int
    length: int
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def nquads(self) -> str:
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.length).decode("utf-8")


@contextmanager
def _ingest_replaced(scaled: Scaled) -> Iterator[None]:
    """Swap the build's ingest phase for the scaled graphs; every other phase is the real one."""
    import kg.build

    index = json.loads(scaled.index.read_text(encoding="utf-8"))

    def phase_ingest(settings: Any, *, workers: int) -> Generator[_ScaledOutput, None, None]:
        # The build stages each graph as it arrives (its ingest phase), then loads the file.
        for article_id, offset, length in index:
            yield _ScaledOutput(scaled.nquads, article_id, offset, length)

    original = kg.build.phase_ingest
    kg.build.phase_ingest = phase_ingest
    try:
        yield
    finally:
        kg.build.phase_ingest = original


def build_scaled(scaled: Scaled, data_dir: Path, *, validate: bool = False) -> dict[str, Any]:
    """``run_build`` over the scaled graphs into ``data_dir``; the build report as a dict."""
    from kg.build import run_build
    from kg.config import Settings
    from kg.errors import BuildError

    empty = data_dir / "no-articles"
    empty.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, base=BASE, articles_dir=empty)
    start = time.perf_counter()
    with _ingest_replaced(scaled):
        try:
            info = run_build(settings, validate=validate, workers=1, quiet=True)
        except BuildError as exc:
            raise BenchError(f"build of {scaled.nquads} failed: {exc}") from exc
    report: dict[str, Any] = json.loads(info.report_path.read_text(encoding="utf-8"))
    report["total_s"] = time.perf_counter() - start
    report["store_dir"] = str(info.store_dir)
    report.pop("articles", None)
    return report


def raw_bulk_load(nquads: Path, store_dir: Path) -> float:
    """Seconds for pyoxigraph ``bulk_load`` of the whole file into a new on-disk store."""
    import pyoxigraph as ox

    shutil.rmtree(store_dir, ignore_errors=True)
    start = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    elapsed = time.perf_counter() - start
    del store
    shutil.rmtree(store_dir, ignore_errors=True)
    return elapsed


def bench_store_build(scaled: Scaled, work: Path, *, rounds: int) -> dict[str, Any]:
    """The build's load phase vs raw ``bulk_load`` of the same N-Quads, alternating, ``rounds``×."""
    build_s: list[float] = []
    raw_s: list[float] = []
    phases: list[dict[str, float]] = []
    for r in range(rounds):
        order = ("build", "raw") if r % 2 == 0 else ("raw", "build")
        for which in order:
            if which == "raw":
                raw_s.append(raw_bulk_load(scaled.nquads, work / "raw-store"))
            else:
                data_dir = work / "build-data"
                shutil.rmtree(data_dir, ignore_errors=True)
                report = build_scaled(scaled, data_dir)
                phases.append(report["phases"])
                build_s.append(report["phases"]["load"])
                shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "triples": scaled.triples,
        "articles": scaled.articles,
        "template": scaled.template_source,
        "shacl": "skipped (--skip-shacl)",
        "build_load_s": spread(build_s),
        "raw_bulk_load_s": spread(raw_s),
        # throughput ratio: build load speed / raw bulk_load speed (paired by round)
        "ratio_build_vs_raw": ratio(raw_s, build_s),
        "build_phases_s": {k: spread([p.get(k, 0.0) for p in phases]) for k in phases[0]},
    }


# -- ingest throughput --------------------------------------------------------------------------


def ingest_once(
    articles_dir: Path, *, workers: int, time_limit_s: float, progress: Path
) -> dict[str, Any]:
    """Run the pipeline over a corpus in a child process; ``Missing`` if there is no pipeline."""
    cmd = [
        sys.executable,
        "-m",
        "bench.building",
        "ingest-child",
        str(articles_dir),
        "--workers",
        str(workers),
        "--progress",
        str(progress),
    ]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=time_limit_s)
    except subprocess.TimeoutExpired:
        peak = _peak_rss_mb(proc.pid)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        done = int(progress.read_text() or 0) if progress.is_file() else 0
        elapsed = time.perf_counter() - start
        return {
            "workers": workers,
            "articles": done,
            "elapsed_s": elapsed,
            "articles_per_s": done / elapsed,
            "complete": False,
            "note": f"stopped at the {time_limit_s:.0f} s limit",
            "peak_rss_mb": peak,
        }
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    if proc.returncode == MISSING_EXIT:
        raise Missing(err.strip().splitlines()[-1] if err.strip() else "ingest.api missing")
    if proc.returncode != 0:
        raise BenchError(f"ingest failed ({proc.returncode}): {err[-600:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["complete"] = True
    return result


def _peak_rss_mb(pid: int) -> float | None:
    """Largest peak RSS (VmHWM) of a process and its descendants, from /proc; None if unknown."""
    peaks: list[float] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks) if peaks else None


def bench_ingest(
    corpora: dict[int, Path], work: Path, *, workers: list[int], rounds: int, time_limit_s: float
) -> dict[str, Any]:
    runs: dict[str, Any] = {}
    for size, directory in corpora.items():
        for w in workers:
            results = [
                ingest_once(
                    directory,
                    workers=w,
                    time_limit_s=time_limit_s,
                    progress=work / f"ingest-progress-{size}-{w}",
                )
                for _ in range(rounds)
            ]
            rates = [r["articles_per_s"] for r in results]
            runs[f"{size}x{w}"] = {
                "articles": size,
                "workers": w,
                "articles_per_s": spread(rates),
                "articles_per_s_per_core": spread([r / min(w, os.cpu_count() or 1) for r in rates]),
                "peak_rss_mb": max(
                    (r["peak_rss_mb"] for r in results if r.get("peak_rss_mb")), default=None
                ),
                "triples": results[0].get("triples"),
                "complete": all(r["complete"] for r in results),
                "notes": sorted({r["note"] for r in results if "note" in r}),
            }
    return runs


def _ingest_child(articles_dir: Path, workers: int, progress: Path) -> None:
    try:
        from ingest.api import iter_corpus
    except ImportError as exc:
        print(f"ingest.api.iter_corpus is not available ({exc})", file=sys.stderr)
        raise SystemExit(MISSING_EXIT) from exc
    # As the build consumes it: one output at a time, dropped once counted.
    start = time.perf_counter()
    triples = 0
    outputs = iter_corpus(
        articles_dir,
        ontology_dir=PROJECT_ROOT / "ontology",
        base=BASE,
        curation_dir=None,
        workers=workers,
    )
    for done, output in enumerate(outputs, start=1):
        triples += output.nquads.count("\n")
        if done % 25 == 0:
            progress.write_text(str(done))
    elapsed = time.perf_counter() - start
    n = len(list(articles_dir.glob("*.txt")))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "workers": workers,
                "articles": n,
                "elapsed_s": elapsed,
                "articles_per_s": n / elapsed,
                "triples": triples,
                "peak_rss_mb": max(own, kids),
                "main_rss_mb": own,
                "worker_rss_mb": kids,
            }
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="bench.building helpers")
    sub = parser.add_subparsers(dest="cmd", required=True)
    child = sub.add_parser("ingest-child", help="one timed ingest run (used by bench.run)")
    child.add_argument("articles_dir", type=Path)
    child.add_argument("--workers", type=int, default=1)
    child.add_argument("--progress", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    _ingest_child(args.articles_dir, args.workers, args.progress)


if __name__ == "__main__":
    main()
