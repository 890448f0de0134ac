"""Writes to the voter register, one audited function per change (views, API, CLI and the demo
all call these)."""

from huanjie.registration.services.build import register_build, register_open
from huanjie.registration.services.cards import card_reissue, cards_issue
from huanjie.registration.services.conflicts import conflict_resolve
from huanjie.registration.services.facts import (
    application_approve,
    application_record,
    application_remove,
    exclusion_record,
    exclusion_remove,
    wish_record,
    wish_remove,
)
from huanjie.registration.services.objections import (
    decisions_publish,
    objection_decide,
    objection_file,
)
from huanjie.registration.services.previous import previous_list_record
from huanjie.registration.services.publish import register_publish

__all__ = [
    "application_approve",
    "application_record",
    "application_remove",
    "card_reissue",
    "cards_issue",
    "conflict_resolve",
    "decisions_publish",
    "exclusion_record",
    "exclusion_remove",
    "objection_decide",
    "objection_file",
    "previous_list_record",
    "register_build",
    "register_open",
    "register_publish",
    "wish_record",
    "wish_remove",
]
