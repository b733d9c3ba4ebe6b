"""Demo logins: one account for every role, scoped the way a real bureau would scope it."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import timezone, translation

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment, User
from qunying.core.services import log_action
from qunying.demo.org import BUREAU
from qunying.org.enums import PersonCategory
from qunying.org.models import Person, Unit
from qunying.org.services import update_person

DEMO_PASSWORD = "Qunying@2026"  # noqa: S105  (published in the README: demo data only)

# (username, full name, role, unit name; None = the bureau)
DEMO_USERS = [
    ("zhengzhichu", "政治处演示账号", Role.POLITICAL_OFFICER, None),
    ("lingdao", "局领导演示账号", Role.LEADER, None),
    ("bantang", "半汤派出所所长", Role.UNIT_MANAGER, "半汤派出所"),
    ("pingwei", "评委演示账号", Role.JUDGE, None),
    ("xuanchuan", "宣传干部演示账号", Role.PUBLICITY_EDITOR, None),
    ("guanai", "关爱专员演示账号", Role.CARE_OFFICER, None),
    ("minjing", "民警演示账号", Role.MEMBER, "半汤派出所"),
    ("sysadmin", "系统管理员", Role.SYS_ADMIN, None),
    ("secadmin", "安全管理员", Role.SECURITY_ADMIN, None),
    ("auditor", "安全审计员", Role.AUDIT_ADMIN, None),
]


def load(stdout) -> None:
    bureau = Unit.objects.get(name=BUREAU, parent=None)
    units = {unit.name: unit for unit in Unit.objects.filter(path__startswith=bureau.path)}
    for username, full_name, role, unit_name in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
        # Demo passwords are public: refreshing them keeps the demo usable past the 90-day expiry.
        user.set_password(DEMO_PASSWORD)
        user.password_changed_at = timezone.now()
        user.must_change_password = False
        user.is_active = True
        user.save(update_fields=["password", "password_changed_at", "must_change_password", "is_active"])
        unit = units[unit_name] if unit_name else bureau
        assignment, assigned = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        if created or assigned:
            log_action(assignment, "accounts.demo.account_loaded", by=None, data={"username": username, "role": role})
    link_demo_people(units)
    # The system administrator keeps the working calendar's overrides in the admin site (/admin/).
    sysadmin = User.objects.get(username="sysadmin")
    sysadmin.is_staff = True
    sysadmin.save(update_fields=["is_staff"])
    sysadmin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="core", codename__endswith="calendaroverride")
    )


FRAME = "═" * 60


def write_logins(stdout, usernames: list[str]) -> None:
    """The demo's logins in one framed block, each once, in Chinese: the last thing `qunying demo` prints, so that
    under `make run` it stands right above the server's address."""
    assignments = (
        RoleAssignment.objects.filter(user__username__in=usernames)
        .select_related("user", "unit")
        .order_by("user__username", "pk")
    )
    first = {}
    for assignment in assignments:
        first.setdefault(assignment.user.username, assignment)
    with translation.override("zh-hans"):
        stdout.write(f"\n{FRAME}\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username in usernames:
            if username in first:
                assignment = first[username]
                stdout.write(f"  {username:<12} {Role(assignment.role).label}（{assignment.unit.name}）")
        write_two_factor_note(stdout)
        stdout.write(FRAME)


def write_two_factor_note(stdout) -> None:
    """Say whether these logins will be asked for an authenticator code (`make run` leaves it optional)."""
    with translation.override("zh-hans"):  # the note is in Chinese, and so are the role names in it
        required = [str(Role(code).label) for code in settings.QUNYING_2FA_ROLES if code in Role.values]
    if required:
        stdout.write(
            f"\n两步验证：{'、'.join(required)} 输入密码后须在 /accounts/2fa/ "
            "用手机身份验证器（TOTP）绑定并输入验证码；仅作演示时可设 QUNYING_2FA_ROLES= （空）关闭强制。"
        )
    else:
        stdout.write(
            "\n两步验证：本次运行未对任何角色强制（QUNYING_2FA_ROLES 为空，make run 的演示默认如此），"
            "各账号可在账号菜单“两步验证”中自愿开启；正式部署默认要求三员与政治处。"
        )


def link_demo_people(units: dict[str, Unit]) -> None:
    """The member and the station head are officers of 半汤派出所: their accounts open their own records."""
    station = units["半汤派出所"]
    for username, category in (("bantang", PersonCategory.POLICE), ("minjing", PersonCategory.POLICE)):
        user = User.objects.get(username=username)
        if Person.objects.filter(user=user).exists():
            continue
        person = (
            Person.objects.filter(unit=station, category=category, user__isnull=True, status="active")
            .order_by("badge_number")
            .first()
        )
        if person is not None:
            update_person(person, by=None, user=user)
