"""The published JSON Schema is generated from the models and every output validates against them."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import gkparse
from gkparse.models import ParsedDocument

SCHEMA = Path(__file__).parent.parent / "schemas" / "gkparse.schema.json"


def test_schema_file_is_current() -> None:
    # regenerate with: gkparse --schema > schemas/gkparse.schema.json
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == gkparse.json_schema()


def test_schema_names_the_contract_fields() -> None:
    schema = gkparse.json_schema()
    assert set(schema["properties"]) == {"schema_version", "gkparse_version", "source", "document", "tasks", "warnings"}
    task = schema["$defs"]["Task"]["properties"]
    assert {"id", "path", "headings", "title", "text", "requirements", "units", "deadlines", "recurrence", "line"} <= set(task)


def test_models_forbid_unknown_fields() -> None:
    doc = gkparse.parse_text("2020年政务公开工作要点\n一、加强公开\n（一）公开预算。（市财政局负责）")
    data = doc.model_dump(mode="json")
    data["tasks"][0]["extra"] = 1
    try:
        ParsedDocument.model_validate(data)
    except ValueError:
        return
    raise AssertionError("an unknown field was accepted")


HAN = "政务公开工作要点任务分工市县区财政局牵头负责配合年月日底前每季度一二三四五六七八九十"
ALPHABET = st.sampled_from(list(HAN + "、，。：；（）()〔〕\t\n|123456789 ") + ["一、", "（一）", "1.", "①", "牵头单位：", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_parser_never_raises_and_output_validates(text: str) -> None:
    doc = gkparse.parse_text(text) if text.strip() else None
    if doc is not None:
        ParsedDocument.model_validate(doc.model_dump(mode="json"))
        for task in doc.tasks:
            assert task.path and task.line >= 1
