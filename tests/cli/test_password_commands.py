"""set-password and the password of an encrypted database, as a user runs the commands (no terminal attached)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.test_commands import BLOCK_QT, ROOT

PASSWORD = "geheim passwort 9"


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_QT, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL,
                          env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", **env})


def test_set_password_then_commands_need_it(tmp_path: Path):
    db = tmp_path / "firm.db"
    assert run("--db", db, "demo").returncode == 0
    assert run("--db", db, "backup").returncode == 0
    done = run("--db", db, "set-password", CHURNGUARD_NEW_PASSWORD=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "encrypted" in done.stdout and "1 backup was re-encrypted" in done.stdout
    for env in ({}, {"CHURNGUARD_PASSWORD": "wrong wrong"}):
        refused = run("--db", db, "check", **env)
        assert refused.returncode == 1
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
        assert "password" in refused.stderr
    ok = run("--db", db, "check", CHURNGUARD_PASSWORD=PASSWORD)
    assert ok.returncode == 0 and "healthy" in ok.stdout
    listed = run("--db", db, "backups", CHURNGUARD_PASSWORD=PASSWORD)
    assert "300 clients" in listed.stdout


def test_a_short_new_password_and_no_terminal_are_refused(tmp_path: Path):
    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    short = run("--db", db, "set-password", CHURNGUARD_NEW_PASSWORD="abc")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    no_tty = run("--db", db, "set-password")
    assert no_tty.returncode == 1 and "CHURNGUARD_NEW_PASSWORD" in no_tty.stderr and "Traceback" not in no_tty.stderr


def test_restore_of_an_encrypted_backup_needs_its_password(tmp_path: Path):
    db, other = tmp_path / "firm.db", tmp_path / "other.db"
    run("--db", db, "demo")
    made = run("--db", db, "backup")
    run("--db", db, "set-password", CHURNGUARD_NEW_PASSWORD=PASSWORD)
    backup = made.stdout.strip()
    refused = run("--db", other, "restore", backup)
    assert refused.returncode == 1 and "password" in refused.stderr and not other.exists()
    wrong = run("--db", other, "restore", backup, CHURNGUARD_PASSWORD="wrong wrong")
    assert wrong.returncode == 1 and not other.exists()
    done = run("--db", other, "restore", backup, CHURNGUARD_PASSWORD=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert run("--db", other, "check", CHURNGUARD_PASSWORD=PASSWORD).returncode == 0
