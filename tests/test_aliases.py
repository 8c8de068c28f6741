"""Unit names resolved within a document: declared short names, bracket and space variants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gkparse
from gkparse.extract.aliases import declared_aliases, resolve_aliases, variant_key
from gkparse.models import Task, Unit


@pytest.mark.parametrize(
    ("text", "names", "aliases"),
    [
        ("国家发展和改革委员会（以下简称国家发展改革委）负责统筹。", [], {"国家发展改革委": "国家发展和改革委员会"}),
        ("由市发展和改革委员会（以下简称“市发改委”）牵头。", [], {"市发改委": "市发展和改革委员会"}),
        ("会同县市场监督管理局，以下简称“县市场监管局”，做好……", [], {"县市场监管局": "县市场监督管理局"}),
        ("请区教育体育局(简称区教体局)落实。", [], {"区教体局": "区教育体育局"}),
        ("按照市委网信办和市政务服务数据管理局（以下简称市数据局）的要求", ["市政务服务数据管理局"],
         {"市数据局": "市政务服务数据管理局"}),
        ("修订后的《中华人民共和国政府信息公开条例》（以下简称《条例》）施行以来", [], {}),
        ("各地区、各部门要认真落实。", [], {}),
    ],
)  # fmt: skip
def test_declared_aliases(text: str, names: list[str], aliases: dict[str, str]) -> None:
    assert declared_aliases(text, names) == aliases


def test_variants_compare_equal() -> None:
    assert variant_key("各县(区)人民政府") == variant_key("各县（区）人民政府") == variant_key("各县 （区） 人民政府")
    assert variant_key("各县〔区〕人民政府") == "各县（区）人民政府"
    assert variant_key("IPv6 工作组") == "IPv6工作组"


@given(st.text(alphabet="市县区局委办()（）〔〕 \u3000ab", max_size=20))
def test_variant_key_is_idempotent(name: str) -> None:
    assert variant_key(variant_key(name)) == variant_key(name)


def _task(*units: tuple[str, str]) -> Task:
    return Task(id="1", path=["一"], title="t", text="", line=1, units=[Unit(name=n, role=r) for n, r in units])


def test_short_and_full_name_in_one_role_are_one_unit() -> None:
    text = "国家发展和改革委员会（以下简称国家发展改革委）"
    (task,) = resolve_aliases(text, [_task(("国家发展改革委", "lead"), ("国家发展和改革委员会", "lead"), ("财政部", "cooperating"))])
    assert [(u.name, u.role, u.written) for u in task.units] == [
        ("国家发展和改革委员会", "lead", "国家发展改革委"), ("财政部", "cooperating", None)
    ]  # fmt: skip


def test_a_unit_carrying_its_declaration_is_the_full_name() -> None:
    (task,) = resolve_aliases("", [_task(("市发展和改革委员会（以下简称市发改委）", "lead"))])
    assert task.units[0].name == "市发展和改革委员会"


def test_names_unchanged_are_the_same_objects() -> None:
    tasks = [_task(("市财政局", "lead"))]
    assert resolve_aliases("没有简称", tasks)[0] is tasks[0]


def test_through_the_parser_written_name_beside_the_resolved_one() -> None:
    doc = gkparse.parse_text(
        "2022年政务公开工作要点\n由市发展和改革委员会（以下简称“市发改委”）统筹。\n"
        "一、稳定经济\n（一）公开项目进展。（市发改委牵头，各县(区)人民政府负责）\n"
        "（二）公开惠企政策。（市发展和改革委员会牵头）\n"
    )
    names = {(u.name, u.written) for t in doc.tasks for u in t.units}
    assert ("市发展和改革委员会", "市发改委") in names
    assert ("市发展和改革委员会", None) in names
    assert {u.name for t in doc.tasks for u in t.units if u.role == "lead"} == {"市发展和改革委员会"}
    dumped = doc.model_dump(mode="json")["tasks"][1]["units"][0]
    assert dumped == {"name": "市发展和改革委员会", "role": "lead"}  # no written when it is the name
