"""A believable demo firm: about 12 staff and 300 clients, the same every time."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from churnguard_gui.core.models import Client, Contact, Staff

_STAFF = (
    ("钱建国", "总经理", "管理层", 38000, True),
    ("李静", "销售总监", "销售部", 26000, True),
    ("周杰", "高级销售经理", "销售部", 18000, True),
    ("吴芳", "销售经理", "销售部", 15000, True),
    ("郑浩", "销售代表", "销售部", 9000, False),
    ("孙丽", "销售代表", "销售部", 8500, False),
    ("马超", "销售代表", "销售部", 8000, False),
    ("David Chen", "Key Account Manager", "销售部", 16000, True),
    ("Emily Wang", "销售代表", "销售部", 9500, False),
    ("王磊", "技术总监", "技术部", 24000, True),
    ("赵敏", "客服主管", "客服部", 9000, False),
    ("刘洋", "销售助理", "销售部", 6500, False),
)
_SELLERS = (2, 3, 4, 5, 6, 7, 8, 11)
_DISTRICTS = ("高新区", "开发区", "工业园", "中心区")
_PLACES = ("深圳", "广州", "东莞", "佛山", "上海", "苏州", "杭州", "宁波")
_WORDS = ("华", "兴", "盛", "达", "信", "恒", "源", "鑫", "德", "瑞", "嘉", "安", "丰", "泰", "宏", "远")
_TRADES = (("电子", "电子制造"), ("五金", "五金机械"), ("化工", "化工材料"), ("印务", "包装印刷"),
           ("塑胶", "塑料制品"), ("物流", "物流运输"), ("贸易", "进出口贸易"), ("科技", "软件信息"))
_EN_FIRMS = ("Pacific Components Ltd", "Northstar Trading Co", "Bluewave Logistics", "Greenfield Plastics",
             "Summit Electronics", "Harbor Packaging", "Orion Chemicals", "Evergreen Hardware")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡林郭何高罗"
_TITLES = ("经理", "主任", "总", "小姐", "先生", "采购经理", "厂长")
_EN_CONTACTS = ("Michael Lee", "Sarah Lin", "Kevin Ho", "Grace Tan", "Peter Wong", "Linda Zhou")
_HABITS = ("每月初下单，偏好小批量多批次", "季度集中采购，年底冲量", "要求48小时内交货，常用顺丰",
           "Orders quarterly, consolidates shipments to save freight", "按项目采购，需提前打样确认")
_PRICES = ("年框协议价，单价下浮5%，月结60天", "现款现货，量大另议", "阶梯价：满10万返2%",
           "Net 45, 3% volume rebate above ¥500k", "含税价，季度调价一次")
_NEEDS = ("明年计划扩产，关注新型号", "希望降低采购成本，考虑替代供应商", "计划进入华东市场，需要本地仓",
          "Evaluating a second supplier for risk reasons", "对交期非常敏感，需要稳定供应")


@dataclass
class DemoClient:
    client: Client
    owner: int  # index into the staff list
    backups: tuple[int, ...]
    manager: int | None


def demo_firm(today: dt.date | None = None, clients: int = 300, seed: int = 8) -> tuple[list[Staff], list[DemoClient]]:
    today = today or dt.date.today()
    rng = random.Random(seed)
    staff = []
    for i, (name, role, dept, wage, secret) in enumerate(_STAFF):
        hired = today - dt.timedelta(days=rng.randint(200, 4000) if i else 5800)
        phone = f"139{rng.randint(10**7, 10**8 - 1)}"
        email = f"{name.split()[0].lower()}@example.com" if name.isascii() else f"staff{i + 1}@example.com"
        staff.append(Staff(name=name, role=role, department=dept, phone=phone, email=email,
                           hire_date=hired.isoformat(), monthly_wage=wage, secret_access=secret,
                           manager_id=None))
    staff[5].status = "notice"
    staff[5].notice_date = (today - dt.timedelta(days=6)).isoformat()
    staff[5].last_day = (today + dt.timedelta(days=24)).isoformat()
    out: list[DemoClient] = []
    used: set[str] = set()
    for n in range(clients):
        owner = rng.choice(_SELLERS)
        if n % 37 == 5:
            name = _EN_FIRMS[n % len(_EN_FIRMS)] + f" ({rng.choice(_PLACES)})"
            contact = rng.choice(_EN_CONTACTS)
            trade, industry = "", "International trade"
        else:
            trade, industry = rng.choice(_TRADES)
            name = f"{rng.choice(_PLACES)}{rng.choice(_WORDS)}{rng.choice(_WORDS)}{trade}有限公司"
            contact = rng.choice(_SURNAMES) + rng.choice(_TITLES)
        while name in used:
            name = name.replace("有限公司", "") + rng.choice(_WORDS) + "有限公司"
        used.add(name)
        value = int(rng.lognormvariate(12, 1.0)) // 1000 * 1000
        tier = "A" if value >= 500_000 else "B" if value >= 120_000 else "C"
        last = today - dt.timedelta(days=rng.randint(0, 200))
        client = Client(
            code=f"KH{n + 1:05d}", name=name, industry=industry, tier=tier, annual_value=value,
            status=rng.choices(("active", "prospect", "dormant"), (90, 6, 4))[0],
            address=f"{rng.choice(_PLACES)}市{rng.choice(_DISTRICTS)}{rng.randint(1, 300)}号",
            trading_habits=rng.choice(_HABITS) if tier != "C" else "",
            price_terms=rng.choice(_PRICES) if tier != "C" else "",
            needs=rng.choice(_NEEDS) if tier == "A" else "",
            contract_start=(today - dt.timedelta(days=rng.randint(30, 900))).isoformat(),
            contract_end=(today + dt.timedelta(days=rng.randint(-30, 500))).isoformat(),
            last_contact=last.isoformat(),
            last_manager_visit=(today - dt.timedelta(days=rng.randint(20, 400))).isoformat()
            if tier == "A" else None,
        )
        client.contacts.append(Contact(name=contact, title="采购" if not contact.isascii() else "Purchasing",
                                       phone=f"0755-{rng.randint(2000000, 8999999)}",
                                       email=f"buyer{n}@example.com", is_primary=True))
        if tier == "A":
            client.contacts.append(Contact(name=rng.choice(_SURNAMES) + "总", title="总经理",
                                           phone=f"138{rng.randint(10**7, 10**8 - 1)}"))
        backups = tuple(b for b in rng.sample(_SELLERS, 2) if b != owner)[: 1 if tier != "C" and n % 3 else 0]
        out.append(DemoClient(client, owner, backups, 1 if tier == "A" else None))
    return staff, out


# -- what the Risk tab needs to show something in every tile (kept apart from the firm above)
@dataclass(frozen=True)
class DemoRisk:
    """Agreements, a former employee under a paid non-compete, a started handover and warning signs."""

    confidentiality_signed: tuple[int, ...]  # staff indexes with a signed confidentiality + non-compete ("both")
    former: int  # staff index of the technical director who left; non-compete running
    former_notice: str
    former_last_day: str
    former_months: int
    former_compensation: int
    former_paid: tuple[int, ...]  # instalment numbers paid
    signs: tuple[tuple[int, str, int, str], ...]  # (staff index, kind, days ago, note)
    tasks_done: int  # of the exit checklist of the person on notice


def demo_risk(today: dt.date | None = None) -> DemoRisk:
    today = today or dt.date.today()
    return DemoRisk(
        confidentiality_signed=(0, 1, 3),
        former=9, former_notice=(today - dt.timedelta(days=105)).isoformat(),
        former_last_day=(today - dt.timedelta(days=75)).isoformat(), former_months=12, former_compensation=7200,
        former_paid=(1,),
        signs=((6, "asked_about_leaving", 12, "问过同行的提成比例，打听离职流程"),
               (6, "competitor_contact", 30, "客户反映他和某竞争对手的销售总监一起吃饭"),
               (8, "falling_results", 20, "连续两个季度回款下降三成"),
               (7, "key_clients_unvisited", 45, "三家A类客户超过半年没有高层拜访")),
        tasks_done=3)
