"""Fetch one web page for ``lckg add``: a timeout, a size limit, a redirect limit, a clear user
agent, and no private, loopback or link-local address unless asked for.

The address check is made on the addresses the host name resolves to, and the connection goes to
the address that was checked (a name cannot resolve to a public address for the check and to a
private one for the connection). Every redirect is checked again. Proxies in the environment are
not used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from ingest.errors import IngestError
from kg import __version__

USER_AGENT = f"lckg/{__version__} (Learning Cities Knowledge Graph; lckg add)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class FetchError(IngestError):
    """A URL that could not be fetched; the message names the URL and the reason."""


@dataclass(frozen=True)
class FetchLimits:
    """How a URL is fetched (the ``lckg add`` options of the same names)."""

    timeout: float = 20.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 5_000_000  # largest body read
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False  # private, loopback and link-local addresses

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be 0 or more, not {self.max_redirects}")
        if not self.user_agent.strip() or not self.user_agent.isprintable():
            raise ValueError("user_agent must be one line of printable text")


@dataclass(frozen=True)
class Fetched:
    """A page as fetched: ``url`` is the one after redirects."""

    url: str
    content_type: str  # lower-case media type, without parameters
    charset: str | None
    body: bytes


def address_problem(address: str) -> str | None:
    """Why ``address`` (an IP address) is not on the public internet, else ``None``.

    >>> address_problem("127.0.0.1"), address_problem("93.184.216.34")
    ('a loopback address', None)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, kind in (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_private, "a private address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved or not ip.is_global, "not a public address"),
    ):
        if test:
            return kind
    return None


def _open_socket(host: str, port: int, timeout: float, allow_private: bool) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc.strerror or exc}") from exc
    if not allow_private:
        for *_, sockaddr in infos:
            problem = address_problem(str(sockaddr[0]))
            if problem:
                addr = sockaddr[0]
                where = f"{host} is" if host == addr else f"{host} resolves to {addr},"
                raise FetchError(
                    f"refused: {where} {problem} (--allow-private fetches from such addresses)"
                )
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
        except OSError as exc:
            sock.close()
            last = exc
            continue
        return sock
    raise FetchError(f"cannot connect to {host}:{port}: {last}")


class _Connection(http.client.HTTPConnection):
    allow_private = False

    def connect(self) -> None:
        self.sock = _open_socket(self.host, self.port, self.timeout, self.allow_private)  # type: ignore[arg-type]


class _TLSConnection(http.client.HTTPSConnection):
    allow_private = False

    def connect(self) -> None:
        sock = _open_socket(self.host, self.port, self.timeout, self.allow_private)  # type: ignore[arg-type]
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _connection(url: str, timeout: float, allow_private: bool) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL with a host")
    try:
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: bad port: {exc}") from exc
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = _TLSConnection(
            parts.hostname, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = _Connection(parts.hostname, port, timeout=timeout)
    conn.allow_private = allow_private  # type: ignore[attr-defined]
    return conn


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _read_body(
    response: http.client.HTTPResponse, url: str, limits: FetchLimits, end: float
) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise FetchError(
            f"{url}: the page is {int(length)} bytes, over the {limits.max_bytes}-byte limit"
        )
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{url}: the page is over the {limits.max_bytes}-byte limit")
        if time.monotonic() > end:
            raise FetchError(f"{url}: timed out after {limits.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, limits: FetchLimits | None = None) -> Fetched:
    """GET ``url`` within ``limits``; :class:`FetchError` says why it could not be had."""
    limits = limits or FetchLimits()
    end = time.monotonic() + limits.timeout
    current = url
    for _ in range(limits.max_redirects + 1):
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"{url}: timed out after {limits.timeout:g} s")
        conn = _connection(current, remaining, limits.allow_private)
        try:
            conn.request(
                "GET",
                _target(current),
                headers={
                    "User-Agent": limits.user_agent,
                    "Accept": "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5",
                    "Accept-Encoding": "identity",
                },
            )
            response = conn.getresponse()
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"{current}: HTTP {response.status} without a Location")
                current = urljoin(current, location.strip())
                continue
            if response.status != 200:
                raise FetchError(f"{current}: HTTP {response.status} {response.reason}")
            body = _read_body(response, current, limits, end)
            header = Message()
            header["Content-Type"] = response.getheader("Content-Type") or "text/html"
            charset = header.get_param("charset")
            return Fetched(
                url=current,
                content_type=header.get_content_type(),
                charset=charset if isinstance(charset, str) else None,
                body=body,
            )
        except TimeoutError as exc:
            raise FetchError(f"{current}: timed out after {limits.timeout:g} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{current}: {exc.__class__.__name__}: {exc}") from exc
        finally:
            conn.close()
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects")
