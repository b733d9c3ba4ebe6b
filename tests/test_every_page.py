"""Every page of the app in English: no 500, nothing loaded from outside the app. The URL walk and the sample
arguments serve tests/test_permission_matrix.py, which opens every page for every demo role and for the public."""

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from qunying.accounts.models import RoleAssignment, User
from qunying.org.models import AuxiliaryTier, Person, Unit
from tests.branches.sample_pages import sample_kwargs as branches_sample_kwargs
from tests.campaigns.sample_pages import sample_kwargs as campaigns_sample_kwargs
from tests.care.sample_pages import sample_kwargs as care_sample_kwargs
from tests.deeds.sample_pages import sample_kwargs as deeds_sample_kwargs
from tests.discovery.sample_pages import sample_kwargs as discovery_sample_kwargs
from tests.feedback.sample_pages import sample_kwargs as feedback_sample_kwargs
from tests.honours.sample_pages import sample_kwargs as honours_sample_kwargs
from tests.publicity.sample_pages import sample_kwargs as publicity_sample_kwargs
from tests.reports.sample_pages import sample_kwargs as reports_sample_kwargs
from tests.reserve.sample_pages import sample_kwargs as reserve_sample_kwargs

# An attribute that points off the intranet: any absolute or protocol-relative URL that is not this server.
EXTERNAL_URL = re.compile(
    r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//(?!(?:localhost|127\.0\.0\.1|testserver)\b)""",
    re.IGNORECASE,
)
CSS_IMPORT = re.compile(r"@import\s+url\(\s*['\"]?(?:https?:)?//", re.IGNORECASE)
SKIPPED_NAMESPACES = {"admin"}  # Django's own admin site; its pages are covered by Django itself


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in SKIPPED_NAMESPACES:
                yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


def sample_kwargs():
    """Arguments for every page that takes some, drawn from the demo data."""
    any_user = User.objects.get(username="zhengzhichu")
    station = Unit.objects.get(name="半汤派出所")
    person = Person.objects.filter(unit=station).order_by("badge_number").first()
    missing = 0  # pages of objects that do not exist must answer 404, not 500
    return {
        "org:unit_detail": {"pk": station.pk},
        "org:unit_children": {"pk": station.pk},
        "org:unit_update": {"pk": station.pk},
        "org:unit_move": {"pk": station.pk},
        "org:person_detail": {"pk": person.pk},
        "org:person_update": {"pk": person.pk},
        "org:person_photo": {"pk": person.pk},
        "org:tier_update": {"pk": AuxiliaryTier.objects.first().pk},
        "org:roster_import_detail": {"pk": missing},
        "org:roster_import_commit": {"pk": missing},
        "org:roster_import_cancel": {"pk": missing},
        "accounts:user_update": {"pk": any_user.pk},
        "accounts:user_password_reset": {"pk": any_user.pk},
        "accounts:user_active": {"pk": any_user.pk},
        "accounts:user_twofactor_reset": {"pk": any_user.pk},
        "accounts:role_revoke": {"pk": RoleAssignment.objects.filter(user=any_user).first().pk},
        "accounts:api_token_revoke": {"pk": missing},
        **feedback_sample_kwargs(),
        **honours_sample_kwargs(),
        **publicity_sample_kwargs(),
        **reserve_sample_kwargs(),
        **discovery_sample_kwargs(),
        **deeds_sample_kwargs(),
        **branches_sample_kwargs(),
        **campaigns_sample_kwargs(),
        **care_sample_kwargs(),
        **reports_sample_kwargs(),
    }


def every_url():
    kwargs_by_name = sample_kwargs()
    urls = []
    for name, params in named_patterns():
        if params:
            assert name in kwargs_by_name, f"add sample arguments for {name} to tests/test_every_page.py"
            urls.append(reverse(name, kwargs=kwargs_by_name[name]))
        else:
            urls.append(reverse(name))
    return urls


def assert_page_is_sound(response, url, who):
    # /healthz answers 503 by design while no task worker reports, and none runs in tests.
    designed = 503 if url == reverse("core:healthz") else None
    assert response.status_code < 500 or response.status_code == designed, (
        f"{url} answered {response.status_code} for {who}"
    )
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        found = EXTERNAL_URL.search(body) or CSS_IMPORT.search(body)
        assert not found, f"{url} references an external URL for {who}: {found.group(0)}"


def test_every_page_renders_in_english(client, demo):
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.get(username="zhengzhichu"))

    for url in every_url():
        assert_page_is_sound(client.get(url), url, "zhengzhichu (en)")


def test_external_url_detector_catches_cdn_links_and_spares_local_ones():
    assert EXTERNAL_URL.search('<script src="https://cdn.example.com/htmx.js"></script>')
    assert EXTERNAL_URL.search("<link href='//fonts.example.com/css'>")
    assert not EXTERNAL_URL.search('<script src="/static/vendor/htmx/htmx.min.js"></script>')
    assert not EXTERNAL_URL.search('<a href="http://127.0.0.1:8000/">')
