"""Writes of the election committee and the representatives (one function per change)."""

from huanjie.committees.services.committee import (
    VoteInput,
    committee_member_role_set,
    committee_record,
)
from huanjie.committees.services.common import open_election, vc_election
from huanjie.committees.services.group_leaders import (
    group_election_notice_set,
    group_leaders_cancel,
    group_leaders_record,
)
from huanjie.committees.services.representatives import (
    SelectionVoteInput,
    representatives_apportion,
    representatives_selection_cancel,
    representatives_selection_record,
)
from huanjie.committees.services.withdrawals import (
    NomineeInput,
    Outcome,
    committee_nominee_record,
    committee_withdrawals_apply,
)

__all__ = [
    "NomineeInput",
    "Outcome",
    "SelectionVoteInput",
    "VoteInput",
    "committee_member_role_set",
    "committee_nominee_record",
    "committee_record",
    "committee_withdrawals_apply",
    "group_election_notice_set",
    "group_leaders_cancel",
    "group_leaders_record",
    "open_election",
    "representatives_apportion",
    "representatives_selection_cancel",
    "representatives_selection_record",
    "vc_election",
]
