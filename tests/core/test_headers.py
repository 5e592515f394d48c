"""Headers of Chinese and English exports map to our fields."""
from __future__ import annotations

import pytest

from churnguard_gui.core.errors import InputError
from churnguard_gui.core.headers import guess_field, map_columns, parse_map_option


@pytest.mark.parametrize("header, field", [
    ("客户名称", "name"), ("公司名称", "name"), ("Customer Name", "name"), ("联系人", "contact"), ("手机", "phone"),
    ("电话", "phone"), ("电子邮箱", "email"), ("E-mail", "email"), ("地址", "address"), ("行业", "industry"),
    ("客户等级", "tier"), ("年销售额", "annual_value"), ("合同金额(万元)", "annual_value"), ("负责销售", "owner"),
    ("所属销售", "owner"), ("业务员", "owner"), ("客户经理", "owner"), ("客户编号", "code"),
    ("最近联系日期", "last_contact"), ("备注", "notes"), ("签约日期", "contract_start"), ("Annual value (¥)", "annual_value"),
])
def test_client_headers(header, field):
    assert guess_field(header, "clients") == field


def test_units_in_headers_multiply_money():
    columns, _ = map_columns(["客户名称", "合同金额（万元）"], "clients")
    assert columns[1].field == "annual_value" and columns[1].multiplier == 10000
    columns, _ = map_columns(["客户名称", "年销售额(元)"], "clients")
    assert columns[1].multiplier == 1


def test_unknown_headers_are_listed_and_overrides_win():
    columns, unmapped = map_columns(["客户名称", "开票抬头", "合同额X"], "clients", {"合同额X": "annual_value"})
    assert [c.field for c in columns] == ["name", "annual_value"]
    assert unmapped == ["开票抬头"]


def test_map_option_errors_name_the_problem():
    assert parse_map_option("合同额X=annual_value", "clients") == ("合同额X", "annual_value")
    assert parse_map_option("开票抬头=-", "clients") == ("开票抬头", None)
    with pytest.raises(InputError, match="not a field"):
        parse_map_option("a=nonsense", "clients")
    with pytest.raises(InputError, match="HEADER=FIELD"):
        parse_map_option("no-equals", "clients")
    with pytest.raises(InputError, match="no column 不存在"):
        map_columns(["客户名称"], "clients", {"不存在": "notes"})


def test_the_kind_of_a_file_is_guessed_from_its_headers():
    from churnguard_gui.core.headers import guess_kind

    assert guess_kind(["姓名", "职位", "部门", "入职日期", "手机"]) == "staff"
    assert guess_kind(["公司名称", "联系人", "电话", "所属销售", "合同金额"]) == "clients"
    assert guess_kind(["Name", "Role", "Department"]) == "staff"
    assert guess_kind(["Name", "Owner", "Value"]) == "clients"


from churnguard_gui.core.headers import CLIENT_ALIASES, STAFF_ALIASES, normalise  # noqa: E402

# Header rows as real exports and import templates write them (CRM, ERP customer masters, order systems, Excel).
REAL_HEADERS = [
    (["客户名称", "联系人", "联系电话", "联系地址", "销售员", "客户来源", "备注信息", "最后跟进时间"],
     ["name", "contact", "phone", "address", "owner", "source", "notes", "last_contact"]),
    (["企业名称", "所属员工", "通讯地址", "最近跟进", "手机号码", "客户等级"],
     ["name", "owner", "address", "last_contact", "phone", "tier"]),
    (["单位", "业务员", "客户地址", "备注", "成交金额(万元)"], ["name", "owner", "address", "notes", "annual_value"]),
    (["*客户名称(必填)", "跟进人", "电话【选填】", "邮箱", "所属行业"], ["name", "owner", "phone", "email", "industry"]),
    (["客户编码", "往来单位名称", "专管业务员", "付款方式", "合同到期日"],
     ["code", "name", "owner", "price_terms", "contract_end"]),
    (["Account Name", "Account Owner", "Billing Street", "Lead Source", "Description", "Last Activity"],
     ["name", "owner", "address", "source", "notes", "last_contact"]),
    (["Company name", "Company owner", "Phone Number", "Original Source", "Last Contacted"],
     ["name", "owner", "phone", "source", "last_contact"]),
    (["Customer No.", "Customer", "Sales Rep", "E-mail", "Memo"], ["code", "name", "owner", "email", "notes"]),
]


@pytest.mark.parametrize("headers, fields", REAL_HEADERS)
def test_header_rows_of_real_exports(headers, fields):
    assert [guess_field(h, "clients") for h in headers] == fields


@pytest.mark.parametrize("table", [CLIENT_ALIASES, STAFF_ALIASES])
def test_the_synonym_table_is_normalised_and_each_header_means_one_field(table):
    seen: dict[str, str] = {}
    for field, names in table.items():
        for name in names:
            assert normalise(name) == name, name  # written as it will be compared
            assert seen.setdefault(name, field) == field, f"{name} means {seen[name]} and {field}"


def test_staff_headers_of_hr_exports():
    headers = ["员工姓名", "部门名称", "岗位名称", "直属领导", "员工状态", "入职时间", "备注信息"]
    assert [guess_field(h, "staff") for h in headers] == ["name", "department", "role", "manager", "status",
                                                          "hire_date", "notes"]
