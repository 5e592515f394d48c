"""Benchmarks: each runs the app's way and a bare reference in the same run, alternated, and asserts the ratio.
`make bench` prints the table collected here at the end."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@dataclass
class Row:
    work: str
    ours: float
    bare: float | None
    limit: str
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        return self.ours / self.bare if self.bare else None


RESULTS: list[Row] = []


def best_of(runs: int, *work: Callable[[], object]) -> list[float]:
    """The best wall time of each callable over runs rounds, run alternately so load affects them alike."""
    best = [float("inf")] * len(work)
    for _ in range(runs):
        for i, fn in enumerate(work):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def compare(work: str, ours: Callable[[], object], bare: Callable[[], object], max_ratio: float,
            runs: int = 3) -> float:
    """Time ours against bare; record the row and fail when ours takes more than max_ratio times as long."""
    ours_s, bare_s = best_of(runs, ours, bare)
    RESULTS.append(Row(work, ours_s, bare_s, f"≤ {max_ratio:g}×"))
    assert ours_s <= max_ratio * bare_s, f"{work}: {ours_s:.3f} s is {ours_s / bare_s:.2f}× the bare {bare_s:.3f} s"
    return ours_s / bare_s


def within(work: str, ours: Callable[[], object], limit_s: float, runs: int = 3) -> float:
    """A bound a person feels (a keystroke, a window opening), where no bare script does the same work."""
    (ours_s,) = best_of(runs, ours)
    RESULTS.append(Row(work, ours_s, None, f"≤ {limit_s * 1000:g} ms"))
    assert ours_s <= limit_s, f"{work}: {ours_s * 1000:.0f} ms, over {limit_s * 1000:g} ms"
    return ours_s


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: a benchmark of many minutes (1,000,000 rows); `make bench` skips it, "
                                       "`make bench-slow` runs it")


def _shown(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else f"{value * 1000:.0f} ms"


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter) -> None:
    if not RESULTS:
        return
    write = terminalreporter.write_line
    write("")
    write("| Work | ChurnGuard | Bare reference | Ratio | Limit |")
    write("|---|---|---|---|---|")
    for row in RESULTS:
        bare = _shown(row.bare, row.unit) if row.bare else "—"
        ratio = f"{row.ratio:.2f}×" if row.ratio else "—"
        write(f"| {row.work} | {_shown(row.ours, row.unit)} | {bare} | {ratio} | {row.limit} |")
