"""A written store stays written after a restart: its write generation is kept beside it, so
ETags from before the write never match again and search and dumps are made anew."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lckg_live import TOKEN, make_indexed_data_dir
from test_sparql_writes_reach_search import PHU_LY, SON_LA, found, write

from kg.app import create_app
from kg.build_layout import current_build
from kg.config import Settings
from kg.sparql.runtime import WRITE_STAMP
from kg.sparql.writes import stored_generation
from kg.store import StoreError
from tests.cli_runner import run_lckg

DOCUMENT = "/data/city/son-la.ttl"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    make_indexed_data_dir(tmp_path)
    return tmp_path


def _stamp(data_dir: Path) -> Path:
    build = current_build(Settings(data_dir=data_dir))
    assert build is not None
    return build.store_dir.parent / WRITE_STAMP


@pytest.mark.parametrize("token", [TOKEN, None], ids=["writable", "read-only"])
def test_a_restarted_server_knows_the_store_was_written(data_dir: Path, token: str | None) -> None:
    with TestClient(create_app(Settings(data_dir=data_dir, update_token=TOKEN))) as first:
        before = first.get(DOCUMENT)
        assert before.status_code == 200
        etag_before_write = before.headers["etag"]
        write(first)
        assert "Mộc Châu" in first.get(DOCUMENT).text
    assert _stamp(data_dir).read_text(encoding="utf-8").strip() == "1"

    # Restarted over the same build, with or without writes enabled.
    settings = Settings(data_dir=data_dir, update_token=token)
    with TestClient(create_app(settings)) as second:
        again = second.get(DOCUMENT, headers={"If-None-Match": etag_before_write})
        assert again.status_code == 200  # not 304: the content changed since that ETag
        assert "Mộc Châu" in again.text
        assert again.headers["etag"] != etag_before_write
        assert PHU_LY in found(second, "phu ly")  # the search index is made anew
        assert SON_LA not in found(second, "son la")
        dump = second.get("/dumps/kg.trig")
        assert dump.status_code == 200
        assert PHU_LY in dump.text


@pytest.mark.parametrize("text", ["two", "-1", "", "1.5"])
def test_a_damaged_stamp_stops_the_start_naming_the_file(data_dir: Path, text: str) -> None:
    _stamp(data_dir).write_text(text, encoding="utf-8")
    app = create_app(Settings(data_dir=data_dir))
    expected = rf"{WRITE_STAMP}: expected the store's write generation"
    with pytest.raises(StoreError, match=expected), TestClient(app):
        pass


def test_lckg_serve_refuses_a_damaged_stamp_with_the_message_alone(data_dir: Path) -> None:
    _stamp(data_dir).write_text("two", encoding="utf-8")
    proc = run_lckg("serve", "--port", "9", data_dir=data_dir, timeout=60)
    assert proc.returncode == 1
    assert f"{WRITE_STAMP}: expected the store's write generation" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_unreadable_stamp_is_named(data_dir: Path) -> None:
    stamp = _stamp(data_dir)
    stamp.mkdir()  # a directory where the number should be: reading it fails
    with pytest.raises(StoreError, match=rf"{WRITE_STAMP}: cannot read the store's write"):
        stored_generation(stamp)
