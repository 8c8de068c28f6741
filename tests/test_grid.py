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


# -- text flattenings read into the same grid ---------------------------------------------------------

from gkparse.structure.grid import Cell, grid_blocks  # noqa: E402
from gkparse.structure.tables.align import text_grid  # noqa: E402
from gkparse.structure.tables.header import header_columns  # noqa: E402
from gkparse.structure.tables.read import read_table  # noqa: E402


def _cells(*texts: str, line: int = 1) -> list[Cell]:
    return [Cell(t, line) for t in texts]


def test_a_row_that_slid_left_is_put_back_with_its_lost_cell_dropped():
    cols = header_columns(["工作任务", "具体要求", "责任部门"])
    assert cols is not None
    rows = [_cells("一、做好网站公开。", "1.更新机构概况。", "办公室"), _cells("2.回复网民留言。", "各科室", "")]
    grid = text_grid(cols, rows, "pipes")
    assert [(c.text, c.dropped) for c in grid.rows[1]] == [("", True), ("2.回复网民留言。", False), ("各科室", False)]
    block = grid_blocks(grid)[1]
    assert block.cells[0].merged and block.cells[0].inherited == "一、做好网站公开。"


def test_a_row_short_of_its_last_cells_stays_at_the_left():
    cols = header_columns(["序号", "工作任务", "责任单位", "完成时限"])
    assert cols is not None
    grid = text_grid(cols, [_cells("1", "公开预算", "市财政局")], "tabs")
    assert [c.text for c in grid.rows[0]] == ["1", "公开预算", "市财政局", ""]
    assert not any(c.dropped for c in grid.rows[0])


def test_a_header_that_slid_over_its_section_columns_gains_them_and_a_serial_column():
    lines = ["工作任务 | 具体要求 | 责任单位 | 时限要求 | ||",
             "一、加强公开。 | （一）公开政策。 | 1 | 集中公开惠企政策。 | 市财政局 | 持续推进 |",
             "2 | 公示兑现结果。 | 市财政局 | 10月底前 | ||"]
    found = read_table(lines, 0)
    assert found is not None
    grid, end = found
    assert end == 3 and grid.reader == "pipes" and grid.ends_text
    assert [c.kind for c in grid.columns] == ["task", "task", "seq", "task", "units", "time"]
    assert [c.dropped for c in grid.rows[1]] == [True, True, False, False, False, False]


def test_pipe_lines_with_an_empty_cell_ending_each_row():
    lines = ["|", "工作任务", "|", "具体内容", "|", "责任部门", "|", "|", "深化财政公开", "|", "公开预算决算。", "|",
             "财政所", "|", "|", "每季度公开补贴发放情况。", "|", "财政所、农业农村办"]
    found = read_table(lines, 1)
    assert found is not None
    grid, _ = found
    assert grid.reader == "cells" and len(grid.rows) == 2
    assert [(c.text, c.dropped) for c in grid.rows[1]] == [("", True), ("每季度公开补贴发放情况。", False),
                                                           ("财政所、农业农村办", False)]


def test_cells_with_their_ending_pipe_and_rows_by_serial_numbers():
    lines = ["序号 |", "工作任务 |", "责任单位 |", "完成时限 |", "1 |", "公开预算。 |", "县财政局 |", "6月底 |",
             "2 |", "公开决算。 |", "县财政局 |", "9月底 |"]
    found = read_table(lines, 0)
    assert found is not None
    grid, _ = found
    assert [[c.text for c in row] for row in grid.rows] == [["1", "公开预算。", "县财政局", "6月底"],
                                                            ["2", "公开决算。", "县财政局", "9月底"]]


def test_a_table_title_is_no_column_name():
    assert header_columns(["重点任务分工表"], single=True) is None
    assert header_columns(["主要工作任务"], single=True) is not None


def test_lines_between_tab_rows_continue_the_last_cell_with_text():
    # a unit cell over four lines, one under a row whose time cell was left empty, then the signature
    lines = ["序号\t工作任务\t责任单位\t完成时限", "1\t修缮文物保护单位。\t县文旅局（牵头）", "县住建局", "县财政局",
             "各乡镇人民政府\t2025年10月底前", "2\t编制非遗名录。\t县文化馆\t", "县档案馆", "3\t开放公共体育场馆。\t县体育中心\t年内",
             "县人民政府办公室", "2025年3月1日"]
    found = read_table(lines, 0)
    assert found is not None
    grid, end = found
    assert [[c.text for c in row] for row in grid.rows] == [
        ["1", "修缮文物保护单位。", "县文旅局（牵头） 县住建局 县财政局 各乡镇人民政府", "2025年10月底前"],
        ["2", "编制非遗名录。", "县文化馆 县档案馆", ""],
        ["3", "开放公共体育场馆。", "县体育中心", "年内"],
    ]
    assert lines[end] == "县人民政府办公室"
