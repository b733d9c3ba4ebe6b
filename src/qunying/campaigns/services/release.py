"""Results release: when a campaign closes, every nominee and the managers of each nominating unit are told the
outcome in one step. Idempotent: the campaign records the release, and a second call creates nothing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from qunying.accounts.models import RoleAssignment
from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Campaign, ResultNotice
from qunying.campaigns.rules import policy
from qunying.core.roles import Role
from qunying.core.services import log_action


@transaction.atomic
def release_results(*, campaign: Campaign, by, at=None) -> list[ResultNotice]:
    """Notify each nominee (through their account, when they have one) and every unit manager whose scope covers
    the nominating unit. Returns the notices created: none when the results were released before. `at`: when they
    were released, if not now (a campaign closed on an earlier day releases its results that day)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    policy.require(by, "release_results", campaign)
    if campaign.results_released_at is not None:
        return []
    managers = list(
        RoleAssignment.objects.filter(role=Role.UNIT_MANAGER, user__is_active=True).values_list("user_id", "unit__path")
    )
    nominations = campaign.nominations.exclude(status=NominationStatus.WITHDRAWN).select_related("person", "unit")
    notices = []
    for nomination in nominations:
        recipients = {}
        if nomination.person.user_id:
            recipients[nomination.person.user_id] = ResultNotice.Audience.NOMINEE
        for user_id, path in managers:
            if nomination.unit.path.startswith(path):  # the manager's subtree holds the nominating unit
                recipients.setdefault(user_id, ResultNotice.Audience.UNIT)
        notices += [
            ResultNotice(campaign=campaign, nomination=nomination, recipient_id=user_id, audience=audience)
            for user_id, audience in recipients.items()
        ]
    ResultNotice.objects.bulk_create(notices, ignore_conflicts=True)
    campaign.results_released_at = at or timezone.now()
    campaign.save(update_fields=["results_released_at"])
    log_action(
        campaign,
        "campaigns.results.release",
        by=by,
        data={"notices": len(notices), "recipients": sorted({n.recipient_id for n in notices})},
    )
    return notices


@transaction.atomic
def mark_notices_read(*, user, by) -> int:
    """The user marks their unread result notices as read."""
    if by is None or by.pk != user.pk:
        raise PermissionDenied
    count = ResultNotice.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        log_action(None, "campaigns.results.read", by=by, data={"notices": count})
    return count
