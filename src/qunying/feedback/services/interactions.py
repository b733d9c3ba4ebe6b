"""Recording service interactions (file import, API) together with the sampling decision for each."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.sheets import RowError, SheetError
from qunying.feedback import summaries
from qunying.feedback.enums import InteractionSource
from qunying.feedback.importer import (
    InteractionChecker,
    InteractionRow,
    read_interactions,
)
from qunying.feedback.models import InteractionOfficer, SamplingPolicy, ServiceInteraction, Survey
from qunying.feedback.rules import policy
from qunying.feedback.sampling import Candidate, Sampler

WRITE_BATCH = 500


@dataclass
class ImportResult:
    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)
    decisions: dict[str, int] = field(default_factory=dict)


def record_interactions(
    rows: list[InteractionRow], *, source: str, by, now: datetime.datetime | None = None
) -> list[tuple[ServiceInteraction, Survey]]:
    """Write checked rows, their officers and a survey decision for each, in bulk. Runs in the caller's transaction."""
    now = now or timezone.now()
    rows = sorted(rows, key=lambda row: (row.occurred_at, row.incident_number))
    candidates = [
        Candidate(
            occurred_at=row.occurred_at,
            kind=row.kind,
            sensitive=row.sensitive,
            phone_index=row.phone_index,
            officer_ids=[person.pk for person in row.officers],
            badges={person.pk: person.badge_number for person in row.officers},
        )
        for row in rows
    ]
    sampler = Sampler(SamplingPolicy.current(), now=now)
    sampler.load_history(candidates)
    interactions = [
        ServiceInteraction(
            incident_number=row.incident_number,
            kind=row.kind,
            occurred_at=row.occurred_at,
            unit=row.officers[0].unit,
            phone=row.phone,
            sensitive=row.sensitive,
            source=source,
            created_by=by,
        )
        for row in rows
    ]
    ServiceInteraction.objects.bulk_create(interactions, batch_size=WRITE_BATCH)
    InteractionOfficer.objects.bulk_create(
        [
            InteractionOfficer(interaction=interaction, person=person)
            for interaction, row in zip(interactions, rows, strict=True)
            for person in row.officers
        ],
        batch_size=WRITE_BATCH,
    )
    surveys = []
    for interaction, candidate in zip(interactions, candidates, strict=True):
        decision = sampler.decide(candidate)
        surveys.append(
            Survey(
                interaction=interaction,
                decision=decision.decision,
                decision_detail=decision.detail,
                status=decision.status,
                send_after=decision.send_after,
            )
        )
    Survey.objects.bulk_create(surveys, batch_size=WRITE_BATCH)
    summaries.surveys_recorded(surveys)
    return list(zip(interactions, surveys, strict=True))


def import_interactions(*, upload, by) -> ImportResult:
    """All or nothing: every row is checked first; one error anywhere and nothing is written. Rows whose incident
    number is already recorded are skipped, so importing the same export twice changes nothing."""
    if by is None:
        raise PermissionDenied  # a file import is always someone's: the dispatch system records through the API
    policy.require(by, "import_interactions")
    try:
        raw_rows = read_interactions(upload)
    except SheetError as error:
        return ImportResult(errors=[RowError(0, "", str(error))])
    try:
        with transaction.atomic():
            checked = InteractionChecker(by=by).check(raw_rows)
            if checked.errors:
                return ImportResult(existing=len(checked.existing), errors=checked.errors)
            recorded = record_interactions(checked.rows, source=InteractionSource.IMPORT, by=by)
            decisions = dict(Counter(survey.decision for _, survey in recorded))
            log_action(
                None,
                "feedback.interactions.imported",
                by=by,
                data={
                    "filename": getattr(upload, "name", "")[:255],
                    "created": len(recorded),
                    "existing": len(checked.existing),
                    "decisions": decisions,
                },
            )
    except IntegrityError:
        # Another import recorded some of the same incidents at the same moment: nothing of this one was kept.
        message = _("Another import recorded some of these incidents at the same time; please import the file again.")
        return ImportResult(errors=[RowError(0, "", message)])
    return ImportResult(created=len(recorded), existing=len(checked.existing), decisions=decisions)


def record_interaction_from_api(values: dict, *, token) -> tuple[ServiceInteraction, bool]:
    """One interaction from the dispatch system; idempotent by incident number: a repeat returns the first record
    unchanged (created False). Invalid values raise ValidationError with a message per field."""
    incident_number = str(values.get("incident_number") or "").strip()
    if existing := ServiceInteraction.objects.filter(incident_number=incident_number).first():
        return existing, False
    checked = InteractionChecker(by=None).check([(0, values)])
    if checked.errors:
        raise ValidationError([f"{error.column}: {error.message}" for error in checked.errors])
    try:
        with transaction.atomic():
            [(interaction, survey)] = record_interactions(checked.rows, source=InteractionSource.API, by=None)
            log_action(
                interaction,
                "feedback.interaction.recorded",
                by=None,
                data={"api_token": token.name if token else "", "kind": interaction.kind, "decision": survey.decision},
            )
    except IntegrityError:  # the same incident posted twice at once: the other request recorded it
        return ServiceInteraction.objects.get(incident_number=incident_number), False
    return interaction, True
