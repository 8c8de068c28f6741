"""README's Dask recipe, run as written on a two-worker local cluster (processes) over the samples:
the same documents as ``gkparse -j 1``, failures collected like errors.jsonl; objects and errors pickle."""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gkparse
from gkparse.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def recipe() -> str:
    """The Python block of README's section on Dask."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### On a Dask cluster", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_documents_and_errors_pickle() -> None:
    doc = gkparse.parse_file(SAMPLES / "xinle-2020-pinyin.txt")
    assert pickle.loads(pickle.dumps(doc)) == doc
    for error in (gkparse.InputError("a.txt", "empty", "the file is empty"), gkparse.OutputError(None, "unwritable", "disk full")):
        back = pickle.loads(pickle.dumps(error))
        assert (type(back), back.path, back.code, back.reason, str(back)) == (
            type(error), error.path, error.code, error.reason, str(error))  # fmt: skip


def test_recipe_on_a_local_cluster_matches_one_job(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag", reason="dask is not installed (the dask extra)")
    pytest.importorskip("distributed", reason="dask.distributed is not installed (the dask extra)")
    scraped = tmp_path / "scraped"
    shutil.copytree(SAMPLES, scraped, ignore=shutil.ignore_patterns("*.json"))
    (scraped / "empty.txt").write_bytes(b"")
    namespace: dict[str, object] = {"__name__": "gkparse_dask_recipe"}
    exec(compile(recipe(), "README.md", "exec"), namespace)
    namespace["run"](str(scraped), str(tmp_path / "out"))  # type: ignore[operator]

    got = {}
    for part in sorted((tmp_path / "out").glob("documents-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            got[doc["source"]["path"]] = doc
    errors = [json.loads(line) for p in sorted((tmp_path / "out").glob("errors-*.jsonl"))
              for line in p.read_text(encoding="utf-8").splitlines()]  # fmt: skip

    folder = tmp_path / "one-job"
    result = CliRunner().invoke(app, [str(scraped), "-o", f"{folder}/", "-j", "1", "-q"])
    assert result.exit_code == 1
    want = {}
    for out in folder.rglob("*.json"):
        doc = json.loads(out.read_text(encoding="utf-8"))
        want[doc["source"]["path"]] = doc
    assert len(want) == len(list(SAMPLES.glob("*.txt"))) > 40
    assert got == want
    assert errors == [json.loads(line) for line in (folder / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors[0]["code"] == "empty"
