"""Load generator: a fixed number of concurrent clients (httpx async), bounded in count and time.

Every request goes to 127.0.0.1 (checked); the run stops by itself after ``max_requests``
requests or ``duration_s`` seconds, whichever comes first.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from bench import percentile, require_local

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    """One request: GET with ``params``, or a form POST when ``form`` is set."""

    url: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None


@dataclass
class LoadResult:
    requests: int
    ok: int
    errors: int
    elapsed_s: float
    throughput: float  # successful requests per second
    p50_ms: float
    p99_ms: float
    mean_ms: float
    statuses: dict[str, int]
    first_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


async def _run(
    requests: Sequence[Request],
    *,
    concurrency: int,
    duration_s: float,
    max_requests: int,
    timeout_s: float,
    warmup: int,
) -> LoadResult:
    for req in requests:
        require_local(req.url)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    first_error: list[str] = []
    counter = itertools.count()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=timeout_s, trust_env=False) as client:

        async def one(req: Request) -> tuple[int | None, float]:
            start = time.perf_counter()
            try:
                if req.form is not None:
                    resp = await client.post(req.url, data=req.form, headers=req.headers)
                else:
                    resp = await client.get(req.url, params=req.params, headers=req.headers)
                await resp.aread()
            except httpx.HTTPError as exc:
                if not first_error:
                    first_error.append(f"{type(exc).__name__}: {exc}")
                return None, time.perf_counter() - start
            if resp.status_code >= 400 and not first_error:
                first_error.append(f"HTTP {resp.status_code}: {resp.text[:200]}")
            return resp.status_code, time.perf_counter() - start

        for i in range(min(warmup, len(requests) * 2)):
            await one(requests[i % len(requests)])
        deadline = time.perf_counter() + duration_s

        async def worker() -> None:
            while time.perf_counter() < deadline:
                n = next(counter)
                if n >= max_requests:
                    return
                status, latency = await one(requests[n % len(requests)])
                key = str(status) if status is not None else "error"
                statuses[key] = statuses.get(key, 0) + 1
                if status is not None and status < 400:
                    latencies.append(latency)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    total = sum(statuses.values())
    ok = len(latencies)
    return LoadResult(
        requests=total,
        ok=ok,
        errors=total - ok,
        elapsed_s=elapsed,
        throughput=ok / elapsed if elapsed > 0 else 0.0,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        mean_ms=(sum(latencies) / ok * 1000) if ok else float("nan"),
        statuses=statuses,
        first_error=first_error[0] if first_error else None,
    )


def run_load(
    requests: Sequence[Request],
    *,
    concurrency: int = 8,
    duration_s: float = 5.0,
    max_requests: int = 100_000,
    timeout_s: float = 30.0,
    warmup: int = 10,
) -> LoadResult:
    """Drive ``requests`` (cycled) with ``concurrency`` clients; see the module docstring."""
    if not requests:
        raise ValueError("no requests to send")
    return asyncio.run(
        _run(
            requests,
            concurrency=concurrency,
            duration_s=duration_s,
            max_requests=max_requests,
            timeout_s=timeout_s,
            warmup=warmup,
        )
    )


def wait_ready(
    url: str,
    *,
    timeout_s: float = 60.0,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    ok_below: int = 500,
) -> float:
    """Poll ``url`` until it answers below ``ok_below``; seconds waited, else ``TimeoutError``."""
    require_local(url)
    start = time.perf_counter()
    with httpx.Client(timeout=5.0, trust_env=False) as client:
        while time.perf_counter() - start < timeout_s:
            try:
                resp = client.get(url, params=params, headers=headers)
                if resp.status_code < ok_below:
                    return time.perf_counter() - start
            except httpx.HTTPError:
                pass
            time.sleep(0.01)
    raise TimeoutError(f"{url} did not answer within {timeout_s:.0f} s")


_WRK_SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"status\\": %%d, \\"connect\\": %%d, "
    .. "\\"read\\": %%d, \\"write\\": %%d, \\"timeout\\": %%d, "
    .. "\\"p50_us\\": %%d, \\"p99_us\\": %%d, "
    .. "\\"mean_us\\": %%f}\\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def _lua_string(text: str) -> str:
    return (
        '"' + "".join(c if c.isalnum() or c in "/?=&%-_.~+" else f"\\{ord(c)}" for c in text) + '"'
    )


def ensure_wrk() -> bool:
    """Install wrk from Debian if it is missing and apt-get is there; whether wrk is usable."""
    if shutil.which("wrk"):
        return True
    if shutil.which("apt-get") is None:
        return False
    log.info("installing wrk with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, env=env, check=False)
    return shutil.which("wrk") is not None


def run_wrk(
    requests: Sequence[Request],
    *,
    concurrency: int,
    duration_s: float,
    timeout_s: float = 30.0,
    script_dir: Path,
) -> LoadResult:
    """The same load with wrk (C, one thread): far less client CPU than a Python client."""
    if shutil.which("wrk") is None:
        raise FileNotFoundError("wrk")
    first = requests[0]
    for req in requests:
        require_local(req.url)
        if req.form is not None or req.headers != first.headers:
            raise ValueError("wrk runs GET requests that share one set of headers")
    root = first.url.split("/", 3)
    origin = "/".join(root[:3])
    paths = []
    for req in requests:
        path = req.url[len(origin) :] or "/"
        if req.params:
            path += "?" + urlencode(req.params, quote_via=quote)
        paths.append(_lua_string(path))
    headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in first.headers.items())
    script_dir.mkdir(parents=True, exist_ok=True)
    script = script_dir / "wrk-requests.lua"
    script.write_text(_WRK_SCRIPT % {"paths": ", ".join(paths), "headers": headers})
    cmd = [
        "wrk",
        "-t1",
        f"-c{concurrency}",
        f"-d{max(1, round(duration_s))}s",
        f"--timeout={int(timeout_s)}s",
        "-s",
        str(script),
        origin + "/",
    ]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=duration_s + timeout_s + 30, check=False
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed: {(proc.stdout + proc.stderr)[-400:]}")
    data = json.loads(line[len("WRKJSON ") :])
    errors = sum(data[k] for k in ("status", "connect", "read", "write", "timeout"))
    elapsed = data["duration_us"] / 1e6
    ok = max(0, data["requests"] - data["status"])
    return LoadResult(
        requests=data["requests"],
        ok=ok,
        errors=errors,
        elapsed_s=elapsed,
        throughput=ok / elapsed if elapsed > 0 else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        mean_ms=data["mean_us"] / 1000,
        statuses={"non-2xx/3xx": data["status"], "socket-errors": errors - data["status"]},
        first_error=None if errors == 0 else f"{errors} errors (wrk does not keep bodies)",
    )
