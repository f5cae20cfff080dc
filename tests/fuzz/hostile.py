"""Seeded hostile requests over every route: mutated paths, parameters, queries, headers and
bodies, and raw bytes that are barely HTTP. Deterministic for a seed, so a failure replays.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "s3cret-token"

# Pieces a hostile client likes: syntax of every layer, encodings, controls, sizes.
NASTY = [
    "_",
    '"',
    "*",
    "NEAR",
    "-",
    ":",
    "(",
    ")",
    "'",
    "\\",
    "%",
    "%zz",
    "%00",
    "%ff",
    "%c0%af",
    "%ED%A0%80",
    "\x00",
    "\r\n",
    "\t",
    " ",
    "+",
    "&",
    "=",
    "?",
    "#",
    "/",
    "..",
    "../..",
    "//",
    ";",
    "<",
    ">",
    "{",
    "}",
    "|",
    "^",
    "`",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\U0001f600",
    "ß",
    "İ",
    "đ",
    "Ð",
    "ǅ",
    "\u0301",
    "\u19b0",
    "ﬀ",
    "\x7f",
    "\x1b[31m",
    "${jndi:x}",
    "{{7*7}}",
    "<script>",
    "' OR 1=1 --",
    "SELECT",
    "}}}}",
    "{{{{",
    "SERVICE",
    "LOAD",
    "BASE <x:>",
    "http://[x",
    "a:%zz",
    "http://x/%",
    "http://x/#a#b",
    "urn:x",
    "file:///etc/passwd",
    "9" * 30,
    "-1",
    "0",
    "1e309",
    "NaN",
    "a" * 300,
    "ж" * 120,
]
KINDS = ["city", "person", "event", "article", "sdg", "organization", "nope", ""]
SLUGS = ["son-la", "da-nang", "x", "", "ha-trung-chien", "..", "a.b", "-", "son_la"]
DOCS = ["son-la.ttl", "son-la.jsonld", "son-la.nt", "son-la.rdf", "son-la.xml", "son-la", ".ttl"]
QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "ASK { ?s a ?c }",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3",
    "DESCRIBE <http://localhost:8000/id/city/son-la>",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    'SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^S")) } ORDER BY ?s',
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2",
    "PREFIX lc: <https://w3id.org/learning-cities/ontology#> SELECT ?c WHERE { ?c a lc:City }",
    'SELECT * WHERE { VALUES ?x { 1 "a" <x:y> } }',
]
UPDATES = [
    'INSERT DATA { <http://example.org/fz> <http://example.org/p> "v" }',
    "DELETE WHERE { <http://example.org/fz> ?p ?o }",
    "CLEAR GRAPH <http://example.org/fz-graph>",
]
BODIES_RDF = [
    b'<http://example.org/a> <http://example.org/b> "c" .',
    b"@prefix : <http://example.org/> . :a :b :c .",
    b'{"@id": "http://example.org/a", "http://example.org/b": "c"}',
    b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>",
]
ACCEPTS = [
    "*/*",
    "text/html",
    "application/json",
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "text/csv",
    "application/sparql-results+xml",
    "text/*;q=0.1, image/png",
    "application/x-nothing",
    "",
    ";;;",
    "text/html;q=abc",
    "*/*;q=0",
    "a" * 500,
    "text/turtle;charset=ebcdic",
]
CONTENT_TYPES = [
    "application/sparql-query",
    "application/sparql-update",
    "application/x-www-form-urlencoded",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/json",
    "application/rdf+xml",
    "multipart/form-data; boundary=x",
    "text/plain",
    "",
    "x/y; charset=utf-16",
    "application/sparql-query; charset=latin1",
    "application/x-www-form-urlencoded; charset=koi8-r",
]


@dataclass
class Request:
    method: str
    path: str  # path and query string, already encoded as it goes on the wire
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw: bytes | None = None  # bytes sent as they are on a socket (not even HTTP, maybe)

    def describe(self) -> str:
        if self.raw is not None:
            return f"raw {self.raw[:200]!r}"
        return f"{self.method} {self.path[:300]} {self.headers} body={self.body[:120]!r}"


class Hostile:
    """``next()`` → one hostile :class:`Request`, from ``seed``."""

    def __init__(self, seed: int, queries_dir: Path) -> None:
        self.rng = random.Random(seed)
        self.catalogue = [p.stem for p in sorted(queries_dir.glob("*.rq"))] or ["01"]
        self.catalogue_text = [
            p.read_text(encoding="utf-8") for p in sorted(queries_dir.glob("*.rq"))
        ]

    # -- mutation ------------------------------------------------------------------------------
    def mutate(self, text: str) -> str:
        rng = self.rng
        for _ in range(rng.choice((0, 1, 1, 2, 3, 6))):
            op = rng.randrange(6)
            at = rng.randrange(len(text) + 1)
            if op == 0:
                text = text[:at] + rng.choice(NASTY) + text[at:]
            elif op == 1 and text:
                text = text[:at] + text[at + rng.randrange(1, 20) :]
            elif op == 2:
                text = text[:at] + chr(rng.randrange(0x20, 0x3000)) + text[at:]
            elif op == 3 and text:
                piece = text[at : at + rng.randrange(1, 40)]
                text = text[:at] + piece * rng.randrange(2, 30) + text[at:]
            elif op == 4:
                text = text[:at] + chr(rng.randrange(0, 0x20)) + text[at:]
            else:
                text = rng.choice(NASTY) + text
        return text

    def value(self, choices: list[str]) -> str:
        return self.mutate(self.rng.choice(choices))

    def q(self, text: str) -> str:
        """``text`` percent-encoded for a URL, sometimes not (raw bytes a client may send)."""
        if self.rng.random() < 0.15:
            return text.replace(" ", "%20").replace("#", "%23")
        return quote(text, safe="")

    def headers(self) -> dict[str, str]:
        rng = self.rng
        headers: dict[str, str] = {}
        if rng.random() < 0.8:
            headers["Accept"] = self.value(ACCEPTS) if rng.random() < 0.3 else rng.choice(ACCEPTS)
        if rng.random() < 0.3:
            headers["Accept-Language"] = self.value(["vi", "en", "vi;q=0.5, en", "*", "zz-ZZ"])
        if rng.random() < 0.2:
            headers["Cookie"] = "lang=" + self.value(["vi", "en", "xx"])
        if rng.random() < 0.15:
            headers["If-None-Match"] = self.value(['"abc"', "*", 'W/"x"', '"'])
        if rng.random() < 0.15:
            headers["Origin"] = self.value(["http://evil.example", "null"])
        if rng.random() < 0.1:
            headers["Host"] = self.value(["evil.example", "localhost:8000", "[::1]"])
        if rng.random() < 0.3:
            headers["Authorization"] = rng.choice([f"Bearer {TOKEN}", "Bearer x", "Basic YTpi", ""])
        if rng.random() < 0.1:
            headers["Range"] = self.value(["bytes=0-10", "bytes=-1", "bytes=5-1"])
        # Header values must be latin-1 text without line breaks on the wire.
        return {
            k: "".join(ch for ch in v if 0x20 <= ord(ch) < 0x7F or 0xA0 <= ord(ch) <= 0xFF)
            for k, v in headers.items()
        }

    # -- requests ------------------------------------------------------------------------------
    def next(self) -> Request:
        rng = self.rng
        pick = rng.random()
        if pick < 0.08:
            return self.raw()
        if pick < 0.35:
            return self.sparql()
        if pick < 0.45:
            return self.store()
        return self.browse()

    def browse(self) -> Request:
        rng = self.rng
        kind, slug = self.value(KINDS), self.value(SLUGS)
        templates = [
            "/",
            f"/id/{self.q(kind)}/{self.q(slug)}",
            f"/page/{self.q(kind)}/{self.q(slug)}",
            f"/data/{self.q(kind)}/{self.q(self.value(DOCS))}",
            f"/class/{self.q(self.value(['City', 'Person', 'x']))}",
            f"/search?q={self.q(self.value(['son la', 'son_la', 'đà nẵng', 'thanh uy']))}",
            f"/suggest?q={self.q(self.value(['son', 'ho_chi_minh', 'da']))}",
            "/queries",
            f"/queries/{self.q(self.value(self.catalogue))}",
            "/ontology",
            "/context.jsonld",
            "/void",
            "/dumps/",
            f"/dumps/{self.q(self.value(['kg.nq.gz', 'kg.trig', 'x']))}",
            "/sitemap.xml",
            "/robots.txt",
            "/health",
            "/sparql/",
            "/dumps",
            f"/static/{self.q(self.value(['site.css', 'suggest.js', '../kg/app.py', 'x']))}",
            "/" + self.q(self.mutate("nowhere")),
            "/docs",
            "/openapi.json",
        ]
        path = rng.choice(templates)
        params = []
        if rng.random() < 0.5:
            params.append(f"page={self.q(self.value(['1', '2', '-5', '999999999999', 'x']))}")
        if rng.random() < 0.3:
            params.append(f"lang={self.q(self.value(['vi', 'en', 'xx']))}")
        if rng.random() < 0.2:
            params.append(f"removed={self.q(self.value(['1', '0', 'yes']))}")
        if rng.random() < 0.2:
            params.append(f"{self.q(self.mutate('q'))}={self.q(self.mutate('x'))}")
        if params:
            path += ("&" if "?" in path else "?") + "&".join(params)
        method = rng.choice(
            ["GET"] * 8 + ["HEAD", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
        )
        return Request(method, path, self.headers())

    def sparql(self) -> Request:
        rng = self.rng
        source = self.catalogue_text + QUERIES if rng.random() < 0.5 else QUERIES
        update = rng.random() < 0.2
        text = self.mutate(rng.choice(UPDATES if update else source))
        param = "update" if update else "query"
        extra = ""
        for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "format"):
            if rng.random() < 0.1:
                extra += f"&{name}={self.q(self.value(['http://localhost:8000/graph/article/sample', 'a:%zz', 'json', 'csv', 'http://[x']))}"
        headers = self.headers()
        endpoint = "/update" if update and rng.random() < 0.5 else "/sparql"
        style = rng.randrange(3)
        if style == 0 and not update:
            return Request(
                rng.choice(["GET", "GET", "HEAD"]),
                f"{endpoint}?{param}={self.q(text)}{extra}",
                headers,
            )
        if style == 1:
            headers["Content-Type"] = (
                self.value(CONTENT_TYPES)
                if rng.random() < 0.2
                else "application/x-www-form-urlencoded"
            )
            body = f"{param}={self.q(text)}{extra}".encode("utf-8", "replace")
        else:
            headers["Content-Type"] = (
                self.value(CONTENT_TYPES)
                if rng.random() < 0.2
                else ("application/sparql-update" if update else "application/sparql-query")
            )
            body = (
                text.encode("utf-8", "surrogatepass")
                if rng.random() < 0.9
                else bytes(rng.randrange(256) for _ in range(64))
            )
        return Request(
            "POST",
            endpoint + (f"?{extra[1:]}" if extra and rng.random() < 0.5 else ""),
            headers,
            body,
        )

    def store(self) -> Request:
        rng = self.rng
        target = rng.choice(
            [
                "default",
                f"graph={self.q(self.value(['http://example.org/fz-graph', 'http://localhost:8000/graph/article/sample', 'http://x/%', '']))}",
                "",
            ]
        )
        method = rng.choice(["GET", "GET", "HEAD", "PUT", "POST", "DELETE"])
        headers = self.headers()
        body = b""
        if method in ("PUT", "POST"):
            headers["Content-Type"] = (
                self.value(CONTENT_TYPES) if rng.random() < 0.3 else rng.choice(CONTENT_TYPES[3:8])
            )
            body = self.mutate(rng.choice(BODIES_RDF).decode()).encode("utf-8", "surrogatepass")
            if rng.random() < 0.5:
                headers["Authorization"] = f"Bearer {TOKEN}"
        return Request(method, f"/store?{target}", headers, body)

    def raw(self) -> Request:
        """Bytes that are barely HTTP: broken request lines, headers, lengths, encodings."""
        rng = self.rng
        line = rng.choice(
            [
                b"GET / HTTP/1.1",
                b"GET /search?q=son HTTP/1.0",
                b"POST /sparql HTTP/1.1",
                b"GET  HTTP/1.1",
                b"BREW /coffee HTCPCP/1.0",
                b"GET /\xff\xfe HTTP/1.1",
                b"\x00\x01\x02",
                b"GET /" + b"a" * 9000 + b" HTTP/1.1",
                b"GET http://evil.example/ HTTP/1.1",
                b"GET * HTTP/1.1",
            ]
        )
        headers = rng.choice(
            [
                b"Host: x\r\n",
                b"Host: x\r\nContent-Length: -1\r\n",
                b"Host: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n",
                b"Host: x\r\nTransfer-Encoding: chunked\r\n",
                b"Host: x\r\nX: " + b"y" * 70000 + b"\r\n",
                b"Host x\r\n",
                b"Host: x\r\n Folded: yes\r\n",
                b"",
                b"Host: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 3\r\n",
            ]
        )
        body = rng.choice([b"", b"ASK", b"0\r\n\r\n", b"zz\r\nabc\r\n", b"\xff" * 10])
        data = line + b"\r\n" + headers + b"\r\n" + body
        if rng.random() < 0.3:
            at = rng.randrange(len(data))
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
        return Request("RAW", "", raw=data)
