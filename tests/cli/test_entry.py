"""How ChurnGuard starts: `churnguard` / `python -m churnguard_gui` open the app without a command, run it with one."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import churnguard_gui
from churnguard_gui.__main__ import wants_gui
from tests.conftest import ROOT

# Runs `python -m churnguard_gui ARGS` with every PySide6 import failing, as on a server without Qt.
BLOCKED_MODULE = (
    "import sys, runpy\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
    "            raise ImportError('PySide6 is blocked in this test')\n"
    "sys.meta_path.insert(0, Block())\n"
    "sys.argv = ['churnguard'] + sys.argv[1:]\n"
    "runpy.run_module('churnguard_gui', run_name='__main__', alter_sys=True)\n"
)
ENV = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}


def run_module(*args: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKED_MODULE, *args], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, env={**ENV, "HOME": str(tmp_path)})


@pytest.mark.parametrize("argv, gui", [
    ([], True), (["--db", "firm.db"], True), (["--lang", "zh"], True), (["--db=firm.db", "-reverse"], True),
    (["--db", "firm.db", "demo"], False), (["check"], False), (["--help"], False), (["--version"], False),
    (["--lang", "zh", "handover-report", "孙丽", "--out", "x.pdf"], False),
])
def test_a_command_runs_headless_and_no_command_opens_the_app(argv, gui):
    assert wants_gui(argv) is gui


def test_python_m_runs_the_commands_without_qt_from_another_folder(tmp_path):
    done = run_module("--db", str(tmp_path / "firm.db"), "demo", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Demo firm added: 300 clients, 12 staff." in done.stdout
    checked = run_module("--lang", "zh", "--db", str(tmp_path / "firm.db"), "check", tmp_path=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "数据库" in checked.stdout
    version = run_module("--version", tmp_path=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"churnguard {churnguard_gui.__version__}"


def test_without_qt_the_app_says_so_instead_of_a_traceback(tmp_path):
    done = run_module("--db", str(tmp_path / "firm.db"), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "ChurnGuard cannot open its window" in done.stderr
    assert "churnguard --help" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_without_a_command_opens_the_app_and_it_stays_open(tmp_path):
    env = {**os.environ, **ENV, "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    app = subprocess.Popen([sys.executable, "-m", "churnguard_gui", "--db", str(tmp_path / "firm.db")], cwd=tmp_path,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):  # still running after 4 s: the window is up
            app.wait(timeout=4)
    finally:
        app.kill()
        _, err = app.communicate()
    assert "Traceback" not in err
    assert (tmp_path / "firm.db").exists()  # the app opened (and created) its database
