"""Sealing a thread off the network: after :func:`seal_thread` the calling thread (and every
thread or process it starts later) cannot create an IPv4, IPv6 or packet socket.

This is what makes ``SERVICE`` and ``LOAD`` harmless whatever the query text looks like: the
engine's own HTTP client needs a socket, and the kernel refuses it. The mechanism is a seccomp
filter (``socket(2)`` with those address families fails with ``EAFNOSUPPORT``), which needs no
privileges, only Linux on x86-64 or AArch64. A filter cannot be removed, so sealed threads are
dedicated to running queries, updates and parsers (:class:`SealedExecutor`); the rest of the
process keeps its network. Unix sockets, pipes and files are untouched.

When the kernel refuses (another system, seccomp disabled), :func:`seal_thread` raises
:class:`SealError` and the caller decides: the endpoint then refuses ``SERVICE``/``LOAD``
altogether unless ``KG_NETWORK_ISOLATION=off`` (see :mod:`kg.sparql.service`).
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import errno
import logging
import os
import platform
import queue
import socket
import threading
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

DENIED_ERRNO = errno.EAFNOSUPPORT  # "Address family not supported by protocol" (os error 97)
DENIED_FAMILIES = (socket.AF_INET, socket.AF_INET6, 17)  # 17: AF_PACKET (raw frames)

# (audit architecture, socket(2) number, io_uring_setup(2) number) per machine.
_ARCH = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_X32_BIT = 0x40000000  # x32 system calls on x86-64 carry this bit: refused outright

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000

# BPF opcodes: load a word of seccomp_data, jump if equal / greater or equal, return.
_LD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
_OFF_NR, _OFF_ARCH, _OFF_ARG0 = 0, 4, 16


class SealError(OSError):
    """The kernel refused the network seal (or this machine has none)."""


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def _program(arch: int, socket_nr: int, uring_nr: int) -> list[tuple[int, int, int, int]]:
    deny = _RET_ERRNO | DENIED_ERRNO
    prog = [
        (_LD, 0, 0, _OFF_ARCH),
        (_JEQ, 1, 0, arch),  # another ABI (i386 on x86-64): refuse every call
        (_RET, 0, 0, deny),
        (_LD, 0, 0, _OFF_NR),
        (_JGE, 0, 1, _X32_BIT),
        (_RET, 0, 0, deny),
        (_JEQ, 0, 1, uring_nr),  # io_uring can open sockets without socket(2)
        (_RET, 0, 0, deny),
        (_JEQ, 0, 1 + len(DENIED_FAMILIES), socket_nr),
        (_LD, 0, 0, _OFF_ARG0),  # the address family (low word of the first argument)
    ]
    for i, family in enumerate(DENIED_FAMILIES):
        remaining = len(DENIED_FAMILIES) - i - 1
        prog.append((_JEQ, remaining + 1, 0, family))
    prog += [(_RET, 0, 0, _RET_ALLOW), (_RET, 0, 0, deny)]
    return prog


def seal_thread() -> None:
    """Seal the calling thread (and what it starts from now on) off the network; raises
    :class:`SealError` if that is not possible here. Verified by trying a socket."""
    machine = platform.machine().lower()
    if os.name != "posix" or platform.system() != "Linux" or machine not in _ARCH:
        raise SealError(f"no network seal on {platform.system()} {machine} (Linux x86-64/AArch64)")
    arch, socket_nr, uring_nr = _ARCH[machine]
    rules = _program(arch, socket_nr, uring_nr)
    filters = (_Filter * len(rules))(*(_Filter(*rule) for rule in rules))
    program = _Program(len(rules), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        raise SealError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) refused")
    if prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(program), 0, 0) != 0:
        raise SealError(ctypes.get_errno(), "seccomp filter refused by the kernel")
    if not thread_is_sealed():
        raise SealError("the seccomp filter is installed but a socket could still be opened")


def thread_is_sealed() -> bool:
    """Whether the calling thread is refused an IPv4 socket (as a sealed thread is)."""
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except OSError as exc:
        return exc.errno == DENIED_ERRNO
    return False


def denied_by_seal(message: str) -> bool:
    """Whether an engine error message is the seal refusing a socket (the engine reports the
    system error as ``... (os error 97)``)."""
    return f"(os error {DENIED_ERRNO})" in message or os.strerror(DENIED_ERRNO) in message


_STACK_LOCK = threading.Lock()


class SealedExecutor(concurrent.futures.Executor):
    """``threads`` dedicated threads, each sealed (when possible) and with a stack of
    ``stack_size`` bytes (deeply nested input recurses deeply in the engine's parsers).

    ``sealed`` tells whether every thread is sealed; if the kernel refused, the threads still
    run (the caller applies its fail-closed policy) and ``error`` says why.
    """

    def __init__(self, threads: int, *, name: str, stack_size: int, seal: bool = True) -> None:
        self._jobs: queue.SimpleQueue[
            tuple[concurrent.futures.Future[Any], Callable[[], Any]] | None
        ]
        self._jobs = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._ready = threading.Barrier(threads + 1)
        self._refusals: list[str] = []
        self._seal = seal
        with _STACK_LOCK:
            before = threading.stack_size(stack_size)
            try:
                for number in range(threads):
                    thread = threading.Thread(
                        target=self._loop, name=f"{name}-{number}", daemon=True
                    )
                    thread.start()
                    self._threads.append(thread)
            finally:
                threading.stack_size(before)
        self._ready.wait()
        self.sealed = seal and not self._refusals
        self.error = self._refusals[0] if self._refusals else None

    def _loop(self) -> None:
        if self._seal:
            try:
                seal_thread()
            except SealError as exc:
                self._refusals.append(str(exc))
        self._ready.wait()
        while (item := self._jobs.get()) is not None:
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call())
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting caller
                future.set_exception(exc)

    def submit(
        self, fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._jobs.put((future, lambda: fn(*args, **kwargs)))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        for _ in self._threads:
            self._jobs.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


def run_on_stack(fn: Callable[[Any], T], arg: Any, stack_size: int, *, seal: bool = True) -> T:
    """``fn(arg)`` on a fresh thread with a ``stack_size`` stack, sealed first when ``seal``
    (and the kernel allows: otherwise it runs unsealed, the caller's policy decides)."""
    executor = SealedExecutor(1, name="lckg-check", stack_size=stack_size, seal=seal)
    try:
        return executor.submit(fn, arg).result()
    finally:
        executor.shutdown(wait=False)
