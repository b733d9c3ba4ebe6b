"""A synthetic province for measuring every page at city and province scale (`qunying generate-province`).

province → cities → counties → stations (16, 100 and 1,500 at 200,000 people), people with valid invented ID
numbers, about ten deeds and one honour each, K citizen replies per officer, and the workflows around them. Rows are
written in bulk through the models (encrypted fields encrypted, blind indexes computed by their fields) with the
audit entries their services would have written, chained. Seeded: the same seed builds the same province, and a second
run finds it and adds nothing. Product code never imports this package."""

import random
import time
from collections import defaultdict

from django.core.management import call_command, get_commands
from django.db import transaction

from qunying.core import planner
from qunying.demo.province import org, ratings, records, workflows
from qunying.demo.province.bulk import AuditTrail
from qunying.org.models import Unit

DEFAULT_SEED = 2026


def login_prefix(seed: int) -> str:
    return "sheng" if seed == DEFAULT_SEED else f"sheng{seed}"


def badge_prefix(seed: int) -> str:
    """Two digits per seed: badge numbers (and incident numbers) of two provinces never collide."""
    return f"{seed % 90 + 10:02d}"


def generate(
    *, people: int, seed: int = DEFAULT_SEED, ratings_per_officer: int = 50, rebuild: bool = True, stdout=None
) -> dict:
    """Build the province into the configured database; returns the counts (empty when it already exists)."""
    write = stdout.write if stdout is not None else (lambda text: None)
    name = org.root_name(seed, DEFAULT_SEED)
    if Unit.objects.filter(name=name, parent=None).exists():
        write(f"{name} 已存在（种子 {seed}），本次未新增。")
        return {}
    rng = random.Random(seed)
    started, counts = time.monotonic(), {}

    def step(label: str, function, *args):
        began = time.monotonic()
        with transaction.atomic():
            result = function(*args)
            trail.flush()
        shown = result if isinstance(result, int | dict) and not isinstance(result, defaultdict) else ""
        write(f"  {label}：{shown}（{time.monotonic() - began:.1f} 秒）")
        return result

    prefix = badge_prefix(seed)
    trail = AuditTrail()
    with transaction.atomic():
        province = org.build_units(name, people, rng, trail)
        org.build_people(province, people, prefix, rng, trail)
        users = org.build_logins(province, login_prefix(seed), trail)
        trail.flush()
    counts["units"], counts["people"] = len(province.units), len(province.people)
    write(f"  单位 {counts['units']} 个，人员 {counts['people']} 人（{time.monotonic() - started:.1f} 秒）")
    verified_of = step("事迹", records.build_deeds, province, 10, rng, trail)
    counts["honours"] = step("荣誉", records.build_honours, province, verified_of, rng, trail)
    del verified_of
    counts["events"] = step("勤务活动", records.build_events, province, rng, trail)
    counts["forums"] = step("警民恳谈会", records.build_forums, province, rng, trail)
    counts["public_nominations"] = step("群众推荐", records.build_public_nominations, province, rng, trail)
    counts.update(step("服务记录与短信评价", ratings.build_ratings, province, ratings_per_officer, prefix, rng))
    counts.update(step("培养、评选、宣传、党支部、关爱", workflows.build_all, province, rng, trail))
    counts["audit_entries"] = trail.written
    if rebuild:
        _after_bulk_load(write)
    write(f"\n{name}：共用时 {time.monotonic() - started:.0f} 秒。登录账号（密码均为 {org.PASSWORD}）：")
    for _key, user in users.items():
        write(f"  {user.username:<20} {user.full_name}")
    return counts


def _after_bulk_load(write) -> None:
    """Summary tables are kept by the services as data arrives; bulk rows bypass them, so rebuild them once here."""
    if "rebuild-summaries" in get_commands():
        began = time.monotonic()
        call_command("rebuild-summaries")
        write(f"  汇总表已重建（{time.monotonic() - began:.1f} 秒）")
    began = time.monotonic()
    planner.refresh_statistics(everywhere=True)  # the pages are measured at once, before any autovacuum or daily pass
    write(f"  查询统计信息已更新（{time.monotonic() - began:.1f} 秒）")
