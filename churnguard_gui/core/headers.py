"""Mapping column headers from Chinese and English exports to our fields, units included."""
from __future__ import annotations

import re
from dataclasses import dataclass

from churnguard_gui.core.errors import InputError
from churnguard_gui.core.fields import CLIENT_IMPORT_FIELDS, FIELD_LABELS, MONEY_FIELDS, STAFF_IMPORT_FIELDS
from churnguard_gui.core.values import clean_text
from churnguard_gui.i18n import tr

# The synonym table: every header (normalised: no spaces, _ - : * . #, lower case, marks such as "(必填)"
# removed) that real exports and import templates use for a field. Collected from Excel lists kept by
# hand, Chinese CRMs (纷享销客, 销售易, 悟空CRM, 简道云, 企业微信客户), ERP customer masters (金蝶, 用友:
# 往来单位, 专管业务员) and Salesforce / HubSpot / Zoho exports. A header must mean one field only (a test
# checks it); to add one, append it to its field's tuple. Unknown headers are listed for the user, never guessed.
CLIENT_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("客户编号", "客户代码", "客户编码", "编号", "编码", "客户号", "往来单位编码", "单位编码", "客户id",
             "code", "clientcode", "customercode", "customerid", "customerno", "accountnumber", "accountid", "id",
             "no"),
    "name": ("客户名称", "公司名称", "客户", "单位名称", "企业名称", "单位", "客户全称", "公司全称", "企业全称",
             "往来单位", "往来单位名称", "购货单位", "客户单位", "名称", "name", "client", "clientname", "customer",
             "customername", "company", "companyname", "account", "accountname", "organization",
             "organisation", "organizationname"),
    "industry": ("行业", "所属行业", "客户行业", "行业类型", "行业分类", "industry", "sector"),
    "tier": ("客户等级", "等级", "级别", "客户级别", "客户分级", "重要程度", "tier", "grade", "level", "rating",
             "customerlevel", "accountrating"),
    "annual_value": ("年销售额", "合同金额", "年度金额", "销售额", "年采购额", "金额", "合同额", "成交金额",
                     "年成交额", "年度合同额", "年度销售额", "value", "annualvalue", "amount", "revenue", "sales",
                     "contractvalue", "dealvalue"),
    "status": ("客户状态", "状态", "合作状态", "status", "accountstatus", "customerstatus"),
    "address": ("地址", "公司地址", "详细地址", "联系地址", "客户地址", "通讯地址", "办公地址", "单位地址",
                "企业地址", "公司详细地址", "address", "street", "billingaddress", "billingstreet",
                "mailingaddress", "companyaddress", "streetaddress"),
    "owner": ("负责销售", "所属销售", "业务员", "客户经理", "销售", "负责人", "销售代表", "跟进人", "销售员",
              "所属员工", "销售人员", "业务代表", "业务负责人", "客户负责人", "归属人", "所属人", "专管业务员",
              "销售负责人", "跟进销售", "跟进员工", "归属销售", "所属业务员", "owner", "salesperson", "salesrep",
              "accountmanager", "accountowner", "rep", "ownername", "companyowner", "contactowner", "assignedto",
              "salesowner"),
    "contact": ("联系人", "客户联系人", "联系人姓名", "主联系人", "首要联系人", "contact", "contactname",
                "contactperson", "primarycontact"),
    "phone": ("手机", "电话", "联系电话", "手机号", "手机号码", "电话号码", "联系方式", "联系人电话", "联系人手机",
              "座机", "固定电话", "办公电话", "公司电话", "phone", "mobile", "tel", "telephone", "phonenumber",
              "mobilephone", "workphone", "businessphone"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "联系人邮箱", "email", "mail", "emailaddress"),
    "trading_habits": ("交易习惯", "采购习惯", "下单习惯", "采购周期", "tradinghabits", "habits"),
    "price_terms": ("价格条款", "价格", "报价", "付款条件", "付款方式", "结算方式", "账期", "priceterms",
                    "pricing", "terms", "paymentterms"),
    "needs": ("需求", "客户需求", "意向", "购买意向", "意向产品", "需求描述", "needs", "intentions"),
    "contract_start": ("签约日期", "合同开始", "合同开始日期", "合同起始日期", "合同生效日期", "签约时间",
                       "签订日期", "contractstart", "signed", "signeddate", "contractdate", "contractstartdate"),
    "contract_end": ("合同到期", "合同结束", "合同到期日", "到期日期", "合同截止日期", "合同结束日期", "合同到期日期",
                     "到期时间", "contractend", "renewal", "renewaldate", "expiry", "contractenddate"),
    "last_contact": ("最近联系日期", "最近联系", "最后联系", "上次联系", "最后跟进时间", "最近跟进", "最近跟进时间",
                     "最后跟进日期", "最后跟进", "上次跟进时间", "最近联系时间", "最后联系时间", "最近拜访日期",
                     "lastcontact", "lastcontacted", "lastcontactdate", "lastactivity", "lastactivitydate"),
    "last_manager_visit": ("最近高层拜访", "高层拜访", "经理拜访", "lastmanagervisit", "managervisit"),
    "source": ("客户来源", "来源", "线索来源", "获客渠道", "来源渠道", "渠道来源", "客户渠道", "source",
               "leadsource", "originalsource", "channel"),
    "notes": ("备注", "说明", "备注信息", "客户备注", "描述", "客户描述", "附注", "notes", "note", "remarks",
              "comment", "comments", "description", "memo"),
    # The client team beyond the owner (tactic 9): several names in one cell, split by core.team_names.
    "backups": ("协助销售", "协同销售", "备份负责人", "备份销售", "备份", "协助人", "协办人", "辅助销售", "副负责人",
                "backup", "backups", "backupsales", "backupsalesperson", "backupowner", "secondaryowner"),
    "manager": ("主管", "客户主管", "负责主管", "销售主管", "主管领导", "manager", "clientmanager", "supervisor"),
}
STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "员工姓名", "名字", "员工", "name", "staff", "employee", "fullname", "employeename"),
    "role": ("职位", "岗位", "职务", "职位名称", "岗位名称", "role", "title", "position", "jobtitle"),
    "department": ("部门", "所属部门", "部门名称", "department", "dept", "team"),
    "phone": ("手机", "电话", "联系电话", "手机号", "手机号码", "phone", "mobile", "tel"),
    "email": ("邮箱", "电子邮箱", "企业邮箱", "email", "mail", "workemail"),
    "hire_date": ("入职日期", "入职时间", "hiredate", "startdate", "hired", "joined", "dateofhire"),
    "status": ("状态", "在职状态", "员工状态", "status", "employmentstatus"),
    "manager": ("上级", "直属上级", "经理", "直属领导", "汇报对象", "manager", "reportsto", "supervisor"),
    "monthly_wage": ("月薪", "工资", "月工资", "平均月工资", "monthlywage", "wage", "salary", "monthlysalary"),
    "secret_access": ("接触商业秘密", "是否接触商业秘密", "涉密", "是否涉密", "商业秘密", "secretaccess",
                      "tradesecrets", "accesstosecrets"),
    "notice_date": ("提出离职日期", "离职申请日期", "noticedate", "resignationdate"),
    "last_day": ("最后工作日", "离职日期", "lastday", "lastworkingday", "leavingdate"),
    "notes": ("备注", "备注信息", "notes", "remarks"),
}
# Marks import templates put on a header: "*客户名称", "客户名称(必填)", "电话【选填】".
_MARKS_RE = re.compile(r"[(（\[【]\s*(必填|选填|可选|required|optional)\s*[)）\]】]", re.IGNORECASE)
_UNIT_RE = re.compile(r"[(（\[【]\s*(万元|万|元|rmb|yuan|¥|cny|10k)\s*[)）\]】]\s*$", re.IGNORECASE)
_UNIT_MULTIPLIER = {"万元": 10000, "万": 10000, "10k": 10000}


@dataclass(frozen=True)
class ColumnMap:
    """Where a field comes from: the column index, its header, and a unit multiplier for money."""

    field: str
    index: int
    header: str
    multiplier: int = 1


def normalise(header: str) -> str:
    return re.sub(r"[\s_\-:：*.#]+", "", _MARKS_RE.sub("", clean_text(header))).lower()


def split_unit(header: str) -> tuple[str, int]:
    """('合同金额', 10000) from '合同金额(万元)'."""
    text = clean_text(header)
    match = _UNIT_RE.search(text)
    if not match:
        return text, 1
    return text[: match.start()].strip(), _UNIT_MULTIPLIER.get(match.group(1).lower(), 1)


def fields_for(kind: str) -> tuple[str, ...]:
    return CLIENT_IMPORT_FIELDS if kind == "clients" else STAFF_IMPORT_FIELDS


def guess_field(header: str, kind: str) -> str | None:
    """The field a header means, or None."""
    base, _ = split_unit(header)
    key = normalise(base)
    aliases = CLIENT_ALIASES if kind == "clients" else STAFF_ALIASES
    for field, names in aliases.items():
        if key in names or key == field.replace("_", ""):
            return field
    for field in aliases:  # our own export headers, in English or in the app's language
        label = FIELD_LABELS.get(field, field)
        if key in (normalise(split_unit(label)[0]), normalise(split_unit(tr(label))[0])):
            return field
    return None


def guess_kind(headers: list[str]) -> str:
    """'staff' when the columns look like a staff list (a 姓名/name column and no client name column)."""
    fields = {guess_field(h, "clients") for h in headers}
    staff_fields = {guess_field(h, "staff") for h in headers}
    looks_like_staff = {"role", "department", "hire_date"} & staff_fields
    return "staff" if looks_like_staff and "owner" not in fields and "annual_value" not in fields else "clients"


def parse_map_option(option: str, kind: str) -> tuple[str, str | None]:
    """('合同额(万)', 'annual_value') from '合同额(万)=annual_value'; FIELD may be '-' to ignore."""
    header, sep, field = option.rpartition("=")
    header, field = header.strip(), field.strip()
    if not sep or not header or not field:
        raise InputError("bad_mapping", value=option)
    if field in ("-", "ignore", "none"):
        return header, None
    if field not in fields_for(kind):
        raise InputError("unknown_field", value=field, details={"choices": ", ".join(fields_for(kind))})
    return header, field


def map_columns(headers: list[str], kind: str, overrides: dict[str, str | None] | None = None
                ) -> tuple[list[ColumnMap], list[str]]:
    """The column map and the headers left unmapped. Overrides win; the first column for a field wins."""
    overrides = overrides or {}
    wanted = {normalise(h): f for h, f in overrides.items()}
    known = {normalise(h) for h in headers}
    for header in overrides:
        if normalise(header) not in known:
            raise InputError("unknown_header", value=header)
    columns: list[ColumnMap] = []
    taken: set[str] = set()
    unmapped: list[str] = []
    for index, header in enumerate(headers):
        key = normalise(header)
        field = wanted[key] if key in wanted else guess_field(header, kind)
        if field is None or field in taken:
            if clean_text(header):
                unmapped.append(clean_text(header))
            continue
        taken.add(field)
        multiplier = split_unit(header)[1] if field in MONEY_FIELDS else 1
        columns.append(ColumnMap(field, index, clean_text(header), multiplier))
    return columns, unmapped
