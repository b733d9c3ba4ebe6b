"""Declared authorisation: each app states once, per action, who (roles), over what (the object's unit subtree, or
their own records) and when (a state condition); this module derives from that one declaration the django-rules
permission, the list filter (`Q`) and the service check, so a page, a list and a service can never disagree.

    policy = Policy("deeds")
    policy.action(
        "verify_deed",
        over(Role.POLITICAL_OFFICER, Role.UNIT_MANAGER, unit="unit"),
        when=Q(status=DeedStatus.PROPOSED),
        reason=_("Only the unit's manager or the political department verifies a proposed deed."),
    )
    policy.filter(user, "verify_deed", Deed.objects.all())   # which ones?
    user.has_perm("deeds.verify_deed", deed)                  # may I? (views, {% has_perm %} in templates)
    policy.require(by, "verify_deed", deed)                   # services: PermissionDenied with the reason

A permission asked without an object ("deeds.verify_deed") answers "may this user do it to anything?": menus and list
pages ask it that way. State conditions are `Q` objects over the model's own fields (and foreign keys), evaluated in
SQL for lists and in Python for one object, so they are written once.
"""

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce

import rules
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

_CACHE_ATTR = "_qunying_role_assignments"
DEFAULT_REASON = _("You do not have permission to do this.")


# --- the user's roles and unit subtrees ------------------------------------------------------------------------------


def assignments_of(user) -> list:
    """The user's role assignments with their units, loaded once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # The reverse accessor of accounts.RoleAssignment: core names no model of a higher floor.
        cached = list(user.role_assignments.select_related("unit"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_assignments(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user) -> set[str]:
    return {assignment.role for assignment in assignments_of(user)}


def holds_at_root(user, roles: Iterable[str]) -> bool:
    """Holds one of `roles` over a root unit (the bureau itself), e.g. the bureau's political department."""
    wanted = set(roles)
    return any(a.role in wanted and a.unit.parent_id is None for a in assignments_of(user))


def scope_paths(user, roles: Iterable[str]) -> list[str]:
    """Unit paths the user covers through any of `roles`, with paths inside another listed path removed."""
    wanted = set(roles)
    paths = sorted({a.unit.path for a in assignments_of(user) if a.role in wanted})
    minimal: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def covers(user, roles: Iterable[str], unit_path: str) -> bool:
    return any(unit_path.startswith(path) for path in scope_paths(user, roles))


def covering_paths(unit_path: str) -> list[str]:
    """The paths of the unit at `unit_path` and of every unit above it, from the root down."""
    parts = unit_path.strip("/").split("/")
    return ["/" + "/".join(parts[:end]) + "/" for end in range(1, len(parts) + 1)]


def holders_over(unit_path: str, roles: Iterable[str]) -> QuerySet:
    """Active users holding one of `roles` over the unit at `unit_path` (on it or on a unit above it): the people an
    object of that unit may be assigned to or approved by."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=list(roles),
            role_assignments__unit__path__in=covering_paths(unit_path),
        )
        .distinct()
    )


def within(path_field: str, unit_path: str) -> Q:
    """Objects whose unit path (`path_field`, e.g. "unit__path") lies in the subtree at `unit_path`: the one place
    a subtree condition is written, so that its SQL shape can be tuned for indexes in one place: a path range that the
    path's index serves (`core.lookups.Prefix`), not a LIKE that reads every row.

    A wide subtree (the bureau, or a city under a province) is written as `unit IN (its units)` instead of a join on
    the range: the same rows, but SQLite, which cannot tell a wide range from a narrow one, then walks the list's
    order index and stops after a page (130 ms → 1 ms for the bureau's interactions at 2,000 people) instead of
    reading and sorting every row of the installation; a narrow subtree keeps the join, which reads only its rows."""
    if unit_path.count("/") <= WIDE_DEPTH + 2 and path_field.endswith("__path"):
        units = apps.get_model("org", "Unit").objects.filter(path__prefix=unit_path).values("pk")  # org is above core
        return Q(**{f"{path_field.removesuffix('__path')}__in": units})
    return Q(**{f"{path_field}__prefix": unit_path})


WIDE_DEPTH = 1  # subtrees rooted at this depth or above hold a large share of the rows


def within_any(model, path_fields: Iterable[str], unit_path: str) -> Q:
    """Objects of `model` whose unit lies in the subtree at `unit_path` by any of several routes (a deed's own unit or
    one of its people's): the ids of each route's rows, united, since an OR across two joins defeats every index."""
    return _union(model, [within(path_field, unit_path) for path_field in path_fields])


NOTHING = Q(pk__in=[])
# Every row, as a condition that survives `|`: Django drops an empty Q() from an OR, which would lose the grant.
EVERYTHING = Q(pk__isnull=False)


# --- state conditions: one Q, read by SQL and by Python --------------------------------------------------------------

_LOOKUPS: dict[str, Callable] = {
    "exact": operator.eq,
    "in": lambda value, options: value in options,
    "isnull": lambda value, wanted: (value is None) == wanted,
    "gt": lambda value, bound: value is not None and value > bound,
    "gte": lambda value, bound: value is not None and value >= bound,
    "lt": lambda value, bound: value is not None and value < bound,
    "lte": lambda value, bound: value is not None and value <= bound,
    "prefix": lambda value, prefix: value is not None and value.startswith(prefix),
}


def _follow(obj, parts: list[str], *, ids: bool = False) -> list:
    """The values at the end of a `__` path from `obj`; to-many steps fan out (prefetch them for lists)."""
    values = [obj]
    for index, part in enumerate(parts):
        found = []
        for value in values:
            if value is None:
                found.append(None)
                continue
            last = index == len(parts) - 1
            # A foreign key's id needs no query when only the id is compared.
            if ids and last and isinstance(value, Model) and _is_foreign_key(type(value), part):
                found.append(getattr(value, f"{part}_id"))
                continue
            attr = getattr(value, part)
            if hasattr(attr, "all") and callable(attr.all):
                found.extend(attr.all())
            else:
                found.append(attr)
        values = found
    return values


def _is_foreign_key(model, name: str) -> bool:
    """A relation stored on this model's own row (foreign key or one-to-one), whose id is at hand."""
    try:
        relation = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(relation.concrete and (relation.many_to_one or relation.one_to_one))


def matches(obj, condition: Q) -> bool:
    """Evaluate a `Q` of simple lookups (exact, in, isnull, gt/gte/lt/lte) against one object, as SQL would."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(matches(obj, child))
            continue
        lookup, wanted = child
        parts = lookup.split("__")
        test = _LOOKUPS["exact"]
        if len(parts) > 1 and parts[-1] in _LOOKUPS:
            test = _LOOKUPS[parts.pop()]
        if isinstance(wanted, Model):
            wanted = wanted.pk
        values = [v.pk if isinstance(v, Model) else v for v in _follow(obj, parts, ids=True)]
        results.append(any(test(value, wanted) for value in values))
    combined = all(results) if condition.connector == Q.AND else any(results)
    return not combined if condition.negated else combined


# --- grants: the ways an action can be allowed -----------------------------------------------------------------------


class Grant:
    """One way to be allowed an action. `held` answers without an object, `allows` for one object, `q` for lists."""

    def held(self, user) -> bool:
        raise NotImplementedError

    def allows(self, user, obj) -> bool:
        raise NotImplementedError

    def q(self, user, model) -> Q:
        raise NotImplementedError

    def decider(self, user) -> Callable:
        """`allows` for many objects of one user (see Policy.decider); grants override it to read the user once."""
        return lambda obj: self.allows(user, obj)


@dataclass(frozen=True)
class anywhere(Grant):  # lower case: reads as a declaration
    """Holding one of the roles anywhere (or, with `at_root`, over the bureau itself) is enough."""

    roles: frozenset
    at_root: bool = False

    def __init__(self, *roles: str, at_root: bool = False):
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "at_root", at_root)

    def held(self, user) -> bool:
        if self.at_root:
            return holds_at_root(user, self.roles)
        return bool(roles_of(user) & self.roles)

    def allows(self, user, obj) -> bool:
        return self.held(user)

    def q(self, user, model) -> Q:
        return EVERYTHING if self.held(user) else NOTHING


@dataclass(frozen=True)
class over(Grant):  # lower case: reads as a declaration
    """One of the roles held over a unit whose subtree contains the object's unit. `unit` is the path from the object
    to its `org.Unit` (several paths: any of them); "" when the object is a unit itself."""

    roles: frozenset
    units: tuple[str, ...]

    def __init__(self, *roles: str, unit: str | Iterable[str] = "unit"):
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "units", (unit,) if isinstance(unit, str) else tuple(unit))

    def held(self, user) -> bool:
        return bool(roles_of(user) & self.roles)

    def allows(self, user, obj) -> bool:
        return self._allows_within(scope_paths(user, self.roles), obj)

    def decider(self, user) -> Callable:
        paths = scope_paths(user, self.roles)
        return lambda obj: self._allows_within(paths, obj)

    def _allows_within(self, paths: list[str], obj) -> bool:
        if not paths:
            return False
        for unit_path in self.units:
            if obj.pk is not None and _crosses_to_many(type(obj), unit_path):
                # One EXISTS query rather than following every related row (and its units) in Python.
                inside = reduce(operator.or_, (within(f"{unit_path}__path", p) for p in paths))
                if type(obj)._base_manager.filter(inside, pk=obj.pk).exists():
                    return True
                continue
            units = [obj] if not unit_path else _follow(obj, unit_path.split("__"))
            if any(unit is not None and any(unit.path.startswith(p) for p in paths) for unit in units):
                return True
        return False

    def q(self, user, model) -> Q:
        return reduce(operator.or_, self.parts(user, model), NOTHING)

    def parts(self, user, model) -> list[Q]:
        """The conditions whose OR is `q`, one per scope path and route to a unit, for `Policy.q` to unite."""
        paths = scope_paths(user, self.roles)
        conditions = []
        for unit_path in self.units:
            path_field = f"{unit_path}__path" if unit_path else "path"
            conditions.extend(_single_valued(model, within(path_field, p), unit_path) for p in paths)
        return conditions

    def broad(self, user) -> bool:
        """Held over a whole tree (a bureau root): the scope is every row, which a scan reads best."""
        return any(path.count("/") == 2 for path in scope_paths(user, self.roles))


@dataclass(frozen=True)
class own(Grant):  # lower case: reads as a declaration
    """The object is the user's own: the path from the object to a user (e.g. "user", "person__user")."""

    user_path: str = "person__user"

    def held(self, user) -> bool:
        return bool(getattr(user, "is_authenticated", False))

    def allows(self, user, obj) -> bool:
        return self.held(user) and user.pk in _follow(obj, self.user_path.split("__"), ids=True)

    def q(self, user, model) -> Q:
        if not self.held(user):
            return NOTHING
        return _single_valued(model, Q(**{self.user_path: user.pk}), self.user_path)


@dataclass(frozen=True)
class custom(Grant):  # lower case: reads as a declaration
    """An exception to the shapes above, with its three answers written side by side (keep them in step)."""

    held_test: Callable
    object_test: Callable
    list_q: Callable

    def held(self, user) -> bool:
        return self.held_test(user)

    def allows(self, user, obj) -> bool:
        return self.object_test(user, obj)

    def q(self, user, model) -> Q:
        return self.list_q(user)


@dataclass(frozen=True)
class only(Grant):  # lower case: reads as a declaration
    """A grant that holds only for objects in a state, for actions whose roles act on different states (e.g. a leader
    decides what touches the exemplar tier, the political department the rest): `only(over(Role.LEADER), when=Q(…))`.
    The action's own `when` still applies on top."""

    grant: Grant
    when: Q

    def held(self, user) -> bool:
        return self.grant.held(user)

    def allows(self, user, obj) -> bool:
        return matches(obj, self.when) and self.grant.allows(user, obj)

    def q(self, user, model) -> Q:
        return self.grant.q(user, model) & self.when


def _single_valued(model, condition: Q, path: str) -> Q:
    """A condition across a to-many relation becomes `pk IN (subquery)`, so a list never repeats a row."""
    if not _crosses_to_many(model, path):
        return condition
    return Q(pk__in=model._base_manager.filter(condition).values("pk"))


def _correlated(condition: Q, model) -> Q:
    """A to-many condition (`pk IN (subquery)`) in a tree-wide OR becomes `EXISTS (… WHERE pk = outer pk)`: the
    database then looks at it only for rows the other branches did not take, and stops after a page, where an IN
    builds the whole subquery first (PostgreSQL hashed every deed's people for the bureau's deeds list: 1 s at
    20,000 people)."""
    if condition.negated:
        return condition
    children = []
    for child in condition.children:
        if isinstance(child, Q):
            child = _correlated(child, model)
        elif isinstance(child, tuple) and child[0] == "pk__in" and getattr(child[1], "model", None) is model:
            child = Exists(child[1].filter(pk=OuterRef("pk")))
        children.append(child)
    return Q(*children, _connector=condition.connector)


def _union(model, conditions: list[Q]) -> Q:
    """`pk IN (SELECT pk … UNION SELECT pk …)`, one indexed read per condition, for an OR of conditions over different
    columns or joins (which no index serves as one). One condition stays as it is."""
    conditions = [condition for condition in conditions if condition != NOTHING]
    if not conditions:
        return NOTHING
    if EVERYTHING in conditions:
        return EVERYTHING
    if len(conditions) == 1:
        return conditions[0]
    selects = [_pk_select(model, condition) for condition in conditions]
    return Q(pk__in=selects[0].union(*selects[1:]))


def _pk_select(model, condition: Q) -> QuerySet:
    # A to-many condition is already `pk IN (subquery)` (see _single_valued): its subquery is the select itself.
    if len(condition.children) == 1 and not condition.negated:
        lookup, value = condition.children[0] if isinstance(condition.children[0], tuple) else (None, None)
        if lookup == "pk__in" and isinstance(value, QuerySet):
            return value
    return model._base_manager.filter(condition).values("pk")


def _crosses_to_many(model, path: str) -> bool:
    for part in path.split("__") if path else []:
        try:
            relation = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if relation.many_to_many or relation.one_to_many:
            return True
        if relation.related_model is None:
            return False
        model = relation.related_model
    return False


# --- actions and the policy ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    grants: tuple[Grant, ...]
    when: Q | None = None
    reason: str = DEFAULT_REASON


@dataclass
class Policy:
    """The actions of one app. Declaring an action also registers the django-rules permission `<app>.<action>`."""

    app_label: str
    actions: dict[str, Action] = field(default_factory=dict)

    def action(self, name: str, *grants: Grant, when: Q | None = None, reason=DEFAULT_REASON) -> Action:
        if name in self.actions:
            raise ValueError(f"{self.app_label}.{name} is declared twice")
        if not grants:
            raise ValueError(f"{self.app_label}.{name} declares no grant")
        declared = Action(name, tuple(grants), when, reason)
        self.actions[name] = declared
        rules.set_perm(f"{self.app_label}.{name}", rules.predicate(self._predicate(declared), name=name))
        return declared

    def _predicate(self, declared: Action):
        def predicate(user, obj=None) -> bool:
            return self.allows(user, declared.name, obj)

        return predicate

    def allows(self, user, name: str, obj=None) -> bool:
        """May `user` do `name` to `obj` (or, without an object, to anything at all)?"""
        declared = self.actions[name]
        if user is None or not getattr(user, "is_active", False):
            return False
        if getattr(user, "is_superuser", False):
            return obj is None or declared.when is None or matches(obj, declared.when)
        if obj is None:
            return any(grant.held(user) for grant in declared.grants)
        if declared.when is not None and not matches(obj, declared.when):
            return False
        return any(grant.allows(user, obj) for grant in declared.grants)

    def q(self, user, name: str, model) -> Q:
        """The list filter: the objects of `model` that `user` may do `name` to."""
        declared = self.actions[name]
        if user is None or not getattr(user, "is_active", False):
            return NOTHING
        allowed = Q() if getattr(user, "is_superuser", False) else self._grants_q(user, declared, model)
        return allowed & declared.when if declared.when is not None else allowed

    @staticmethod
    def _grants_q(user, declared: Action, model) -> Q:
        """The OR of the grants' conditions. A scope narrower than a whole tree is written as a union of indexed reads
        (its subtrees, its own rows), so a station's list costs what the station's rows cost; a tree-wide scope keeps
        the plain OR, which the database answers while scanning in the list's order."""
        if any(isinstance(grant, over) and grant.broad(user) for grant in declared.grants):
            return reduce(operator.or_, (_correlated(grant.q(user, model), model) for grant in declared.grants))
        parts = []
        for grant in declared.grants:
            parts.extend(grant.parts(user, model) if isinstance(grant, over) else [grant.q(user, model)])
        return _union(model, parts)

    def decider(self, user, name: str) -> Callable[[Model], bool]:
        """`allows(user, name, obj)` for many objects, e.g. every row of an export: the user's roles and scope are
        read once, not once per object, and each object is then judged in Python by the same declarations."""
        declared = self.actions[name]
        if user is None or not getattr(user, "is_active", False):
            return lambda obj: False
        when = declared.when
        if getattr(user, "is_superuser", False):
            return lambda obj: when is None or matches(obj, when)
        tests = [grant.decider(user) for grant in declared.grants]

        def decide(obj) -> bool:
            if when is not None and not matches(obj, when):
                return False
            return any(test(obj) for test in tests)

        return decide

    def filter(self, user, name: str, queryset: QuerySet) -> QuerySet:
        return queryset.filter(self.q(user, name, queryset.model))

    def require(self, by, name: str, obj=None) -> None:
        """The service check: `by=None` is the system itself (tasks, the demo); anyone else needs the permission."""
        declared = self.actions[name]
        if by is None:
            if obj is not None and declared.when is not None and not matches(obj, declared.when):
                raise PermissionDenied(declared.reason)
            return
        if not self.allows(by, name, obj):
            raise PermissionDenied(declared.reason)
