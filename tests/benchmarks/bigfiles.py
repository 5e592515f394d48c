"""Client files of any size, as a firm exports them from Excel or a CRM (the columns of /work/shared/samples and
more: code, industry, tier, contact, phone, email, address, owner, backup, amount, dates, notes), for benchmarks;
and a way to run a script as a child process and read its CPU time and peak memory."""
from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEADERS = ["客户编号", "公司名称", "行业", "客户等级", "联系人", "电话", "邮箱", "地址", "所属销售", "协助销售",
           "合同金额", "签约日期", "合同到期", "备注"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯晨欣怡"
_PLACES = ["深圳", "广州", "东莞", "佛山", "上海", "苏州", "杭州", "宁波", "北京", "天津", "成都", "重庆"]
_TRADES = ["五金", "电子", "化工", "印务", "塑胶", "机械", "纺织", "物流", "食品", "包装", "模具", "照明"]
_WORDS = ["兴", "旺", "诚", "信", "达", "鑫", "泰", "华", "宏", "盛", "恒", "源"]
_DISTRICTS = ["宝安区", "南山区", "龙岗区", "福田区", "天河区", "白云区", "南城区", "顺德区"]


def staff_names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        names[rng.choice(_SURNAMES) + rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.7 else "")] = None
    return list(names)


def client_rows(count: int, staff: int = 1_000, seed: int = 1):
    """count client rows (header first), generated as they are written: a million rows never sit in memory."""
    rng = random.Random(seed)
    people = staff_names(staff)
    yield HEADERS
    for i in range(count):
        place, trade = rng.choice(_PLACES), rng.choice(_TRADES)
        owner = rng.choice(people)
        backup = rng.choice(people) if rng.random() < 0.4 else ""
        if backup == owner:
            backup = ""
        year, month, day = rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
        yield [f"KH{i:07d}", f"{place}市{rng.choice(_WORDS)}{rng.choice(_WORDS)}{trade}有限公司{i}", trade,
               rng.choice("ABC"), rng.choice(_SURNAMES) + rng.choice(["经理", "总", "主任", "小姐", "先生"]),
               f"{rng.choice(['0755', '020', '0769', '021'])}-{rng.randint(2000000, 89999999)}",
               f"info{i}@example.com", f"{place}市{rng.choice(_DISTRICTS)}{rng.randint(1, 999)}号", owner, backup,
               f"{rng.randint(1, 900) * 1000:,}", f"{year}/{month}/{day}", f"{year + 2}-{month:02d}-{day:02d}",
               "每月下单，账期30天" if rng.random() < 0.3 else ""]


NARROW = [0, 1, 4, 5, 8, 10, 11]  # code, name, contact, phone, owner, amount, signed: a million fit in 100 MB


def narrow_rows(count: int, staff: int = 1_000):
    """The columns of the sample files that a million rows can carry within the app's 100 MB file limit."""
    for row in client_rows(count, staff):
        picked = [row[i] for i in NARROW]
        picked[1] = picked[1].split("市", 1)[-1].replace("有限公司", "")  # 兴旺五金123: shorter, still unique
        yield picked


def write_csv(path: Path, count: int, staff: int = 1_000, narrow: bool = False) -> Path:
    """A "CSV UTF-8" file as Excel saves it (BOM, CRLF)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(narrow_rows(count, staff) if narrow
                                                            else client_rows(count, staff))
    return path


def write_xlsx(path: Path, count: int, staff: int = 1_000) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    for row in client_rows(count, staff):
        sheet.append(row)
    book.save(path)
    return path


# Runs the script or file in argv[1] (the rest are its arguments) and prints its own peak memory at exit: the
# child's VmHWM after exec, not the pytest process it was forked from (which ru_maxrss would count).
_MEASURED = r"""
import atexit, runpy, sys


def _peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"\nVMHWM_KB {kb}", flush=True)


atexit.register(_peak)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the child
    peak_mb: float  # the child's maximum resident set size
    out: str


def run_child(script: str | Path, *args: str | Path, timeout: float = 1800) -> Run:
    """Run a Python script file with args in a child process: its own CPU time (wait4: this child only) and peak
    memory (its VmHWM, printed at exit)."""
    env = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _MEASURED, str(script), *map(str, args)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    with child.stdout:
        out = child.stdout.read()  # a few lines; read before waiting so a full pipe cannot block the child
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    text = out.decode("utf-8", "replace")
    assert child.returncode == 0, f"child failed ({child.returncode}): {text[-2000:]}"
    if wall > timeout:
        raise AssertionError(f"child took {wall:.0f} s")
    peak = [line for line in text.splitlines() if line.startswith("VMHWM_KB ")]
    assert peak, text[-2000:]
    return Run(wall, usage.ru_utime + usage.ru_stime, int(peak[-1].split()[1]) / 1024, text)
