"""The permission matrix: every URL × every demo role × an object inside and one outside the role's scope answers
exactly what the app's declared policy says (200, 302, 403, 404 or 405). A page that declares no permission fails here
unless it is listed below as public or as open to every signed-in user."""

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from qunying.accounts.models import User
from qunying.core.object_views import ScopedObjectMixin
from qunying.demo.accounts import DEMO_USERS
from qunying.org.models import Person
from tests.test_every_page import CSS_IMPORT, EXTERNAL_URL, named_patterns, sample_kwargs

# Pages for everyone, signed in or not, and what a GET answers.
PUBLIC = {
    "core:healthz": {200, 503},  # 503 while no task worker reports (none runs in tests)
    "accounts:login": 200,  # a signed-in user is sent on (see SIGNED_IN)
    "accounts:logout": 405,  # POST only
    "nominate:form": 200,
    "nominate:thanks": 200,
    "board:honour_board": 200,
    "board:board_photo": 404,  # only people with a published story and consent, and the sample person has none
    "board:story_photo": 200,  # the sample is a published story's photo
    "vote:ballot": 200,  # the sample campaign is in public voting
    "campaigns:public_notice": 404,  # only during the 公示 period
    "api:openapi-json": 200,
    "api:openapi-view": 200,
    "api:api-root": 404,  # the API has no root page: its document is /api/docs
    "api:create_interaction": 405,
    "api:sms_inbound": 405,
    # The read endpoints take a bearer token only (answered as its owner), never a signed-in session.
    "api:list_people": 401,
    "api:list_honours": 401,
    "api:yearly_figures": 401,
    "api:honour_board": 401,
    "set_language": 302,
    "metrics": 200,  # the test client is loopback; any other address gets 404 (tests/test_metrics.py)
}
# Pages of every signed-in user, whatever their roles: their own account and home.
SIGNED_IN = {
    "core:home": 200,
    "accounts:login": 302,
    "accounts:password_change": 200,
    "accounts:profile": 200,
    "accounts:twofactor_verify": 302,  # signed in already: on to the two-factor settings or to enrolment
    "accounts:twofactor_setup": 200,  # nobody in the demo has enrolled
    "accounts:twofactor_manage": 200,
}
# Pages about the signed-in user's own record (found through their account): 404 for a user without one.
OWN_RECORD = {"org:my_profile": 302, "feedback:my_ratings": 200}  # my_profile sends on to the record's page
# Pages whose subject is named in the query string (`?person=`): without it there is nothing to show (404).
SUBJECT_IN_QUERY = {
    "reserve:propose",
    "care:case_create",
    "care:health_event_create",
    "care:referral_create",
    "care:visit_create",
}
# Pages that send a user refused their permission, but holding another one, to the page that is theirs.
REDIRECTED_INSTEAD = {"feedback:dashboard": "feedback.view_own_ratings"}
# What an allowed GET answers when it is not 200, and why.
ALLOWED_GET_STATUS = {
    "org:person_photo": 404,  # the sample person has no photo
    "care:delivery_photo": 404,  # the sample delivery has no photo
}


def view_class_of(pattern_name: str):
    match = get_resolver().resolve(reverse(pattern_name, kwargs=_kwargs_of(pattern_name)))
    return getattr(match.func, "view_class", None)


_SAMPLES: dict = {}


def _kwargs_of(name: str) -> dict:
    return _SAMPLES.get(name, {})


class Undeclared(Exception):
    """A page whose permission or scope the matrix cannot read from its declaration."""


def expected_status(name: str, view_class, kwargs: dict, user) -> int | set:
    """What the declared policy says this user gets for a GET of this page."""
    if user is not None and name in SIGNED_IN:
        return SIGNED_IN[name]
    if name in PUBLIC:
        return PUBLIC[name]
    if user is None:
        return 302  # to the sign-in page
    permissions = getattr(view_class, "permission_required", None)
    if not permissions and name not in OWN_RECORD:
        raise Undeclared(f"{name} ({view_class}) declares no permission: add one from its app's policy")
    permissions = (permissions,) if isinstance(permissions, str) else tuple(permissions or ())
    if name in OWN_RECORD:
        own = Person.objects.filter(user=user).first()
        if own is None:
            return 404
        return OWN_RECORD[name] if all(user.has_perm(permission, own) for permission in permissions) else 403
    if name in SUBJECT_IN_QUERY:
        return 404 if all(user.has_perm(permission) for permission in permissions) else 403
    obj = None
    if kwargs:
        if not issubclass(view_class, ScopedObjectMixin):
            raise Undeclared(
                f"{name} ({view_class.__name__}) takes an object but does not fetch it through ScopedObjectMixin"
            )
        view = view_class()
        view.kwargs = kwargs
        view.object = view.scope(user).filter(pk=kwargs[view.pk_url_kwarg]).first()
        if view.object is None:
            return 404
        obj = view.get_permission_object()
    if not all(user.has_perm(permission, obj) for permission in permissions):
        other = REDIRECTED_INSTEAD.get(name)
        return 302 if other and user.has_perm(other) else 403
    if not hasattr(view_class, "get") or "get" not in view_class.http_method_names:
        return 405
    return ALLOWED_GET_STATUS.get(name, 200)


def outside_kwargs(name: str, view_class, kwargs: dict, user) -> dict | None:
    """The same page for an object of the same kind outside the user's scope, when the demo has one."""
    if not kwargs or user is None or not (isinstance(view_class, type) and issubclass(view_class, ScopedObjectMixin)):
        return None
    view = view_class()
    view.kwargs = kwargs
    scope = view.scope(user)
    outside = scope.model._default_manager.exclude(pk__in=scope.values("pk")).order_by("pk").first()
    return None if outside is None else {**kwargs, view.pk_url_kwarg: outside.pk}


def matrix_mismatches(client, user, who: str) -> list[str]:
    _SAMPLES.clear()
    _SAMPLES.update(sample_kwargs())
    mismatches = []
    for name, params in named_patterns():
        kwargs = {key: _SAMPLES[name][key] for key in params} if params else {}
        view_class = view_class_of(name)
        cases = [kwargs]
        if (other := outside_kwargs(name, view_class, kwargs, user)) is not None:
            cases.append(other)
        for case in cases:
            url = reverse(name, kwargs=case)
            try:
                expected = expected_status(name, view_class, case, user)
            except Undeclared as undeclared:
                mismatches.append(str(undeclared))
                break
            try:
                response = client.get(url)
            except Exception as error:  # a page that raises is one more row of the report
                mismatches.append(f"{name} {url}: expected {expected}, raised {error!r}")
                continue
            if response.get("Content-Type", "").startswith("text/html"):
                body = response.content.decode()
                if found := EXTERNAL_URL.search(body) or CSS_IMPORT.search(body):
                    mismatches.append(f"{name} {url}: references an external URL: {found.group(0)}")
            allowed = expected if isinstance(expected, set) else {expected}
            if response.status_code not in allowed:
                mismatches.append(f"{name} {url}: expected {expected}, got {response.status_code}")
            elif response.status_code == 302 and user is None and name not in PUBLIC:
                location = response["Location"]
                if not location.startswith(reverse(settings.LOGIN_URL)):
                    mismatches.append(f"{name} {url}: redirected to {location}, not to sign in")
    return mismatches


@pytest.mark.parametrize("username", [username for username, *_ in DEMO_USERS])
def test_every_page_answers_what_the_policy_says_for_each_demo_role(client, demo, username):
    user = User.objects.get(username=username)
    client.force_login(user)

    mismatches = matrix_mismatches(client, User.objects.get(pk=user.pk), username)

    assert not mismatches, "\n".join(mismatches)


def test_every_page_answers_what_the_policy_says_for_the_public(client, demo):
    mismatches = matrix_mismatches(client, None, "anonymous")

    assert not mismatches, "\n".join(mismatches)
