"""Public voting: SMS codes through the feedback app's gateway, phones kept only as per-campaign salted hashes,
limits per phone, anomaly detection that quarantines (never deletes) suspicious votes, review and release."""

import datetime
import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, Nomination, Vote, VoteCode
from qunying.campaigns.rules import policy
from qunying.core.services import log_action
from qunying.feedback.sms import get_backend

VOTES_PER_DAY = 1  # per phone per campaign per day
VOTES_PER_CAMPAIGN = 5  # per phone
CODE_ATTEMPTS = 5  # wrong guesses before a code is dead
CODES_PER_PHONE_PER_HOUR = 3
CODES_PER_IP_PER_HOUR = 10
CODE_LIFETIME = datetime.timedelta(minutes=10)
# Anomaly thresholds (within BURST_WINDOW): beyond them a vote is quarantined for review.
BURST_WINDOW = datetime.timedelta(minutes=10)
VOTES_PER_IP = 5
VOTES_PER_SUBNET = 15
PHONES_PER_DEVICE = 3
HUMAN_SECONDS = 3.0  # a vote faster than this after verification is not a person reading the page


def phone_hash(campaign: Campaign, phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    key = f"{settings.SECRET_KEY}:{campaign.vote_salt}".encode()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()


def _code_hash(campaign: Campaign, code: str) -> str:
    return hmac.new(campaign.vote_salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def subnet_of(ip: str | None) -> str:
    if not ip:
        return ""
    address = ipaddress.ip_address(ip)
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _valid_phone(phone: str) -> bool:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return len(digits) == 11 and digits.startswith("1")


@transaction.atomic
def send_vote_code(*, campaign: Campaign, phone: str, ip: str | None = None) -> VoteCode:
    """Send a six-digit code to the phone through the SMS gateway (rate-limited per phone and per address)."""
    if campaign.phase != Phase.VOTING:
        raise ValidationError(_("Voting is not open."))
    if not _valid_phone(phone or ""):
        raise ValidationError(_("Please enter an 11-digit mobile number."))
    hashed = phone_hash(campaign, phone)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = VoteCode.objects.filter(campaign=campaign, created_at__gte=hour_ago)
    if recent.filter(phone_hash=hashed).count() >= CODES_PER_PHONE_PER_HOUR or (
        ip and recent.filter(ip_address=ip).count() >= CODES_PER_IP_PER_HOUR
    ):
        raise ValidationError(_("Too many codes requested; please try again in an hour."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    record = VoteCode.objects.create(
        campaign=campaign, phone_hash=hashed, code_hash=_code_hash(campaign, code), ip_address=ip
    )
    text = _("Your voting code for %(campaign)s is %(code)s, valid for 10 minutes.") % {
        "campaign": campaign.title,
        "code": code,
    }
    transaction.on_commit(
        lambda: get_backend().send(message_id=f"qy-vote-{record.pk}", phone=phone, text=text), robust=True
    )
    log_action(record, "campaigns.vote.code_sent", by=None, data={"campaign": campaign.pk})
    return record


def verify_vote_code(*, campaign: Campaign, phone: str, code: str) -> str:
    """Check the latest code for the phone; returns the phone's hash. Each wrong guess counts (and stays counted
    although the check is refused); five kill the code."""
    hashed = phone_hash(campaign, phone or "")
    with transaction.atomic():
        record = (
            VoteCode.objects.select_for_update()
            .filter(campaign=campaign, phone_hash=hashed, created_at__gte=timezone.now() - CODE_LIFETIME)
            .order_by("-created_at")
            .first()
        )
        if record is None or record.attempts >= CODE_ATTEMPTS:
            refusal = _("The code has expired; please request a new one.")
        elif not hmac.compare_digest(record.code_hash, _code_hash(campaign, (code or "").strip())):
            record.attempts += 1
            record.save(update_fields=["attempts"])
            refusal = _("The code is not correct.")
        else:
            record.verified_at = timezone.now()
            record.save(update_fields=["verified_at"])
            refusal = ""
    if refusal:
        raise ValidationError(refusal)
    return hashed


def quarantine_reason(*, seconds: float | None, ip_votes: int, subnet_votes: int, device_phones: int) -> str:
    """Why a vote looks automated ('' when it does not), from what was seen in the burst window before it: votes
    from its address and subnet, distinct phones on its device (itself included), and its speed."""
    if seconds is not None and seconds < HUMAN_SECONDS:
        return _("Voted %(seconds).1f seconds after verification.") % {"seconds": seconds}
    if ip_votes >= VOTES_PER_IP:
        return _("Burst of votes from one address.")
    if subnet_votes >= VOTES_PER_SUBNET:
        return _("Burst of votes from one subnet.")
    if device_phones > PHONES_PER_DEVICE:
        return _("Many phones from one device.")
    return ""


def _anomaly(campaign: Campaign, *, ip, subnet, device, phone_hash_: str, seconds) -> str:
    recent = Vote.objects.filter(campaign=campaign, created_at__gte=timezone.now() - BURST_WINDOW)
    phones = set()
    if device:
        phones = set(Vote.objects.filter(campaign=campaign, device=device).values_list("phone_hash", flat=True))
        phones.add(phone_hash_)
    return quarantine_reason(
        seconds=seconds,
        ip_votes=recent.filter(ip_address=ip).count() if ip else 0,
        subnet_votes=recent.filter(subnet=subnet).count() if subnet else 0,
        device_phones=len(phones),
    )


def vote_refusal(*, campaign: Campaign, phone_hash_: str) -> str:
    """Why this phone cannot vote now (empty: it can): the ballot shows "您已投票" instead of the buttons."""
    mine = Vote.objects.filter(campaign=campaign, phone_hash=phone_hash_)
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    if mine.filter(created_at__gte=start).count() >= VOTES_PER_DAY:
        return _("This phone has already voted today.")
    if mine.count() >= VOTES_PER_CAMPAIGN:
        return _("This phone has used all its votes in this campaign.")
    return ""


@transaction.atomic
def cast_vote(
    *,
    campaign: Campaign,
    nomination: Nomination,
    phone_hash_: str,
    verified_at: datetime.datetime | None = None,
    ip: str | None = None,
    device: str = "",
) -> Vote:
    """Record a vote from a verified phone within the limits; a suspicious vote is kept, quarantined."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.phase != Phase.VOTING:
        raise ValidationError(_("Voting is not open."))
    if nomination.campaign_id != campaign.pk or nomination.status != NominationStatus.NOMINATED:
        raise ValidationError(_("This candidate is not standing in the vote."))
    refused = vote_refusal(campaign=campaign, phone_hash_=phone_hash_)
    if refused:
        raise ValidationError(refused)
    seconds = (timezone.now() - verified_at).total_seconds() if verified_at else None
    subnet = subnet_of(ip)
    reason = _anomaly(campaign, ip=ip, subnet=subnet, device=device, phone_hash_=phone_hash_, seconds=seconds)
    vote = Vote.objects.create(
        campaign=campaign,
        nomination=nomination,
        phone_hash=phone_hash_,
        ip_address=ip,
        subnet=subnet,
        device=device,
        seconds_after_verification=seconds,
        quarantined=bool(reason),
        quarantine_reason=reason,
    )
    log_action(vote, "campaigns.vote.cast", by=None, data={"nomination": nomination.pk, "quarantined": bool(reason)})
    return vote


@transaction.atomic
def release_vote(*, vote: Vote, by) -> Vote:
    """A political officer reviews a quarantined vote and lets it count."""
    if not vote.quarantined:
        raise ValidationError(_("This vote is not quarantined."))
    policy.require(by, "release_vote", vote)
    vote.quarantined, vote.released_by = False, by
    vote.save(update_fields=["quarantined", "released_by"])
    log_action(vote, "campaigns.vote.release", by=by, data={"reason": vote.quarantine_reason})
    return vote
