"""Golden files: every document in samples/ lies beside the JSON that ``gkparse`` must print for it.

Regenerating is a deliberate, reviewed act: ``GKPARSE_REGEN=1 pytest tests/test_golden.py`` rewrites
the expected files, and the diff is read in git before it is committed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import gkparse

SAMPLES = Path(__file__).parent.parent / "samples"
DOCS = sorted(SAMPLES.glob("*.txt"))


def actual(src: Path) -> dict:
    doc = gkparse.parse_bytes(src.read_bytes(), f"samples/{src.name}")
    return doc.model_dump(mode="json", exclude={"gkparse_version"})


@pytest.mark.parametrize("src", DOCS, ids=lambda p: p.stem)
def test_golden(src: Path) -> None:
    expected_path = src.with_suffix(".json")
    got = actual(src)
    if os.environ.get("GKPARSE_REGEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected


def test_every_sample_has_tasks() -> None:
    for src in DOCS:
        assert actual(src)["tasks"], src.name
