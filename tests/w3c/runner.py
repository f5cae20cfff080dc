"""Runner for the W3C SPARQL 1.1 Protocol tests (``data/protocol/manifest.ttl``).

Each test is read from the manifest's HTTP-in-RDF description and sent as is with
``http.client`` (which adds no Content-Type of its own), after the test's graphs were loaded
through the Graph Store Protocol with the bearer token. Usable from pytest or on its own::

    python tests/w3c/runner.py http://127.0.0.1:8000/sparql --token TOKEN
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

DATA = Path(__file__).resolve().parent / "data"
MANIFEST = DATA / "protocol" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

RESULT_TYPES = {
    "application/sparql-results+xml",
    "application/sparql-results+json",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}


@dataclass
class Request:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: bytes | None
    statuses: set[int]
    expected_format: str | None = None
    expected_boolean: bool | None = None


@dataclass
class ProtocolTest:
    name: str
    title: str
    graphs: list[tuple[Path, str]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)


def _items(g: Graph, head: object) -> list[object]:
    return list(Collection(g, head))  # type: ignore[arg-type]


def load_tests(manifest: Path = MANIFEST) -> list[ProtocolTest]:
    g = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(g.subjects(RDF.type, MF.Manifest))
    tests: list[ProtocolTest] = []
    for entry in _items(g, g.value(root, MF.entries)):
        name = str(entry).rsplit("#", 1)[-1]
        test = ProtocolTest(name, str(g.value(entry, MF.name)))
        for data in g.objects(entry, UT.graphData):
            source = Path(urlsplit(str(g.value(data, UT.graph))).path)
            test.graphs.append((source, str(g.value(data, RDFS.label))))
        action = g.value(entry, MF.action)
        for req in _items(g, g.value(action, HT.requests)):
            headers = [
                (str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue)))
                for h in _items(g, g.value(req, HT.headers) or RDF.nil)
            ]
            body_node = g.value(req, HT.body)
            body = None
            if body_node is not None:
                encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(body_node, CNT.chars)).encode(encoding)
            resp = g.value(req, HT.resp)
            statuses = {
                int(str(s).rsplit("StatusCode", 1)[-1][0])
                for s in g.objects(resp, MF.expectedStatus)
            }
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            test.requests.append(
                Request(
                    str(g.value(req, HT.methodName)),
                    str(g.value(req, HT.absolutePath)),
                    headers,
                    body,
                    statuses,
                    str(fmt) if fmt is not None else None,
                    boolean.toPython() if boolean is not None else None,  # type: ignore[union-attr]
                )
            )
        tests.append(test)
    return tests


class Client:
    def __init__(self, endpoint: str, token: str | None, store_path: str = "/store") -> None:
        parts = urlsplit(endpoint)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.endpoint_path, self.store_path, self.token = parts.path, store_path, token

    def send(
        self, method: str, path: str, headers: list[tuple[str, str]], body: bytes | None
    ) -> tuple[int, str, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in headers:
                conn.putheader(name, value)
            if self.token:
                conn.putheader("Authorization", f"Bearer {self.token}")
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            return resp.status, resp.getheader("content-type") or "", resp.read()
        finally:
            conn.close()

    def reset(self, graphs: list[tuple[Path, str]]) -> None:
        status, _, text = self.send(
            "POST", self.endpoint_path, [("Content-Type", "application/sparql-update")], b"DROP ALL"
        )
        if status >= 300:
            raise AssertionError(f"cannot reset the store: {status} {text[:200]!r}")
        for source, graph in graphs:
            data = (DATA / "protocol" / source.name).read_bytes()
            status, _, text = self.send(
                "PUT",
                f"{self.store_path}?graph={quote(graph, safe='')}",
                [("Content-Type", "application/n-triples")],
                data,
            )
            if status >= 300:
                raise AssertionError(f"cannot load {graph}: {status} {text[:200]!r}")


def _boolean(ctype: str, body: bytes) -> bool | None:
    if ctype == "application/sparql-results+json":
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    if ctype == "application/sparql-results+xml":
        node = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if node is None else node.text == "true"
    return None


def check(req: Request, status: int, ctype: str, body: bytes) -> str | None:
    """``None`` if the response meets the expectation, else what is wrong."""
    if status // 100 not in req.statuses:
        return f"status {status}, expected {sorted(req.statuses)}xx: {body[:200]!r}"
    media = ctype.split(";")[0].strip().lower()
    if req.expected_format == "boolean":
        value = _boolean(media, body)
        if value is None:
            return f"no boolean result in {media}: {body[:200]!r}"
        if req.expected_boolean is not None and value != req.expected_boolean:
            return f"boolean {value}, expected {req.expected_boolean}"
    elif req.expected_format == "tabular" and media not in RESULT_TYPES:
        return f"{media} is not a tabular results format"
    elif req.expected_format == "RDF":
        if media not in RDF_TYPES:
            return f"{media} is not an RDF format"
        Graph().parse(data=body, format=RDF_TYPES[media])
    return None


def run_test(client: Client, test: ProtocolTest) -> str | None:
    client.reset(test.graphs)
    for number, req in enumerate(test.requests, 1):
        path = client.endpoint_path + req.path.removeprefix("/sparql/")
        status, ctype, body = client.send(req.method, path, req.headers, req.body)
        problem = check(req, status, ctype, body)
        if problem:
            return f"request {number} ({req.method} {path[:80]}): {problem}"
    return None


def run_all(endpoint: str, token: str | None) -> tuple[int, int, dict[str, str]]:
    client = Client(endpoint, token)
    tests = load_tests()
    failures = {t.name: p for t in tests if (p := run_test(client, t)) is not None}
    return len(tests) - len(failures), len(tests), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint")
    parser.add_argument("--token")
    args = parser.parse_args()
    passed, total, failures = run_all(args.endpoint, args.token)
    for name, problem in failures.items():
        print(f"FAIL {name}: {problem}")
    print(f"W3C SPARQL 1.1 Protocol: {passed}/{total}")
    return 0 if passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
