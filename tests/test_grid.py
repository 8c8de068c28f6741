"""The table model: native rows with spans → a grid → the same tasks as the text flattening."""

from gkparse.models import DocumentMeta
from gkparse.options import DEFAULT_OPTIONS
from gkparse.structure.grid import SourceCell, grid_from_rows, lay_out
from gkparse.structure.segment import build_tasks

HEADER = [SourceCell("序号", rowspan=2), SourceCell("重点任务", rowspan=2), SourceCell("责任单位", colspan=2),
          SourceCell("完成时限", rowspan=2)]
SUBHEADER = [SourceCell("牵头单位"), SourceCell("配合单位")]


def test_spans_are_laid_out_with_covered_cells():
    rows = lay_out([[SourceCell("a", rowspan=2, colspan=2), SourceCell("b")], [SourceCell("c")]])
    assert [[c.text for c in r] for r in rows] == [["a", "", "b"], ["", "", "c"]]
    assert [c.covered for c in rows[1]] == [True, True, False]
    assert rows[1][1].origin == (0, 0)


def test_header_over_two_rows_gives_unit_roles():
    grid = grid_from_rows([HEADER, SUBHEADER, ["1", "公开财政预算", "市财政局", "市审计局", "2021年9月底前"]], line=3)
    assert grid is not None
    assert [(c.kind, c.unit_role) for c in grid.columns][2:4] == [("units", "lead"), ("units", "cooperating")]
    assert [c.text for c in grid.rows[0]] == ["1", "公开财政预算", "市财政局", "市审计局", "2021年9月底前"]


def test_no_header_is_no_task_table():
    assert grid_from_rows([["索引号", "000014349/2021-00012"], ["发文机关", "国务院办公厅"]]) is None


def test_native_grid_gives_the_tasks_of_its_text_flattening():
    rows = [HEADER, SUBHEADER,
            ["1", SourceCell("公开财政预算决算", rowspan=2), SourceCell("市财政局", rowspan=2), "市审计局", "2021年9月底前"],
            ["2", "市统计局", "2021年12月底前"]]
    text = "2021年政务公开工作任务分工表\n" + "\n".join(["序号\t重点任务\t牵头单位\t配合单位\t完成时限", "1\t公开财政预算决算\t市财政局\t市审计局\t2021年9月底前", "2\t\t\t市统计局\t2021年12月底前"])
    meta = DocumentMeta(title="2021年政务公开工作任务分工表", year=2021)
    grid = grid_from_rows(rows, line=2, reader="html")
    assert grid is not None
    grid.end_line = 4
    native, _ = build_tasks(text, meta, DEFAULT_OPTIONS, [grid])
    flat, _ = build_tasks(text, meta, DEFAULT_OPTIONS)
    assert [t.model_dump() for t in native] == [t.model_dump() for t in flat]
    assert [(u.name, u.role) for u in native[1].units] == [("市财政局", "lead"), ("市统计局", "cooperating")]
    assert [d.date.isoformat() for d in native[1].deadlines if d.date] == ["2021-12-31"]
