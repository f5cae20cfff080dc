"""Results → ``<date>.json``, ``<date>.md`` (tables, targets met or missed) and PNG plots."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SYSTEM_ORDER = (
    "ours",
    "oxigraph",
    "virtuoso",
    "rdflib-endpoint",
    "pyoxigraph in-process",
    "uvicorn-bare",
)


def _get(data: dict[str, Any], *path: str) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _med(node: Any) -> float | None:
    if isinstance(node, dict) and isinstance(node.get("median"), (int, float)):
        value = float(node["median"])
        return None if math.isnan(value) else value
    return None


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _spread_text(node: Any, digits: int = 2) -> str:
    med = _med(node)
    if med is None:
        return "—"
    return f"{med:,.{digits}f} ({node['min']:,.{digits}f}–{node['max']:,.{digits}f})"


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue: measured value, goal, met or not (None = not measured)."""
    b = results.get("benchmarks", {})
    sp = _get(b, "sparql", "data", "workloads") or {}
    rows: list[dict[str, Any]] = []

    def add(name: str, value: float | None, goal: float, *, higher: bool, unit: str) -> None:
        met = None if value is None else (value >= goal if higher else value <= goal)
        rows.append(
            {
                "target": name,
                "value": value,
                "goal": goal,
                "unit": unit,
                "higher_is_better": higher,
                "met": met,
            }
        )

    def vs(workload: str, peer: str) -> float | None:
        return _med(_get(sp, workload, "systems", peer, "ours_vs_this"))

    add("SPARQL point lookups vs Virtuoso", vs("point", "virtuoso"), 2.0, higher=True, unit="×")
    add(
        "SPARQL point lookups vs rdflib-endpoint",
        vs("point", "rdflib-endpoint"),
        5.0,
        higher=True,
        unit="×",
    )
    add(
        "SPARQL point lookups vs Oxigraph server",
        vs("point", "oxigraph"),
        0.5,
        higher=True,
        unit="×",
    )
    add(
        "SPARQL aggregate (heavy) vs Oxigraph server",
        vs("aggregate", "oxigraph"),
        0.95,
        higher=True,
        unit="×",
    )
    add(
        "SPARQL catalogue (heavy mix) vs Oxigraph server",
        vs("catalogue", "oxigraph"),
        0.95,
        higher=True,
        unit="×",
    )
    pages = _get(b, "pages", "data", "sizes") or {}
    one_m = next((v for k, v in pages.items() if k == "1000000"), None) or {}
    add(
        "entity page p50 at 1M (16 clients)",
        _med(_get(one_m, "routes", "page", "p50_ms")),
        5.0,
        higher=False,
        unit="ms",
    )
    add(
        "entity page p99 at 1M (16 clients)",
        _med(_get(one_m, "routes", "page", "p99_ms")),
        25.0,
        higher=False,
        unit="ms",
    )
    small, big = pages.get("100000"), pages.get("10000000")
    growth = None
    if small and big:
        a = _med(_get(small, "routes", "page", "p50_ms"))
        z = _med(_get(big, "routes", "page", "p50_ms"))
        growth = z / a if a and z else None
    add("entity page cost 10M / 100k (p50, 16 clients)", growth, 1.5, higher=False, unit="×")
    service = None
    if small and big:
        a = _get(small, "routes", "page", "one_client_p50_ms")
        z = _get(big, "routes", "page", "one_client_p50_ms")
        service = z / a if a and z else None
    add("entity page cost 10M / 100k (p50, 1 client)", service, 1.5, higher=False, unit="×")
    add(
        "search p50 at 1M",
        _med(_get(one_m, "routes", "search", "p50_ms")),
        10.0,
        higher=False,
        unit="ms",
    )
    ingest = _get(b, "ingest", "data") or {}
    per_core = [_med(v.get("articles_per_s_per_core")) for v in ingest.values()]
    per_core_known = [v for v in per_core if v is not None]
    add(
        "ingest articles/s per core (worst run)",
        min(per_core_known) if per_core_known else None,
        100.0,
        higher=True,
        unit="articles/s",
    )
    add(
        "build load phase vs raw bulk_load",
        _med(_get(b, "build", "data", "ratio_build_vs_raw")),
        0.8,
        higher=True,
        unit="×",
    )
    add(
        "cold start with a built store",
        _med(_get(b, "coldstart", "data", "ours")),
        2.0,
        higher=False,
        unit="s",
    )
    return rows


def markdown(results: dict[str, Any]) -> str:
    b = results.get("benchmarks", {})
    m = results.get("machine", {})
    lines = [
        f"# Benchmark results {results.get('date', '')} ({results.get('mode', '')})",
        "",
        f"Machine: {m.get('cpus')} CPUs, {m.get('memory_gb', '?')} GB RAM, Python "
        f"{m.get('python')}, pyoxigraph {m.get('pyoxigraph')}; load generator: "
        f"{m.get('load_generator')}. Medians over rounds, (min–max) in brackets; ratios are "
        "taken per round (ours ÷ peer, > 1 means we are faster).",
        "",
    ]
    lines += ["## Targets", "", "| target | measured | goal | met |", "|---|---|---|---|"]
    for row in targets(results):
        cmp = "≥" if row["higher_is_better"] else "≤"
        met = {True: "yes", False: "**no**", None: "not measured"}[row["met"]]
        lines.append(
            f"| {row['target']} | {_fmt(row['value'])} {row['unit']} | {cmp} "
            f"{row['goal']} {row['unit']} | {met} |"
        )
    sp = _get(b, "sparql", "data")
    if sp:
        lines += [
            "",
            f"## SPARQL over HTTP ({_get(b, 'sparql', 'triples') or '?'} triples, "
            f"{_get(b, 'sparql', 'concurrency')} clients)",
            "",
            "| workload | system | req/s | p50 ms | p99 ms | ours ÷ this | errors "
            "| p50 ms, 1 client |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for wl, data in sp.get("workloads", {}).items():
            for name in SYSTEM_ORDER:
                s = data["systems"].get(name)
                if s is None:
                    continue
                lines.append(
                    f"| {wl} ({data['queries']} queries) | {name} | "
                    f"{_spread_text(s['throughput'], 0)} | {_fmt(_med(s['p50_ms']))} | "
                    f"{_fmt(_med(s['p99_ms']))} | {_spread_text(s['ours_vs_this'])} | "
                    f"{s['errors']} | {_fmt(s.get('one_client_p50_ms'))} |"
                )
        lines.append("")
        if any("uvicorn-bare" in d["systems"] for d in sp.get("workloads", {}).values()):
            lines.append(
                "- uvicorn-bare: uvicorn (the HTTP stack we run, same number of processes) "
                "answering every request with a canned result and doing nothing else: the "
                "ceiling for any endpoint served by uvicorn on this machine."
            )
        for wl, data in sp.get("workloads", {}).items():
            if data.get("measure"):
                lines.append(f"- {wl}: {data['measure']}")
        lines += _by_query(sp.get("catalogue_by_query") or {})
        for name, why in sp.get("not_run", {}).items():
            lines.append(f"- not run: **{name}**: {why.splitlines()[0] if why else ''}")
        for workload, table in sp.get("answers", {}).items():
            ours = table.get("ours", {})
            for system, rows in table.items():
                for query, v in rows.items():
                    if v["status"] != 200:
                        lines.append(
                            f"- {workload} `{query}` on {system}: {v['status']} {v['error']}"
                        )
                    elif system != "ours" and query in ours and ours[query]["rows"] != v["rows"]:
                        lines.append(
                            f"- {workload} `{query}`: {system} returned {v['rows']} "
                            f"rows, ours {ours[query]['rows']}"
                        )
    pages = _get(b, "pages", "data", "sizes")
    if pages:
        lines += [
            "",
            "## Entity pages, /data and search by graph size (16 clients)",
            "",
            "| triples | route | req/s | p50 ms | p99 ms | p50 ms, 1 client |",
            "|---|---|---|---|---|---|",
        ]
        for size, data in pages.items():
            if "routes" not in data:
                lines.append(f"| {int(size):,} | — | not run: {data.get('reason', '')} | | | |")
                continue
            for route, r in data["routes"].items():
                lines.append(
                    f"| {int(size):,} | {route} | {_spread_text(r['throughput'], 0)} | "
                    f"{_spread_text(r['p50_ms'])} | {_fmt(_med(r['p99_ms']))} | "
                    f"{_fmt(r.get('one_client_p50_ms'))} |"
                )
            for route, why in data.get("not_run", {}).items():
                lines.append(f"| {int(size):,} | {route} | not run: {why} | | | |")
    for key, title in (("build", "Store build"), ("ingest", "Ingest"), ("coldstart", "Cold start")):
        node = b.get(key)
        if not node:
            continue
        lines += ["", f"## {title}", ""]
        if node.get("status") != "ok":
            lines.append(f"Not run: {node.get('reason')}")
            continue
        lines += _section(key, node["data"])
    notes = results.get("notes", [])
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def _section(key: str, data: dict[str, Any]) -> list[str]:
    if key == "build":
        return [
            f"{data['triples']:,} triples in {data['articles']:,} article graphs "
            f"(template: {data['template']}; SHACL {data['shacl']}).",
            "",
            f"- `lckg build` load phase: {_spread_text(data['build_load_s'])} s",
            f"- raw pyoxigraph `bulk_load`: {_spread_text(data['raw_bulk_load_s'])} s",
            f"- build ÷ raw speed: {_spread_text(data['ratio_build_vs_raw'])}",
            "- whole build by phase (s): "
            + ", ".join(f"{k} {_fmt(_med(v))}" for k, v in data["build_phases_s"].items()),
        ]
    if key == "ingest":
        out = [
            "| articles | processes | articles/s | per core | peak RSS MB | complete |",
            "|---|---|---|---|---|---|",
        ]
        for run in data.values():
            out.append(
                f"| {run['articles']:,} | {run['workers']} | "
                f"{_spread_text(run['articles_per_s'], 1)} | "
                f"{_fmt(_med(run['articles_per_s_per_core']), 1)} | "
                f"{_fmt(run['peak_rss_mb'], 0)} | "
                f"{'yes' if run['complete'] else 'no: ' + '; '.join(run['notes'])} |"
            )
        return out
    return [
        f"- {name}: {_spread_text(v, 3)} s (process start → first answered query, "
        f"{data.get('triples') or '?':,} triples)"
        for name, v in data.items()
        if isinstance(v, dict)
    ]


def plots(results: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
    """Throughput by system (per workload) and latency by graph size (per route)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log.warning("matplotlib is not installed: no plots (pip install -e '.[bench]')")
        return []
    written: list[Path] = []
    sp = _get(results, "benchmarks", "sparql", "data", "workloads") or {}
    if sp:
        fig, axes = plt.subplots(1, len(sp), figsize=(4.2 * len(sp), 3.6), squeeze=False)
        for ax, (wl, data) in zip(axes[0], sp.items(), strict=False):
            names = [n for n in SYSTEM_ORDER if n in data["systems"]]
            meds = [_med(data["systems"][n]["throughput"]) or 0.0 for n in names]
            lows = [
                m - data["systems"][n]["throughput"]["min"]
                for m, n in zip(meds, names, strict=False)
            ]
            highs = [
                data["systems"][n]["throughput"]["max"] - m
                for m, n in zip(meds, names, strict=False)
            ]
            ax.bar(
                names,
                meds,
                yerr=[lows, highs],
                capsize=4,
                color=["#1f77b4" if n == "ours" else "#999999" for n in names],
            )
            ax.set_title(f"{wl}")
            ax.set_yscale("log")
            ax.set_ylabel("requests/s (median, min–max)")
            ax.tick_params(axis="x", rotation=30)
        fig.tight_layout()
        path = out_dir / f"{stem}-sparql-throughput.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    pages = _get(results, "benchmarks", "pages", "data", "sizes") or {}
    sizes = sorted((int(k), v) for k, v in pages.items() if "routes" in v)
    if sizes:
        fig, ax = plt.subplots(figsize=(6.4, 4.0))
        routes = sorted({r for _, v in sizes for r in v["routes"]})
        colours = plt.get_cmap("tab10")
        for n, route in enumerate(routes):
            for stat, style in (("p50_ms", "-o"), ("p99_ms", "--x")):
                xs = [s for s, v in sizes if route in v["routes"]]
                ys = [
                    _med(v["routes"][route][stat]) or math.nan
                    for s, v in sizes
                    if route in v["routes"]
                ]
                ax.plot(xs, ys, style, color=colours(n), label=f"{route} {stat[:3]}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("triples in the store")
        ax.set_ylabel("latency, ms (16 clients)")
        ax.legend(fontsize=7, ncol=2)
        ax.grid(True, which="both", alpha=0.3)
        fig.tight_layout()
        path = out_dir / f"{stem}-latency-by-size.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written


def write(results: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results["targets"] = targets(results)
    json_path = out_dir / f"{stem}.json"
    json_path.write_text(
        json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    md_path = out_dir / f"{stem}.md"
    md_path.write_text(markdown(results), encoding="utf-8")
    return [json_path, md_path, *plots(results, out_dir, stem)]


def main(argv: list[str] | None = None) -> None:
    """Re-render the Markdown and the plots of a results file: ``python -m bench.report F.json``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("results", type=Path)
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    for path in write(results, args.results.parent, args.results.stem):
        print(path)


if __name__ == "__main__":
    main()


def _by_query(table: dict[str, dict[str, float]]) -> list[str]:
    """The catalogue query by query, one client: where a heavy query's time goes."""
    if not table:
        return []
    systems = [s for s in SYSTEM_ORDER if any(s in row for row in table.values())]
    lines = [
        "",
        "### Catalogue query by query (one client, median ms)",
        "",
        "Speed ratios are the Oxigraph server's time over the other's (> 1: faster than it). "
        "The in-process column is pyoxigraph without HTTP: the engine our workers run.",
        "",
        "| query | " + " | ".join(systems) + " | ours ÷ Oxigraph | in-process ÷ Oxigraph |",
        "|---|" + "---|" * (len(systems) + 2),
    ]
    totals = dict.fromkeys(systems, 0.0)
    for name, row in table.items():
        cells = [_fmt(row.get(s), 1) for s in systems]
        for s in systems:
            totals[s] += row.get(s, math.nan)
        oxi = row.get("oxigraph")
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {_speed(oxi, row.get('ours'))} | "
            f"{_speed(oxi, row.get('pyoxigraph in-process'))} |"
        )
    lines.append(
        "| **all** | "
        + " | ".join(_fmt(totals[s], 1) for s in systems)
        + f" | {_speed(totals.get('oxigraph'), totals.get('ours'))} | "
        f"{_speed(totals.get('oxigraph'), totals.get('pyoxigraph in-process'))} |"
    )
    return [*lines, ""]


def _speed(reference: float | None, other: float | None) -> str:
    if not reference or not other or math.isnan(reference) or math.isnan(other):
        return "—"
    return f"{reference / other:.2f}"
