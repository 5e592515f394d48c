"""Client search through the trigram index: what a person types finds the client, and the index stays current."""
from __future__ import annotations

from churnguard_gui.core.models import Client, Contact, Staff, TeamMember
from churnguard_gui.store import listing
from churnguard_gui.store.clients import delete_client, get_client, save_client
from churnguard_gui.store.db import writing
from churnguard_gui.store.search import reindex, suspended
from churnguard_gui.store.staff import get_staff, save_staff


def found(db, text: str) -> list[int]:
    return listing.list_ids(db, listing.CLIENTS, text)


def firm(db):
    zhou = save_staff(db, Staff(name="周杰伦", role="销售代表"))
    wu = save_staff(db, Staff(name="吴芳", role="销售代表"))
    hua = save_client(db, Client(code="SZ-0042", name="深圳市华为电子有限公司", annual_value=500,
                                 contacts=[Contact(name="刘经理", phone="0755-8135 0930", is_primary=True)],
                                 team=[TeamMember(zhou, "owner")]))
    bao = save_client(db, Client(code="GZ-7", name="Bluewave Logistics", annual_value=900,
                                 team=[TeamMember(wu, "owner")]))
    return zhou, wu, hua, bao


def test_a_word_is_found_anywhere_in_name_code_owner_and_contacts(fresh_db):
    zhou, wu, hua, bao = firm(fresh_db)
    assert found(fresh_db, "华为") == [hua]           # two characters inside the name, not only at its start
    assert found(fresh_db, "华为电子") == [hua]        # the trigram index
    assert found(fresh_db, "sz-0042") == [hua]        # code, whatever the case
    assert found(fresh_db, "BLUEWAVE") == [bao] == found(fresh_db, "wave log")
    assert found(fresh_db, "周杰伦") == [hua]          # owner
    assert found(fresh_db, "刘经理") == [hua]          # contact
    assert found(fresh_db, "8135 0930") == [hua] == found(fresh_db, "81350930") == found(fresh_db, "0755-81350930")
    assert found(fresh_db, "吴") == [bao]
    assert found(fresh_db, 'a"b') == [] and found(fresh_db, "x*y OR") == []  # FTS syntax is only text here
    assert found(fresh_db, "华为 吴芳") == []           # every word must match


def test_results_come_in_the_current_sort(fresh_db):
    zhou = save_staff(fresh_db, Staff(name="周杰", role="销售代表"))
    ids = [save_client(fresh_db, Client(name=f"客户{n}有限公司", annual_value=v, team=[TeamMember(zhou, "owner")]))
           for n, v in ((3, 10), (1, 30), (2, 20))]
    assert listing.list_ids(fresh_db, listing.CLIENTS, "有限公司", "name") == [ids[1], ids[2], ids[0]]
    assert listing.list_ids(fresh_db, listing.CLIENTS, "有限公司", "annual_value", True) == [ids[1], ids[2], ids[0]]


def test_the_index_follows_every_change(fresh_db):
    zhou, wu, hua, bao = firm(fresh_db)
    client = get_client(fresh_db, hua)
    client.name = "东莞新名字科技"
    client.contacts = [Contact(name="陈小姐", phone="139 0000 1111", is_primary=True)]
    client.team = [TeamMember(wu, "owner")]
    save_client(fresh_db, client)
    assert found(fresh_db, "华为") == [] and found(fresh_db, "新名字") == [hua]
    assert found(fresh_db, "刘经理") == [] and found(fresh_db, "陈小姐") == [hua] and found(fresh_db, "13900001111") == [hua]
    assert found(fresh_db, "周杰伦") == [] and sorted(found(fresh_db, "吴芳")) == [hua, bao]
    person = get_staff(fresh_db, wu)
    person.name = "吴芳芳"
    save_staff(fresh_db, person)
    assert sorted(found(fresh_db, "吴芳芳")) == [hua, bao]
    delete_client(fresh_db, bao)
    assert found(fresh_db, "bluewave") == []
    assert fresh_db.execute("SELECT count(*) FROM client_search").fetchone()[0] == 1


def test_a_bulk_write_indexes_its_rows_once_at_the_end(fresh_db):
    zhou, wu, hua, bao = firm(fresh_db)
    with writing(fresh_db), suspended(fresh_db) as touched:
        fresh_db.execute("INSERT INTO clients (name) VALUES ('批量导入甲')")
        fresh_db.execute("UPDATE clients SET name = '改名乙' WHERE id = ?", [bao])
        touched.add(bao)
        assert found(fresh_db, "批量导入") == []  # not yet: the triggers are quiet
    assert len(found(fresh_db, "批量导入")) == 1 and found(fresh_db, "改名乙") == [bao]
    assert found(fresh_db, "bluewave") == []
    reindex(fresh_db, [hua])
    assert found(fresh_db, "华为") == [hua]
