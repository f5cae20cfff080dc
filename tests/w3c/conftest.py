"""A live server with writes enabled, for the W3C protocol and service-description tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "sparql")]

from lckg_live import LiveServer, free_port, make_data_dir  # noqa: E402
from w3c_state import SUMMARY, TOKEN  # noqa: E402


@pytest.fixture(scope="module")
def w3c_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("w3c")
    make_data_dir(data_dir, filler=False)
    # The Service Description names the endpoint under the public base (KG_BASE), never Host.
    port = free_port()
    env = {"KG_UPDATE_TOKEN": TOKEN, "KG_WORKERS": "2", "KG_BASE": f"http://127.0.0.1:{port}/"}
    server = LiveServer(data_dir, env, port=port).start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)
