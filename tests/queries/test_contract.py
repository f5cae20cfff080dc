"""Contract: every research question, run on the graph built from the corpus, gives the answer a
careful reader of the articles expects (``expected/*.tsv``, see ``gold.py``), and none is empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.config import Settings
from kg.queries import NamedQuery, load_catalogue
from kg.store import Store
from tests.queries.conftest import answer
from tests.queries.gold import compare, load_expected

EXPECTED_DIR = Path(__file__).parent / "expected"
EXPECTED = sorted(EXPECTED_DIR.glob("*.tsv"))
QUERIES = load_catalogue(Settings().queries_dir)


def test_every_question_has_an_expected_answer() -> None:
    covered = {load_expected(path).query for path in EXPECTED}
    assert covered == {q.slug for q in QUERIES}


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_answer_is_as_expected(path: Path, built_store: Store, built_settings: Settings) -> None:
    expected = load_expected(path)
    query = next(q for q in QUERIES if q.slug == expected.query)
    variables, rows = answer(built_store, query, expected.params, built_settings.base)
    problems = compare(expected, rows, variables, built_settings.base)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("query", QUERIES, ids=[q.slug for q in QUERIES])
def test_no_question_is_empty(
    query: NamedQuery, built_store: Store, built_settings: Settings
) -> None:
    _, rows = answer(built_store, query, {}, built_settings.base)
    assert rows, f"{query.slug} has no answer on the corpus"
