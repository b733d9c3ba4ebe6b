"""The registry of to-do items on the signed-in home page ("待办"): each app declares, from its AppConfig.ready(), what
waits for a user in it (deeds awaiting their verification, reviews to score, callbacks overdue…) as a queryset scoped
through the app's policy, and the filtered list that shows those rows. Core counts them: one query per item a user
may have, none for an item whose permission they do not hold, and items at zero collapse."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils.functional import Promise

Rows = Callable[[object], QuerySet]


@dataclass(frozen=True)
class TodoItem:
    key: str
    label: str | Promise  # a count follows it: "待我核实的事迹 3"
    permission: str  # asked without an object (no query): may the user do this kind of work at all?
    url_name: str
    query: str  # the list's filter, e.g. "status=proposed"
    icon: str
    order: int
    rows: Rows
    deadline: str = ""  # a date field of the rows: the nearest one is shown beside the count


REGISTRY: dict[str, TodoItem] = {}


def todo_item(
    key: str,
    label,
    *,
    permission: str,
    url_name: str,
    query: str = "",
    icon: str = "check2-square",
    order: int = 50,
    deadline: str = "",
):
    """Register the decorated `rows(user) -> QuerySet` as the to-do item `key`."""

    def register(rows: Rows) -> Rows:
        REGISTRY[key] = TodoItem(key, label, permission, url_name, query, icon, order, rows, deadline)
        return rows

    return register


def todos_for(user) -> list[dict]:
    """The user's open to-do items, in declared order, each {"key", "label", "count", "url", "icon", "deadline"};
    none at zero. Counted distinct: a policy's filter may join to-many rows."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for item in sorted(REGISTRY.values(), key=lambda entry: (entry.order, entry.key)):
        if not user.has_perm(item.permission):
            continue
        summary = item.rows(user).aggregate(
            count=Count("pk", distinct=True), **({"deadline": Min(item.deadline)} if item.deadline else {})
        )
        if not summary["count"]:
            continue
        url = reverse(item.url_name)
        items.append(
            {
                "key": item.key,
                "label": item.label,
                "count": summary["count"],
                "url": f"{url}?{item.query}" if item.query else url,
                "icon": item.icon,
                "deadline": summary.get("deadline"),
            }
        )
    return items


def todo_count(user, key: str) -> int:
    """One item's count (a menu entry's badge): one query, none without the item's permission."""
    item = REGISTRY.get(key)
    if item is None or not user.has_perm(item.permission):
        return 0
    return item.rows(user).aggregate(count=Count("pk", distinct=True))["count"]
