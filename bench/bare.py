"""The ceiling for any Python endpoint here: uvicorn with nothing behind it.

``python -m bench.bare --port N --processes P`` serves, for every request, the same small
SPARQL JSON result, with the HTTP stack our server uses (uvicorn, httptools, uvloop) and as
many processes. It does no query, no negotiation, no routing: its throughput on the point
workload bounds what a uvicorn-served endpoint can reach on this machine, which is the
yardstick for the "point lookups vs the Oxigraph server" target.
"""

from __future__ import annotations

import argparse

from starlette.types import Receive, Scope, Send

# A point lookup's result is a dozen bindings: about this size.
BODY = (
    b'{"head":{"vars":["p","o"]},"results":{"bindings":['
    + b",".join(
        b'{"p":{"type":"uri","value":"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"},'
        b'"o":{"type":"uri","value":"https://w3id.org/learning-cities/ontology#Mention"}}'
        for _ in range(10)
    )
    + b"]}}\n"
)
HEADERS = [
    (b"content-type", b"application/sparql-results+json"),
    (b"content-length", str(len(BODY)).encode()),
]


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    uvicorn.run(
        "bench.bare:app",
        host="127.0.0.1",
        port=args.port,
        workers=args.processes,
        access_log=False,
        log_level="warning",
        http="httptools",
        loop="uvloop",
    )


if __name__ == "__main__":
    main()
