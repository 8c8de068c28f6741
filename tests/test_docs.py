"""README is the user's manual: every option is documented and its Python examples run."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import typer.main

from gkparse.cli import app
from gkparse.errors import ExitCode

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_option_is_documented() -> None:
    command = typer.main.get_command(app)
    options = [opt for p in command.params if p.param_type_name == "option" for opt in p.opts]
    assert options
    missing = [o for o in options if not re.search(rf"`{re.escape(o)}[ `]", README)]
    assert not missing, f"options missing from README: {missing}"


def test_every_exit_code_is_documented() -> None:
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", README, re.M), code


def test_readme_python_examples_run() -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    finally:
        os.chdir(cwd)
    assert result.attempted > 0 and result.failed == 0


def test_readme_setup_commands_name_real_files() -> None:
    for sample in re.findall(r"gkparse (samples/[\w.-]+\.txt)", README):
        assert (ROOT / sample).exists(), sample
