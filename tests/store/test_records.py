"""Staff and clients: one owner per client, history of owner changes, refused deletes."""
from __future__ import annotations

import sqlite3

import pytest

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import Client, Contact, Staff, TeamMember
from churnguard_gui.store.clients import get_client, ownership_history, save_client
from churnguard_gui.store.staff import delete_staff, find_staff, save_staff


def make_staff(db, *names):
    return [save_staff(db, Staff(name=n, role="销售代表")) for n in names]


def test_client_round_trip_with_contacts_team_and_deep_fields(fresh_db):
    zhou, wu = make_staff(fresh_db, "周杰", "吴芳")
    client = Client(code="KH1", name="南诚化工", tier="A", annual_value=890000, trading_habits="每月初下单",
                    price_terms="月结60天", needs="扩产",
                    contacts=[Contact(name="刘经理", phone="0755-8135093", is_primary=True)],
                    team=[TeamMember(zhou, "owner"), TeamMember(wu, "backup")])
    client_id = save_client(fresh_db, client, today="2026-01-05")
    loaded = get_client(fresh_db, client_id)
    assert (loaded.name, loaded.annual_value, loaded.price_terms) == ("南诚化工", 890000, "月结60天")
    assert [c.name for c in loaded.contacts] == ["刘经理"]
    assert set(loaded.team) == {TeamMember(zhou, "owner"), TeamMember(wu, "backup")}
    assert ownership_history(fresh_db, client_id) == [("2026-01-05", "", "周杰", "edit")]


def test_owner_change_is_written_to_history(fresh_db):
    zhou, wu = make_staff(fresh_db, "周杰", "吴芳")
    client_id = save_client(fresh_db, Client(name="甲", team=[TeamMember(zhou, "owner")]), today="2026-01-01")
    client = get_client(fresh_db, client_id)
    client.team = [TeamMember(wu, "owner")]
    save_client(fresh_db, client, reason="territory rotation", today="2026-02-01")
    assert ownership_history(fresh_db, client_id)[-1] == ("2026-02-01", "周杰", "吴芳", "territory rotation")


def test_two_owners_refused_by_rule_and_by_database(fresh_db):
    zhou, wu = make_staff(fresh_db, "周杰", "吴芳")
    with pytest.raises(StoreError, match="exactly one owner"):
        save_client(fresh_db, Client(name="甲", team=[TeamMember(zhou, "owner"), TeamMember(wu, "owner")]))
    client_id = save_client(fresh_db, Client(name="甲", team=[TeamMember(zhou, "owner")]))
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("INSERT INTO client_team (client_id, staff_id, role) VALUES (?, ?, 'owner')", [client_id, wu])


def test_active_client_needs_an_owner_but_a_prospect_does_not(fresh_db):
    with pytest.raises(StoreError) as info:
        save_client(fresh_db, Client(name="甲"))
    assert info.value.field == "owner"
    assert save_client(fresh_db, Client(name="乙", status="prospect"))


def test_duplicate_code_refused_and_nothing_changed(fresh_db):
    (zhou,) = make_staff(fresh_db, "周杰")
    save_client(fresh_db, Client(code="K1", name="甲", team=[TeamMember(zhou, "owner")]))
    with pytest.raises(StoreError) as info:
        save_client(fresh_db, Client(code="K1", name="乙", team=[TeamMember(zhou, "owner")]))
    assert info.value.field == "code" and "already used" in str(info.value)
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 1


def test_staff_owning_clients_cannot_be_deleted(fresh_db):
    zhou, wu = make_staff(fresh_db, "周杰", "吴芳")
    save_client(fresh_db, Client(name="南诚化工", team=[TeamMember(zhou, "owner"), TeamMember(wu, "backup")]))
    with pytest.raises(StoreError) as info:
        delete_staff(fresh_db, zhou)
    assert "周杰 still owns 1 client (南诚化工)" in str(info.value)  # one client, singular
    delete_staff(fresh_db, wu)  # a backup may go; the link goes with them
    assert fresh_db.execute("SELECT count(*) FROM client_team").fetchone()[0] == 1
    assert fresh_db.execute("SELECT action FROM audit_log").fetchall() == [("delete_staff",)]


def test_find_staff_by_name_or_id(fresh_db):
    zhou, _ = make_staff(fresh_db, "周杰", "David Chen")
    assert find_staff(fresh_db, "周杰") == zhou
    assert find_staff(fresh_db, "david  chen") == zhou + 1
    assert find_staff(fresh_db, str(zhou)) == zhou
    with pytest.raises(StoreError, match="not found"):
        find_staff(fresh_db, "nobody")


def test_failed_transaction_leaves_nothing(fresh_db):
    (zhou,) = make_staff(fresh_db, "周杰")
    from churnguard_gui.store.clients import write_client
    from churnguard_gui.store.db import writing

    with pytest.raises(RuntimeError), writing(fresh_db):
        write_client(fresh_db, Client(name="甲", team=[TeamMember(zhou, "owner")]), "edit")
        raise RuntimeError("power cut")
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM ownership_history").fetchone()[0] == 0
