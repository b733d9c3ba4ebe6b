"""Citizen ratings writes: recording interactions, sending surveys, receiving and coding replies, callbacks, rules."""

from qunying.feedback.services.callbacks import update_callback
from qunying.feedback.services.interactions import ImportResult, import_interactions, record_interaction_from_api
from qunying.feedback.services.policy import update_sampling_policy
from qunying.feedback.services.replies import code_reply, receive_sms_reply
from qunying.feedback.services.retention import purge_expired_phones
from qunying.feedback.services.sending import expire_surveys, send_due_surveys, survey_text

__all__ = [
    "ImportResult",
    "code_reply",
    "expire_surveys",
    "import_interactions",
    "purge_expired_phones",
    "receive_sms_reply",
    "record_interaction_from_api",
    "send_due_surveys",
    "survey_text",
    "update_callback",
    "update_sampling_policy",
]
