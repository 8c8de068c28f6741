"""Fuzzing in the suite: any bytes give a document valid against the published schema, or an InputError.

``benchmarks/fuzz.py`` runs the same check for minutes (and keeps the slowest inputs).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzzing import DOCUMENTS, TEXT, check


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_bytes_give_a_valid_document_or_an_input_error(data: bytes) -> None:
    check(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_gives_a_valid_document(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))
