"""Discovery ledger writes: duty events and rosters, deeds (mass entry, verification, evidence), forums, public
nominations."""

from qunying.deeds.services.deeds import (
    Participant,
    create_deed,
    decide_deeds,
    evidence_problem,
    export_deeds,
    propose_deeds_from_roster,
    reject_deed,
    verify_deed,
)
from qunying.deeds.services.events import (
    RosterRow,
    add_roster_entry,
    create_duty_event,
    import_roster_rows,
    remove_roster_entry,
    takes_part,
    update_duty_event,
)
from qunying.deeds.services.evidence import attach_evidence, remove_evidence
from qunying.deeds.services.forums import add_forum_feedback, convert_feedback_to_deed, create_forum, update_forum
from qunying.deeds.services.nominations import (
    convert_nomination_to_deed,
    link_nomination,
    reject_nomination,
    submit_public_nomination,
    triage_nomination,
)

__all__ = [
    "Participant",
    "RosterRow",
    "add_forum_feedback",
    "add_roster_entry",
    "attach_evidence",
    "convert_feedback_to_deed",
    "convert_nomination_to_deed",
    "create_deed",
    "create_duty_event",
    "create_forum",
    "decide_deeds",
    "evidence_problem",
    "export_deeds",
    "import_roster_rows",
    "link_nomination",
    "propose_deeds_from_roster",
    "reject_deed",
    "reject_nomination",
    "remove_evidence",
    "remove_roster_entry",
    "submit_public_nomination",
    "takes_part",
    "triage_nomination",
    "update_duty_event",
    "update_forum",
    "verify_deed",
]
