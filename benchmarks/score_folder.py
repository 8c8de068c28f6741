"""Score gkparse on a folder of documents with hand-made gold: one command, per-document and total figures.

    python benchmarks/score_folder.py ../shared/realdocs            # FOLDER/raw/* against FOLDER/gold/
    python benchmarks/score_folder.py DOCS --gold GOLD              # documents and gold elsewhere
    python benchmarks/score_folder.py ../shared/realdocs --doc page-1b57 --json

The documents are parsed by the real command (``gkparse RAW -o OUT``, every file of the folder), and each
output is compared with ``<doc>.gold.json`` (the annotation format of the gold folder's FORMAT.md). The
figures are those of the shared scorer ``score.py`` (found beside the gold folder, in ``../tools/``, or
given with ``--scorer``): it is imported and run as it is, so the figures are the same as running it by
hand. Without it, the equivalent scorer below computes the same measures (its leak count looks for pinyin
annotations and page boilerplate only).

Figures (micro-averaged over all documents; see the README):
  tasks F1      tasks found: gold and output tasks aligned in order on their titles (path as tie-break)
  units F1      (unit, role) pairs over aligned tasks; a task not found counts its units as missed
  units_any F1  unit names, whatever their role
  deadlines F1  ISO dates of the tasks' deadlines over aligned tasks
  title         share of the documents with a gold title whose plan title is right
  year          share of documents whose work year is right
  leaks         pinyin annotations, spam words, boilerplate lines, traditional characters left in the output
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from types import ModuleType
from typing import Any

PUNCT = re.compile(r"[\s\u3000，,。.、；;：:！!？?“”\"'‘’《》<>（）()〔〕\[\]【】—\-·…]+")
BRACKETS = str.maketrans({"〔": "（", "〕": "）", "(": "（", ")": "）", "[": "（", "]": "）"})
TRAIL = re.compile(r"(等有关部门|等相关部门|等有关单位|等部门|等单位|等)$")
ROLE_WORD = re.compile(r"^(牵头单位|责任单位|配合单位|协办单位|主办单位|牵头|责任|配合)[:：]?")
PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}\)")
BOILER = re.compile(r"^(首页\s*[>＞]|当前位置|您现在的位置|来源[:：]|打印本页|关闭窗口|【?字体|分享到|扫一扫|ICP备|上一篇|下一篇)")
ROLES = ("lead", "responsible", "cooperating")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder with raw/ (documents) and gold/, or the documents")
    ap.add_argument("--gold", type=Path, help="the gold folder (default FOLDER/gold)")
    ap.add_argument("--scorer", type=Path, help="score.py to use (default: ../tools/score.py beside the gold)")
    ap.add_argument("--out", type=Path, help="keep gkparse's outputs here (default: a temporary folder)")
    ap.add_argument("--doc", help="score only documents whose name contains this")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = ap.parse_args()
    raw = args.folder / "raw" if (args.folder / "raw").is_dir() else args.folder
    gold = args.gold or args.folder / "gold"
    if not gold.is_dir() or not any(gold.glob("*.gold.json")):
        print(f"score_folder: {gold}: no *.gold.json files", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="gkparse-score-"))
    try:
        _parse(raw, out)
        scorer = _scorer(args.scorer or gold.resolve().parent.parent / "tools" / "score.py")
        result = scorer.score(gold, out, args.doc) if scorer else score(gold, out, args.doc)
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(report(result, "score.py" if scorer else "built-in scorer"))
    return 0


def _parse(raw: Path, out: Path) -> None:
    """Every file of ``raw`` through the real command, one JSON each in ``out``."""
    cmd = [sys.executable, "-m", "gkparse", str(raw), "--include", "*", "-o", str(out), "--force", "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some documents had no tasks, which the scores show
        sys.exit(f"score_folder: gkparse failed ({done.returncode}): {done.stderr.strip()}")


def _scorer(path: Path) -> ModuleType | None:
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("gold_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module if hasattr(module, "score") else None


def report(r: dict[str, Any], scorer: str) -> str:
    lines = [f"{'document':40s} {'tasks':>6s} {'units':>6s} {'any':>6s} {'dates':>6s}  title  leaks"]
    def f1(d: dict[str, Any], key: str) -> str:
        return f"{d[key]['f1']:6.3f}" if key in d else f"{'-':>6s}"  # score.py gives tasks and units per document

    for doc, d in r["per_doc"].items():
        lines.append(
            f"{doc:40s} {f1(d, 'tasks')} {f1(d, 'units')} {f1(d, 'units_any')} {f1(d, 'deadlines')}"
            f"  {'ok' if d['title_ok'] else '--':5s}  {sum(d['leaks'].values())}{'' if d['found'] else '  (no output)'}"
        )
    lines.append(
        f"total: {r['documents']} documents  tasks F1 {r['tasks']['f1']:.3f}  units F1 {r['units']['f1']:.3f}"
        f"  units_any F1 {r['units_any']['f1']:.3f}  deadlines F1 {r['deadlines']['f1']:.3f}"
        f"  title {r['title']:.2f}  year {r['year']:.2f}  leaks {sum(r['leaks'].values())}  ({scorer})"
    )
    return "\n".join(lines)


# -- the equivalent scorer, used when score.py is not at hand ------------------------------------------


def _text(s: str) -> str:
    return PUNCT.sub("", unicodedata.normalize("NFKC", s or ""))


def _unit(s: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or "").translate(BRACKETS))
    return TRAIL.sub("", ROLE_WORD.sub("", s))


def _marker(m: object) -> str:
    m = unicodedata.normalize("NFKC", str(m)).strip().strip("、.．,，:：")
    return m.translate(BRACKETS).replace("（", "(").replace("）", ")")


def _similar(gold: str, pred: str) -> float:
    g, p = _text(gold), _text(pred)
    return SequenceMatcher(None, g, p[: len(g) + 2], autojunk=False).ratio() if g and p else 0.0


def align(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """The monotone alignment of gold to output tasks of greatest title similarity (last marker as a bonus)."""
    n, m = len(gold), len(pred)
    w = [[0.0] * m for _ in range(n)]
    for i, g in enumerate(gold):
        gpath = [_marker(x) for x in g.get("path", [])]
        for j, p in enumerate(pred):
            s = _similar(g.get("title", ""), str(p.get("title", "")))
            if s < 0.5:
                s = max(s, _similar(g.get("title", ""), str(p.get("text", ""))) * 0.95)
            if s >= 0.5:
                ppath = [_marker(x) for x in (p.get("path") or [])]
                w[i][j] = s + (0.05 if ppath and gpath and ppath[-1:] == gpath[-1:] else 0.0)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + w[i][j] if w[i][j] > 0 else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if w[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + w[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _gold_units(task: dict) -> set[tuple[str, str]]:
    return {(_unit(u), role) for role in ROLES for u in task.get(role) or [] if _unit(u)}


def _pred_units(task: dict) -> set[tuple[str, str]]:
    return {(_unit(u.get("name", "")), str(u.get("role", ""))) for u in task.get("units") or []
            if isinstance(u, dict) and _unit(u.get("name", ""))}


def _pred_dates(task: dict) -> set[str]:
    return {str(d["date"])[:10] for d in task.get("deadlines") or [] if isinstance(d, dict) and d.get("date")}


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in ("path", "source", "warnings", "sha256") for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _leaks(pred: dict) -> dict[str, int]:
    found = {"pinyin": 0, "boilerplate": 0}
    for s in _strings(pred):
        found["pinyin"] += len(PINYIN.findall(s))
        found["boilerplate"] += sum(1 for line in s.splitlines() if BOILER.match(line.strip()))
    return found


def score(gold_dir: Path, pred_dir: Path, only: str | None = None) -> dict[str, Any]:
    total = {k: PRF() for k in ("tasks", "units", "units_any", "deadlines")}
    per_doc: dict[str, Any] = {}
    titled = title_ok = year_ok = docs = 0
    leaks = {"pinyin": 0, "boilerplate": 0}
    for gf in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = gold["doc"]
        if only and only not in doc:
            continue
        docs += 1
        pf = next((p for p in (pred_dir / f"{doc}.json", pred_dir / f"{doc.rsplit('.', 1)[0]}.json") if p.exists()), None)
        pred = json.loads(pf.read_text(encoding="utf-8")) if pf else {}
        gt, pt = gold.get("tasks", []), pred.get("tasks") or []
        pairs = align(gt, pt)
        d = {k: PRF() for k in total}
        d["tasks"].tp, d["tasks"].fn, d["tasks"].fp = len(pairs), len(gt) - len(pairs), len(pt) - len(pairs)
        matched = [(gt[i], pt[j]) for i, j in pairs]
        matched += [(g, {}) for i, g in enumerate(gt) if i not in {i for i, _ in pairs}]
        matched += [({}, p) for j, p in enumerate(pt) if j not in {j for _, j in pairs}]
        for g, p in matched:
            gu, pu = _gold_units(g), _pred_units(p)
            d["units"].add(gu, pu)
            d["units_any"].add({u for u, _ in gu}, {u for u, _ in pu})
            d["deadlines"].add(set(g.get("deadlines") or []), _pred_dates(p))
        for k, prf in d.items():
            total[k].tp, total[k].fp, total[k].fn = total[k].tp + prf.tp, total[k].fp + prf.fp, total[k].fn + prf.fn
        meta = pred.get("document") or {}
        titled += bool(gold.get("title"))
        t_ok = bool(gold.get("title")) and _text(str(meta.get("title", ""))) == _text(gold["title"])
        y_ok = gold.get("year") is None or meta.get("year") == gold.get("year")
        title_ok, year_ok = title_ok + t_ok, year_ok + y_ok
        lk = _leaks(pred)
        for k in leaks:
            leaks[k] += lk[k]
        per_doc[doc] = {"found": bool(pf), **{k: prf.as_dict() for k, prf in d.items()},
                        "title_ok": t_ok, "year_ok": y_ok, "leaks": lk}
    return {"documents": docs, **{k: prf.as_dict() for k, prf in total.items()},
            "title": round(title_ok / titled, 4) if titled else 1.0, "year": round(year_ok / docs, 4) if docs else 0.0,
            "leaks": leaks, "per_doc": per_doc}


if __name__ == "__main__":
    sys.exit(main())
