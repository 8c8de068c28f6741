"""The table reader, the task tree and document metadata on small documents written for each layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gkparse
from gkparse.extract.document import extract_metadata
from gkparse.options import ParseOptions
from gkparse.structure.layout import header_columns, split_blocks
from gkparse.structure.segment import build_tasks

OPTS = ParseOptions()


def tasks_of(text: str) -> list:
    meta = extract_metadata(text, OPTS)
    tasks, _ = build_tasks(text, meta, OPTS)
    return tasks


def brief(tasks: list) -> list:
    return [(t.path, t.title, [(u.name, u.role) for u in t.units], [str(d.date) for d in t.deadlines if d.date])
            for t in tasks]


def test_header_columns_roles() -> None:
    cols = header_columns(["工作任务", "具体要求", "责任单位"])
    assert [c.kind for c in cols] == ["task", "task", "units"]
    cols = header_columns(["重点任务", "责任分工", "工作要求"])
    assert [c.kind for c in cols] == ["task", "units", "note"]
    cols = header_columns(["序号", "工作任务", "牵头单位", "配合单位", "完成时限"])
    assert [(c.kind, c.unit_role) for c in cols][2:4] == [("units", "lead"), ("units", "cooperating")]
    assert header_columns(["一、加强公开", "市财政局"]) is None


@pytest.mark.parametrize("name", ["协作单位", "协作部门", "协办部门", "参加单位", "协助科室"])
def test_columns_of_cooperating_units(name: str) -> None:
    text = "\n".join([
        "2023年某镇重点工作任务分解表",
        "\t".join(["序号", "工作任务", "牵头单位", name, "完成时限"]),
        "\t".join(["1", "建成农村饮水提升工程。", "镇水利站", "镇财政所、各村村民委员会", "2023年10月"]),
        "\t".join(["2", "开展集镇环境整治。", "镇村镇建设服务中心", "镇派出所", "2023年6月"]),
    ])
    assert [[(u.name, u.role) for u in t.units] for t in tasks_of(text)] == [
        [("镇水利站", "lead"), ("镇财政所", "cooperating"), ("各村村民委员会", "cooperating")],
        [("镇村镇建设服务中心", "lead"), ("镇派出所", "cooperating")],
    ]


def test_pipe_table_with_sections_and_two_unit_columns() -> None:
    text = "\n".join([
        "2021年某市政务公开重点工作任务分工表",
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |",
        "| --- | --- | --- | --- | --- |",
        "一、加强重点领域信息公开",
        "| 1 | 及时公开财政预决算信息。 | 市财政局 | 各县（市、区）人民政府 | 2021年9月底前 |",
        "| 2 | 推进重大建设项目信息公开。 | 市发展改革委 | 市住房城乡建设局、市交通运输局 | 长期坚持 |",
        "二、提升平台建设水平",
        "| 3 | 加强政府网站内容建设。 | 市政府办公室 |  | 12月底前 |",
    ])
    assert brief(tasks_of(text)) == [
        (["一", "1"], "及时公开财政预决算信息", [("市财政局", "lead"), ("各县（市、区）人民政府", "cooperating")], ["2021-09-30"]),
        (["一", "2"], "推进重大建设项目信息公开",
         [("市发展改革委", "lead"), ("市住房城乡建设局", "cooperating"), ("市交通运输局", "cooperating")], []),
        (["二", "3"], "加强政府网站内容建设", [("市政府办公室", "lead")], ["2021-12-31"]),
    ]


def test_tab_separated_rows_with_serial_numbers() -> None:
    text = "某县2022年政务公开工作任务清单\n序号\t重点任务\t责任单位\t完成时限\n" \
           "1\t梳理公布本级权责清单。\t县委编办、县司法局\t6月30日前\n" \
           "2\t每季度公开重点项目进展。\t县发改局牵头，各乡镇配合\t每季度\n"
    tasks = tasks_of(text)
    assert brief(tasks) == [
        (["1"], "梳理公布本级权责清单", [("县委编办", "responsible"), ("县司法局", "responsible")], ["2022-06-30"]),
        (["2"], "每季度公开重点项目进展", [("县发改局", "lead"), ("各乡镇", "cooperating")], []),
    ]
    assert [r.period for r in tasks[1].recurrence] == ["quarterly"]
    assert tasks[0].requirements == "6月30日前"


def test_one_cell_per_line_table_with_merged_unit_cells() -> None:
    text = "\n".join([
        "某区2019年政务公开工作要点考核方案", "", "\t工作任务", "\t具体要求", "\t责任单位", "",
        "\t一、深入解读政策", "\t（一）做好政策解读。", "\t区政府各部门、各直属机构", "",
        "\t", "\t（二）创新解读形式。", "\t", "",
        "\t二、回应社会关切", "\t（三）加强舆情回应。", "\t区政府办公室牵头，各镇（街）配合", "",
        "\t二、回应社会关切", "\t（四）完善回应机制。", "\t区政务服务数据管理局",
    ])
    tasks = tasks_of(text)
    assert [t.path for t in tasks] == [["一", "(一)"], ["一", "(二)"], ["二", "(三)"], ["二", "(四)"]]
    # the blank unit cell of (二) inherits the cell above within the section
    assert [u.name for u in tasks[1].units] == ["区政府各部门", "各直属机构"]
    assert [(u.name, u.role) for u in tasks[2].units] == [("区政府办公室", "lead"), ("各镇（街）", "cooperating")]
    # a repeated section row is the same section
    assert tasks[3].headings == ["回应社会关切"]


def test_cell_broken_over_two_lines_is_one_cell() -> None:
    text = "\n".join([
        "2023年政务公开工作重点任务分工表", "", "\t重点任务", "\t责任分工", "\t工作要求", "",
        "\t一、深化公开", "\t1.打造线上渠道。", "\t探索掌上政务公开专区建设，提升政务服务", "效能，优化营商环境。",
        "\t责任单位：县行政审批局", "\t2023年10月30日前",
    ])
    (task,) = tasks_of(text)
    assert task.text.endswith("提升政务服务效能，优化营商环境。")
    assert [u.name for u in task.units] == ["县行政审批局"]
    assert task.requirements == "2023年10月30日前"
    assert [str(d.date) for d in task.deadlines] == ["2023-10-30"]


def test_notice_paragraphs_before_the_plan_are_not_tasks() -> None:
    text = "\n".join([
        "关于印发2023年政务公开工作重点任务分工的通知",
        "一、提高思想认识。各乡（镇）要提高政治站位。",
        "二、严格考核问责。县政府办将每月督查。",
        "附件",
        "2023年政务公开工作要点",
        "一、加强公开",
        "（一）公开预算。（县财政局负责）",
    ])
    assert brief(tasks_of(text)) == [(["一", "(一)"], "公开预算", [("县财政局", "responsible")], [])]


def test_three_levels_and_unit_paragraphs() -> None:
    text = "\n".join([
        "某区2022年政务公开工作要点",
        "一、围绕优化营商环境加强公开",
        "（一）深化“放管服”改革信息公开。",
        "1.全面公开政务服务事项目录，5月底前完成更新。由区行政审批局牵头，区政府各部门配合。",
        "2.及时公开涉企收费目录清单。",
        "责任单位：区发展改革局、区市场监管局",
        "（二）加强财政信息公开。三季度末前完成检查。（区财政局负责）",
        "各单位要将落实情况于2022年12月20日前报区政务公开办。",
    ])
    assert brief(tasks_of(text)) == [
        (["一", "(一)", "1"], "全面公开政务服务事项目录，5月底前完成更新",
         [("区行政审批局", "lead"), ("区政府各部门", "cooperating")], ["2022-05-31"]),
        (["一", "(一)", "2"], "及时公开涉企收费目录清单", [("区发展改革局", "responsible"), ("区市场监管局", "responsible")], []),
        # the closing paragraph after a task closed by its unit clause is not part of that task
        (["一", "(二)"], "加强财政信息公开", [("区财政局", "responsible")], ["2022-09-30"]),
    ]


def test_section_written_in_another_style_is_a_sibling_with_a_warning() -> None:
    text = "\n".join([
        "2020年政务公开工作要点",
        "一、加强公开",
        "1.公开预算。（市财政局负责）",
        "2.公开决算。（市财政局负责）",
        "（二）优化服务",
        "3.办好网站。（市政府办公室负责）",
    ])
    meta = extract_metadata(text, OPTS)
    tasks, warnings = build_tasks(text, meta, OPTS)
    assert [t.path for t in tasks] == [["一", "1"], ["一", "2"], ["(二)", "3"]]
    assert "numbering_style_changed" in [w.code for w in warnings]


def test_skipped_and_repeated_numbers_are_reported() -> None:
    text = "2020年要点\n一、甲\n（一）公开甲。\n（三）公开丙。\n二、乙\n（一）公开丁。\n（一）公开丁。"
    _, warnings = build_tasks(text, extract_metadata(text, OPTS), OPTS)
    codes = [w.code for w in warnings]
    assert "numbering_skipped" in codes and "numbering_repeated" in codes


def test_blocks_keep_line_numbers() -> None:
    blocks = split_blocks("标题\n\n一、甲\n（一）乙")
    assert [(b.kind, b.line) for b in blocks] == [("para", 1), ("para", 3), ("para", 4)]


def test_metadata_fields_and_notice_name() -> None:
    text = "\n".join([
        "索引号:\t11220000MB1726532P/2019-03791\t分类:\t综合政务",
        "发文机关:\t吉林省政务公开领导小组\t成文日期:\t2019年05月21日",
        "发文字号:\t吉政公组〔2019〕1号\t发布日期:\t2019年05月29日",
        "关于印发2019年全省政务公开工作重点任务分工方案的通知",
        "2019年全省政务公开工作重点任务分工方案",
    ])
    meta = extract_metadata(text, OPTS)
    assert meta.model_dump(mode="json") == {
        "title": "2019年全省政务公开工作重点任务分工方案", "issuer": "吉林省政务公开领导小组",
        "doc_number": "吉政公组〔2019〕1号", "date": "2019-05-21", "year": 2019,
    }


def test_metadata_ignores_cited_document_numbers_and_splits_notice_names() -> None:
    text = "\n".join([
        "蓬江府办函〔2019〕840号",
        "江门市蓬江区人民政府办公室关于印发",
        "江门市蓬江区2019年政务公开",
        "工作要点考核方案的通知",
        "为贯彻落实《通知》（粤府办〔2019〕9号）的部署要求，现印发给你们。",
        "二〇一九年十月二十一日",
        "江门市蓬江区2019年政务公开工作要点考核方案",
    ])
    meta = extract_metadata(text, OPTS)
    assert (meta.issuer, meta.doc_number, str(meta.date), meta.title) == (
        "江门市蓬江区人民政府办公室", "蓬江府办函〔2019〕840号", "2019-10-21", "江门市蓬江区2019年政务公开工作要点考核方案")


def test_year_option_overrides_the_document() -> None:
    text = "政务公开工作要点\n一、甲\n（一）年底前完成。（市财政局负责）"
    meta = extract_metadata(text, ParseOptions(year=2024))
    tasks, _ = build_tasks(text, meta, ParseOptions(year=2024))
    assert meta.year == 2024 and str(tasks[0].deadlines[0].date) == "2024-12-31"


def test_labelled_lines_under_a_prose_task() -> None:
    text = "\n".join([
        "某市2022年政务公开工作要点",
        "一、加强政策解读",
        "（一）推进政务公开标准化。梳理公开事项目录。",
        "责任单位：市政务公开办，各县区",
        "完成时限：2022年11月底前",
        "（二）规范依申请公开。",
        "牵头单位：市司法局",
        "配合单位：市直各部门",
        "时限要求：长期坚持",
    ])
    tasks = tasks_of(text)
    assert brief(tasks) == [
        (["一", "(一)"], "推进政务公开标准化", [("市政务公开办", "responsible"), ("各县区", "responsible")], ["2022-11-30"]),
        (["一", "(二)"], "规范依申请公开", [("市司法局", "lead"), ("市直各部门", "cooperating")], []),
    ]
    assert tasks[0].requirements == "2022年11月底前"
    assert [d.kind for d in tasks[1].deadlines] == ["ongoing"]


def test_labelled_unit_clause_right_after_the_title() -> None:
    text = "某市2022年政务公开工作要点\n一、加强解读\n" \
           "（一）加强政策解读（牵头单位：市政府办公室；配合单位：各县区人民政府）。围绕重大政策做好解读。"
    assert brief(tasks_of(text)) == [
        (["一", "(一)"], "加强政策解读", [("市政府办公室", "lead"), ("各县区人民政府", "cooperating")], []),
    ]


def test_table_without_task_numbers_makes_each_row_a_task() -> None:
    text = "\n".join([
        "2021年某区政务公开重点工作任务清单",
        "重点任务\t责任单位\t完成时限",
        "加强政策解读，做好政策文件解读工作。\t区政府办公室\t2021年6月",
        "推进决策公开。\t区司法局牵头，区直各部门配合\t长期坚持",
        "做好政府信息公开年度报告。\t各街道办事处\t2021年",
    ])
    assert brief(tasks_of(text)) == [
        (["1"], "加强政策解读，做好政策文件解读工作", [("区政府办公室", "responsible")], ["2021-06-30"]),
        (["2"], "推进决策公开", [("区司法局", "lead"), ("区直各部门", "cooperating")], []),
        (["3"], "做好政府信息公开年度报告", [("各街道办事处", "responsible")], ["2021-12-31"]),
    ]


def test_field_lines_are_not_a_table_header() -> None:
    blocks = split_blocks("牵头单位：市司法局\n配合单位：市直各部门\n时限要求：长期坚持")
    assert [b.kind for b in blocks] == ["para", "para", "para"]


def test_closing_section_without_items_is_not_a_task() -> None:
    text = "\n".join([
        "某县2022年政务公开工作要点",
        "一、加强公开",
        "（一）公开预算。（县财政局负责）",
        "二、工作要求",
        "各乡镇、各部门要高度重视，于2022年12月20日前将落实情况报县政府办公室。",
    ])
    assert [t.path for t in tasks_of(text)] == [["一", "(一)"]]
    # the closing section may start with a verb: 强化保障措施, 加强组织领导
    verb = text.replace("二、工作要求", "二、强化保障措施")
    assert [t.path for t in tasks_of(verb)] == [["一", "(一)"]]
    # a plan whose tasks are its top-level items keeps every one of them
    flat = "某县2022年政务公开工作要点\n一、公开预算。（县财政局负责）\n二、公开决算。（县财政局负责）"
    assert [t.path for t in tasks_of(flat)] == [["一"], ["二"]]


def test_plan_title_broken_over_two_lines() -> None:
    text = "某市人民政府办公室\n2021年3月1日\n某市2021年政务公开\n工作要点\n一、加强公开\n（一）公开预算。（市财政局负责）"
    meta = extract_metadata(text, OPTS)
    assert (meta.title, meta.year) == ("某市2021年政务公开工作要点", 2021)
    assert [t.path for t in tasks_of(text)] == [["一", "(一)"]]


def test_without_a_title_line_the_table_is_the_plan() -> None:
    text = "\n".join([
        "关于做好2022年政务公开工作的通知",
        "一、提高认识。各单位要高度重视。",
        "二、压实责任。各单位要明确分工。",
        "序号\t重点任务\t责任单位\t完成时限",
        "1\t公开预算信息。\t县财政局\t6月底前",
        "2\t公开决算信息。\t县财政局\t9月底前",
    ])
    assert [(t.path, t.title) for t in tasks_of(text)] == [(["1"], "公开预算信息"), (["2"], "公开决算信息")]


def test_right_parenthesis_markers_and_time_limits_inside_the_unit_clause() -> None:
    text = "\n".join([
        "某区2023年政务公开工作要点",
        "一、推进标准化规范化",
        "1）完善公开目录。（区政务公开办牵头，区直各部门配合）",
        "2）优化政府网站。整合栏目。（区大数据中心负责，持续推进）",
        "二、加强解读回应",
        "1）回应社会关切。（区融媒体中心、区网信办负责，2023年6月）",
    ])
    tasks = tasks_of(text)
    assert [t.path for t in tasks] == [["一", "1)"], ["一", "2)"], ["二", "1)"]]
    assert [(d.text, d.kind) for d in tasks[1].deadlines] == [("持续推进", "ongoing")]
    assert [(d.text, str(d.date)) for d in tasks[2].deadlines] == [("2023年6月", "2023-06-30")]
    assert [(u.name, u.role) for u in tasks[0].units] == [("区政务公开办", "lead"), ("区直各部门", "cooperating")]


def test_units_and_time_limit_labelled_on_one_line() -> None:
    text = "\n".join([
        "某县2021年政务公开工作要点",
        "一、深化重点领域信息公开",
        "（一）推进财政信息公开。按规定公开部门预决算。",
        "责任单位：县财政局　　完成时限：2021年9月",
        "（二）推进就业信息公开。（牵头单位：县人社局，完成时间：长期坚持；配合单位：各乡镇）",
    ])
    first, second = tasks_of(text)
    assert [(u.name, u.role) for u in first.units] == [("县财政局", "responsible")]
    assert [(d.text, str(d.date)) for d in first.deadlines] == [("2021年9月", "2021-09-30")]
    assert [(u.name, u.role) for u in second.units] == [("县人社局", "lead"), ("各乡镇", "cooperating")]


def test_header_with_columns_of_no_interest_and_sections_in_the_serial_column() -> None:
    text = "\n".join([
        "某市2020年政务公开重点工作任务分工表",
        "序号\t工作任务\t责任领导\t牵头单位\t协同单位\t完成时间",
        "一\t加强政策解读\t\t\t\t",
        "1\t做好政策解读。\t副市长王某某\t市发改委\t市财政局\t2020年10月",
        "（二）\t推进平台建设\t\t\t\t",
        "2\t加强网站建设。\t\t市大数据局\t\t2020年底",
    ])
    tasks = tasks_of(text)
    assert [(t.path, t.headings) for t in tasks] == [(["一", "1"], ["加强政策解读"]), (["(二)", "2"], ["推进平台建设"])]
    assert [(u.name, u.role) for u in tasks[0].units] == [("市发改委", "lead"), ("市财政局", "cooperating")]
    assert "副市长王某某" not in [u.name for t in tasks for u in t.units]


def test_a_style_first_used_after_a_deeper_one_keeps_its_items_siblings() -> None:
    text = "\n".join([
        "某县2022年政务公开工作要点",
        "一、推进决策公开",
        "1.做好决策预公开。（县司法局负责）",
        "2.做好决策解读。（县政府办负责）",
        "二、推进管理服务公开",
        "（一）稳外资。（县商务局负责）",
        "（二）稳就业。（县人社局负责）",
    ])
    assert [t.path for t in tasks_of(text)] == [["一", "1"], ["一", "2"], ["二", "(一)"], ["二", "(二)"]]


@pytest.mark.parametrize(
    "title",
    [
        "2022年《政府工作报告》重点工作责任分工方案",
        "《关于进一步优化营商环境降低市场主体制度性交易成本的意见》重点任务分工方案",
        "关于进一步优化营商环境的意见重点任务分工方案",
        "数字政府建设行动计划（2022—2023年）",
        "2023年市政府工作报告重点工作责任分解",
        "2021年某镇民生实事任务分解",
        "2022年县政府重点工作分工",
        "2020年政府工作报告目标任务分解落实一览表",
        "2024年某区政务公开工作任务台账",
        "2023年全县重点项目建设一览表",
        "2022年区政府重点工作责任清单",
        "2025年某街道年度目标责任分解表",
    ],
)
def test_plan_title_endings_cited_names_and_year_ranges(title: str) -> None:
    """The genre's title endings (…分工, …责任分解, …分解落实一览表, …台账, …清单), cited names, year ranges: the
    notice's own paragraphs before the title line are not tasks."""
    text = "\n".join([
        "某省人民政府办公厅关于印发" + title + "的通知",
        "一、提高思想认识。各地要高度重视。",
        "二、强化责任落实。",
        title,
        "一、加快改革",
        "（一）推进审批改革。（省发展改革委牵头）",
    ])
    meta = extract_metadata(text, None)
    assert meta.title == title
    assert [t.path for t in tasks_of(text)] == [["一", "(一)"]]


@pytest.mark.parametrize("line", ["明确分工", "细化分解", "市场准入负面清单", "二、重点工作分工"])
def test_lines_that_end_like_a_title_but_name_no_plan(line: str) -> None:
    text = "\n".join([
        "某县人民政府办公室关于做好2023年重点工作的通知",
        "各乡镇人民政府：",
        line,
        "一、压实责任。各单位要制定推进计划。",
        "二、加强调度。每月报送进展。",
    ])
    assert extract_metadata(text, None).title == "某县人民政府办公室关于做好2023年重点工作的通知"


def test_a_plan_scraped_twice_is_read_once() -> None:
    plan = [
        "某县2022年政务公开工作要点",
        "一、推进决策公开",
        "1.做好决策预公开。（县司法局负责）",
        "2.做好决策解读。（县政府办负责）",
    ]
    text = "\n".join(["关于印发某县2022年政务公开工作要点的通知", *plan, "", *plan])
    meta = extract_metadata(text, None)
    tasks, warnings = build_tasks(text, meta, ParseOptions())
    assert [t.path for t in tasks] == [["一", "1"], ["一", "2"]]
    assert [(w.code, w.line) for w in warnings] == [("duplicate_content", 7)]


def test_metadata_fields_without_colons_and_several_on_a_line() -> None:
    text = "\n".join([
        "索引号：QS00112-0200-2023-00027    发布机构：铅山县人民政府办公室    生成日期：2023-04-11",
        "发文字号\t平政办发〔2022〕41号\t发布日期\t2023-01-04",
        "标题\t平江县人民政府办公室关于印发平江县2023年政务公开工作要点的通知",
        "平江县2023年政务公开工作要点",
        "一、加强公开",
    ])
    meta = extract_metadata(text, None)
    assert (meta.issuer, meta.doc_number) == ("铅山县人民政府办公室", "平政办发〔2022〕41号")


def test_signature_date_in_iso_form_and_a_listed_attachment() -> None:
    text = "\n".join([
        "岳池县人民政府办公室关于印发岳池县2023年政务公开工作要点的通知",
        "各乡镇人民政府：现将有关文件印发给你们。",
        "附件：1.岳池县2023年政务公开工作要点",
        "      2.岳池县政务公开工作联络员回执",
        "岳池县人民政府办公室",
        "2023-03-20",
        "附件1",
        "岳池县2023年政务公开工作要点",
        "一、加强公开",
        "（一）公开预算。（县财政局负责）",
    ])
    meta = extract_metadata(text, None)
    assert (meta.title, str(meta.date)) == ("岳池县2023年政务公开工作要点", "2023-03-20")
    assert [t.path for t in tasks_of(text)] == [["一", "(一)"]]


def test_header_names_wrapped_onto_a_second_line() -> None:
    tabs = "\n".join([
        "某区2022年政务公开重点任务分工表",
        "序号\t重点工作\t牵头\t责任\t完成",
        "\t\t单位\t单位\t时限",
        "1\t公开产业扶持政策兑现情况。\t区产业促进局\t区财政局\t2022年6月",
    ])
    (task,) = tasks_of(tabs)
    assert [(u.name, u.role) for u in task.units] == [("区产业促进局", "lead"), ("区财政局", "responsible")]
    assert [str(d.date) for d in task.deadlines] == ["2022-06-30"]
    cells = "\n".join(["某县2022年政务公开工作任务分解表", "序号", "工作任务", "责任", "单位", "完成", "时限",
                       "1", "加强政府信息主动公开。", "县政府办", "2022年12月"])
    (task,) = tasks_of(cells)
    assert ([u.name for u in task.units], [str(d.date) for d in task.deadlines]) == (["县政府办"], ["2022-12-31"])


def test_a_numbered_list_inside_a_task_cell_is_no_task_number() -> None:
    text = "\n".join([
        "某市2022年政务公开任务分工表",
        "序号\t工作任务\t责任单位\t完成时限",
        "1\t1.及时更新政府信息公开指南；2.规范设置主动公开专栏。\t市政府办\t2022年6月底前",
        "2\t做好政策解读。\t市发改委\t2022年9月底前",
    ])
    assert [t.path for t in tasks_of(text)] == [["1"], ["2"]]


def test_assessment_table_sections_in_parts_and_bracketed_headings() -> None:
    table = "\n".join([
        "淇滨区2021年政务公开工作考核细则",
        "考核项目\t考核内容\t分值\t评分标准\t责任单位",
        "决策公开\t重大行政决策事项目录于3月底前向社会公开。\t5分\t未按时公开的扣2分。\t区司法局",
        "平台建设\t政府网站每季度开展一次自查。\t10分\t发现错别字的扣1分。\t区政府办公室",
        "淇滨区人民政府办公室",
        "2021年3月1日",
    ])
    tasks = tasks_of(table)
    assert [(t.title, [u.name for u in t.units]) for t in tasks] == [
        ("重大行政决策事项目录于3月底前向社会公开", ["区司法局"]),
        ("政府网站每季度开展一次自查", ["区政府办公室"]),
    ]
    assert [str(d.date) for d in tasks[0].deadlines] == ["2021-03-31"] and tasks[1].deadlines == []
    parts = "\n".join([
        "某县2021年政务公开工作要点",
        "第一部分  围绕十四五开局推进政务公开：",
        "（一）【做好规划解读】做好十四五规划纲要解读。（牵头科室：办公室；配合科室：规划科）",
        "第二部分  推进基层政务公开",
        "（一）推进标准指引落地。（县政府办负责）",
    ])
    tasks = tasks_of(parts)
    assert [(t.path, t.headings, t.title) for t in tasks] == [
        (["一", "(一)"], ["围绕十四五开局推进政务公开"], "做好规划解读"),
        (["二", "(一)"], ["推进基层政务公开"], "推进标准指引落地"),
    ]
    assert [(u.name, u.role) for u in tasks[0].units] == [("办公室", "lead"), ("规划科", "cooperating")]


def test_closing_section_whose_items_name_no_units_is_not_tasks() -> None:
    text = "\n".join([
        "某省教育厅2024年政务公开工作要点",
        "一、推进决策公开",
        "（一）完善决策程序。",
        "1.公开决策目录。（牵头处室：政策法规处）",
        "2.做好解读。（厅办公室负责）",
        "二、工作要求",
        "（一）加强组织领导。各处室要高度重视。",
        "（二）强化协同配合。于5月31日前将落实方案报厅办公室。",
    ])
    assert [t.path for t in tasks_of(text)] == [["一", "(一)", "1"], ["一", "(一)", "2"]]


def _metadata_cases() -> list[dict]:
    return json.loads((Path(__file__).parent / "cases" / "metadata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _metadata_cases(), ids=lambda c: c["label"])
def test_metadata_catalogue(case: dict) -> None:
    meta = extract_metadata("\n".join(case["input"]), OPTS).model_dump(mode="json")
    assert {key: meta[key] for key in case["expected"]} == case["expected"]


def test_cell_per_line_table_of_three_rows_keeps_a_row_of_empty_cells() -> None:
    """One cell per line, ``|`` lines between cells, no blank lines: a row whose unit and time cells are
    ``||`` lines is a row of its own, its blank unit cell merged with the one above."""
    lines = ["某镇2024年公开事项清单", "事项", "|", "责任单位", "|", "时限", "|",
             "公开镇级财政预算。按科目细化。", "|", "镇财政所", "|", "3月底前", "|",
             "办理信息公开申请。自受理之日起10个工作日内答复。", "||", "||",
             "更新村务公开栏。逐村公开。", "|", "镇党政办", "|", "年底前", "|"]
    doc = gkparse.parse_text("\n".join(lines))
    got = [(t.path, t.title, [u.name for u in t.units], [d.kind for d in t.deadlines]) for t in doc.tasks]
    assert got == [
        (["1"], "公开镇级财政预算", ["镇财政所"], ["by"]),
        (["2"], "办理信息公开申请", ["镇财政所"], ["within"]),
        (["3"], "更新村务公开栏", ["镇党政办"], ["by"]),
    ]


def _tree_cases() -> list[dict]:
    return json.loads((Path(__file__).parent / "cases" / "trees.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _tree_cases(), ids=lambda c: c["label"])
def test_tree_catalogue(case: dict) -> None:
    """Each case: the document's lines, and its tasks as [path, title, [[unit, role], …]]."""
    tasks = tasks_of("\n".join(case["input"]))
    assert [[t.path, t.title, [[u.name, u.role] for u in t.units]] for t in tasks] == case["expected"]


def test_a_table_after_a_numbered_notice_without_a_title_line_is_the_plan() -> None:
    """No title line: the table is the plan, and the notice's own 一、二、 before it are not tasks, however
    far into the page the table starts (the blocks before it are read once, then dropped)."""
    notice = "各乡镇人民政府，县政府各部门：\n一、请各单位高度重视，认真抓好落实。\n二、请于每季度末报送进展情况。\n"
    table = (
        "序号|工作任务|责任单位|完成时限\n1|规范政府信息公开平台管理|县政府办公室|2024年6月底前\n"
        "2|做好财政预决算公开|县财政局|2024年9月底前\n"
    )
    for filler in (0, 300):
        text = notice + "请认真贯彻执行。\n" * filler + table
        assert brief(tasks_of(text)) == [
            (["1"], "规范政府信息公开平台管理", [("县政府办公室", "responsible")], ["2024-06-30"]),
            (["2"], "做好财政预决算公开", [("县财政局", "responsible")], ["2024-09-30"]),
        ]
    prose = "某县2024年工作安排\n一、规范平台管理。（县政府办公室负责）\n二、做好预决算公开。（县财政局负责）\n"
    assert [t.title for t in tasks_of("各单位：\n" + prose)] == ["规范平台管理", "做好预决算公开"]
