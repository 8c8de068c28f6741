"""``--format sqlite`` through the real command, checked by SQL queries and by sqlite-utils."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def gk(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A scraped folder: a few samples, one in a subfolder, one unreadable."""
    root = tmp_path_factory.mktemp("scraped")
    for name in ("jilin-2019-division-plan.txt", "xinle-2020-pinyin.txt", "prose-declared-short-names.txt"):
        shutil.copy(SAMPLES / name, root / name)
    (root / "sub").mkdir()
    shutil.copy(SAMPLES / "pengjiang-2019-assessment-table.txt", root / "sub" / "pengjiang.txt")
    (root / "empty.txt").write_bytes(b"")
    return root


def expected(folder: Path) -> list[dict]:
    """The documents as --format jsonl gives them."""
    result = gk(folder, "--format", "jsonl", "-j", "1", "-q")
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_folder_to_database_by_its_suffix(folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "plans.db"
    result = gk(folder, "-o", db_path, "-j", "1")
    assert result.exit_code == 1  # the empty file failed; the rest are in the database
    assert "empty.txt: the file is empty" in result.stderr
    assert "4 added, 0 updated, 0 unchanged" in result.stderr
    docs = expected(folder)
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    paths = [r[0] for r in db.execute("SELECT path FROM documents ORDER BY id")]
    assert paths == [d["source"]["path"] for d in docs]
    # counts per role, against the JSON
    roles = dict(db.execute("SELECT role, count(*) FROM units GROUP BY role"))
    want: dict[str, int] = {}
    for d in docs:
        for t in d["tasks"]:
            for u in t["units"]:
                want[u["role"]] = want.get(u["role"], 0) + 1
    assert roles == want and set(roles) == {"lead", "responsible", "cooperating"}
    # a join from unit to document: the documents a unit leads tasks in
    lead = docs[0]["tasks"][0]["units"][0]
    titles = [r[0] for r in db.execute(
        "SELECT DISTINCT d.title FROM units u JOIN tasks t ON t.id = u.task_id JOIN documents d ON d.id = t.document_id "
        "WHERE u.name = ? ORDER BY d.id", (lead["name"],))]  # fmt: skip
    assert docs[0]["document"]["title"] in titles
    # the browsing view and the unit summary agree with the tables
    assert db.execute("SELECT count(*) FROM task_view").fetchone()[0] == sum(len(d["tasks"]) for d in docs)
    leads = dict(db.execute("SELECT unit, lead FROM unit_summary"))
    direct = dict(db.execute("SELECT name, count(DISTINCT task_id) FROM units WHERE role = 'lead' GROUP BY name"))
    assert {k: v for k, v in leads.items() if v} == direct
    dated = db.execute("SELECT count(*) FROM deadlines WHERE date BETWEEN '2019-10-01' AND '2019-12-31'").fetchone()[0]
    assert dated == sum(1 for d in docs for t in d["tasks"] for x in t["deadlines"] if "2019-10-01" <= (x["date"] or "") <= "2019-12-31")
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"units_name", "deadlines_date"} <= indexes


def test_rerun_updates_changed_documents_and_keeps_the_rest(folder: Path, tmp_path: Path) -> None:
    work = tmp_path / "scraped"
    shutil.copytree(folder, work)
    (work / "empty.txt").unlink()
    db_path = tmp_path / "plans.db"
    assert gk(work, "-o", db_path, "-j", "1").exit_code == 0
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE notes (document_id INTEGER, note TEXT)")  # the analyst's own table
    db.execute("INSERT INTO notes VALUES (1, '已核对')")
    db.commit()
    ids = dict(db.execute("SELECT path, id FROM documents"))
    changed = work / "xinle-2020-pinyin.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("一、", "一、", 1) + "\n（九）新增一项任务。（市财政局负责）\n", encoding="utf-8")
    (work / "jilin-2019-division-plan.txt").unlink()  # gone from the folder: kept in the database
    result = gk(work, "-o", db_path, "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert "0 added, 1 updated, 2 unchanged" in result.stderr
    db = sqlite3.connect(db_path)
    assert dict(db.execute("SELECT path, id FROM documents")) == ids  # same rows, same ids
    assert db.execute("SELECT note FROM notes").fetchall() == [("已核对",)]
    sha = db.execute("SELECT sha256 FROM documents WHERE path = ?", (str(changed),)).fetchone()[0]
    import hashlib

    assert sha == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert db.execute("SELECT count(*) FROM task_view WHERE title = '新增一项任务'").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_database_needs_a_file() -> None:
    result = gk(SAMPLES / "xinle-2020-pinyin.txt", "--format", "sqlite")
    assert result.exit_code == 2
    assert result.stderr.startswith("gkparse: error: --format sqlite writes a database")


def test_a_file_that_is_no_database_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("not a database\n" * 100)
    result = gk(SAMPLES / "xinle-2020-pinyin.txt", "-o", target)
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and "cannot write the database" in result.stderr
    assert target.read_text().startswith("not a database")


def test_sqlite_utils_reads_it(folder: Path, tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is not installed (test extra)")
    db_path = tmp_path / "plans.db"
    gk(folder, "-o", db_path, "-j", "1", "-q")
    db = sqlite_utils.Database(db_path)
    assert {"documents", "tasks", "units", "deadlines", "recurrences", "warnings"} <= set(db.table_names())
    assert {"task_view", "unit_summary"} <= set(db.view_names())
    assert db["units"].foreign_keys[0].other_table == "tasks"
    assert db["tasks"].pks == ["id"]
    assert db["units"].count == sum(1 for _ in db.query("SELECT * FROM units"))
    top = next(db.query("SELECT unit, lead FROM unit_summary ORDER BY lead DESC LIMIT 1"))
    assert top["lead"] > 0


def test_datasette_reads_it(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="Datasette is not installed")
    import asyncio

    from datasette.app import Datasette

    db_path = tmp_path / "plans.db"
    gk(folder, "-o", db_path, "-j", "1", "-q")

    async def fetch() -> tuple[list, list, list]:
        ds = Datasette([str(db_path)])
        tables = (await ds.client.get("/plans.json")).json()["tables"]
        leads = (await ds.client.get("/plans/units.json?_shape=array&role=lead&_size=max")).json()
        summary = (await ds.client.get("/plans/unit_summary.json?_shape=array&_sort_desc=lead&_size=3")).json()
        return tables, leads, summary

    tables, leads, summary = asyncio.run(fetch())
    by_name = {t["name"]: t for t in tables}
    assert {"documents", "tasks", "units", "deadlines", "recurrences", "warnings"} <= set(by_name)
    assert by_name["units"]["primary_keys"] == ["id"]
    db = sqlite3.connect(db_path)
    assert len(leads) == db.execute("SELECT count(*) FROM units WHERE role = 'lead'").fetchone()[0]
    assert summary[0]["lead"] == db.execute("SELECT max(lead) FROM unit_summary").fetchone()[0]
