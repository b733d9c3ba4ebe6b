"""A citizen's public nomination gets a reference number on the thanks page (once, not in the URL)."""

import pytest
from django.urls import reverse

from qunying.deeds.models import PublicNomination
from tests.deeds.test_nominations import form_data


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    settings.QUNYING_NOMINATION_MIN_FILL_SECONDS = 0


def test_the_thanks_page_gives_the_reference_number_once(client, tree):
    response = client.post(reverse("nominate:form"), form_data(), follow=True)

    nomination = PublicNomination.objects.get()
    assert nomination.reference.startswith("ZJ") and nomination.reference.endswith(f"{nomination.pk:05d}")
    assert nomination.reference in response.content.decode()
    assert nomination.reference not in response.redirect_chain[-1][0]
    assert nomination.reference not in client.get(reverse("nominate:thanks")).content.decode()
