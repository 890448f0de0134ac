"""What the committee's and the representatives' services share: the round's villagers'
committee election of a village, its rule profile, and who may sit on the committee or
represent villagers (voters: VC-REG-1, our reading for both)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from huanjie.campaigns.models import CampaignStatus
from huanjie.committees import messages as msg
from huanjie.elections.models import Body, Election, ElectionStatus, Round
from huanjie.people.models import Person, RegisterStatus
from huanjie.regions.models import Region
from huanjie.rules.eligibility.voters import VOTING_AGE
from huanjie.rules.profiles.profile import Profile, load_profile
from huanjie.rules.timeline.periods import age_on


def vc_election(village: Region) -> Election | None:
    """The villagers' committee election of the village's latest round (its first vote)."""
    return (
        Election.objects.filter(
            plan__village=village, body=Body.VILLAGERS_COMMITTEE, round=Round.FIRST
        )
        .select_related("plan__campaign", "plan__village")
        .order_by("-plan__campaign__term_start_year", "-pk")
        .first()
    )


def open_election(village: Region) -> Election:
    """The round's election, refused when there is none or it is over."""
    election = vc_election(village)
    if election is None:
        raise ValidationError(msg.NO_ELECTION.format(village=village.name), code="no_election")
    over = election.status in (ElectionStatus.COMPLETE, ElectionStatus.VOID)
    if over or election.plan.campaign.status == CampaignStatus.CLOSED:
        status = election.get_status_display() if over else "结束"
        raise ValidationError(
            msg.ELECTION_CLOSED.format(village=village.name, status=status), code="closed"
        )
    return election


def profile_of(election: Election) -> Profile:
    return load_profile(election.plan.campaign.profile_id)


def person_faults(person: Person, village: Region, on: date, what: str) -> list[str]:
    """Why a person may not sit on the committee or represent villagers: a villager of the
    village, on the register, 18 or over on `on`, not deprived of political rights (VC-REG-1:
    both are chosen from among the village's voters [I])."""
    if person.village_id != village.pk:
        return [msg.PERSON_OTHER_VILLAGE.format(name=person.name, village=village.name)]
    if person.status != RegisterStatus.ACTIVE:
        status = person.get_status_display()
        return [msg.PERSON_NOT_ON_REGISTER.format(name=person.name, status=status, what=what)]
    faults = []
    if age_on(person.birth_date, on) < VOTING_AGE:
        faults.append(msg.PERSON_UNDER_AGE.format(name=person.name, on=on, what=what))
    if person.deprived_of_political_rights:
        faults.append(msg.PERSON_DEPRIVED.format(name=person.name, what=what))
    return faults


def refuse(messages: list[str], code: str) -> ValidationError:
    return ValidationError([ValidationError(m, code=code) for m in messages], code=code)
