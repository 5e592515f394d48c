"""The codes and names met in a file: a dict for a file that fits in memory, mostly on disk for a bigger one;
both answer the same."""
from __future__ import annotations

import random

from churnguard_gui.core.importing import DictSeen
from churnguard_gui.store.bulk import BoundedSeen


def test_the_bounded_store_answers_as_a_dict_does(fresh_db, monkeypatch):
    monkeypatch.setattr(BoundedSeen, "BITS", 1 << 10)  # many hash collisions: every path is taken
    monkeypatch.setattr(BoundedSeen, "PENDING", 50)  # keys move to the temporary table often
    rng = random.Random(4)
    keys = [f"c{rng.randint(0, 3000)}" for _ in range(6000)]  # about half are met again, some many times
    bounded, plain = BoundedSeen(fresh_db), DictSeen()
    for row, key in enumerate(keys, start=2):
        assert bounded.first(key, row) == plain.first(key, row), (row, key)
    assert fresh_db.execute("SELECT count(*) FROM temp.import_seen").fetchone()[0] > 0
