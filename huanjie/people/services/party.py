"""The village party roll: organizations and memberships."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from huanjie.audit.actions import AuditAction
from huanjie.audit.services import record_audit
from huanjie.audit.snapshots import snapshot
from huanjie.people import messages as msg
from huanjie.people.models import (
    MembershipStatus,
    PartyMembership,
    PartyOrganization,
    PartyOrganizationKind,
    Person,
    PoliticalStatus,
)
from huanjie.regions import messages as region_msg
from huanjie.regions.models import Region
from huanjie.regions.services import require_village

if TYPE_CHECKING:
    from huanjie.accounts.models import User

PARTY_ORGANIZATION_CREATE = AuditAction("people.party_organization_create", "新建村党组织")
PARTY_MEMBERSHIP_SET = AuditAction("people.party_membership_set", "登记或修改党员信息")
POLITICAL_STATUS_FOLLOW = AuditAction("people.political_status_follow", "政治面貌随党员信息更新")

# A member's 政治面貌 on the register follows the roll.
_POLITICAL_STATUS = {
    MembershipStatus.FULL: PoliticalStatus.FULL_MEMBER,
    MembershipStatus.PROBATIONARY: PoliticalStatus.PROBATIONARY_MEMBER,
}


@transaction.atomic
def party_organization_create(
    *, village: Region, name: str, kind: str, acting_user: User | None
) -> PartyOrganization:
    require_village(village)
    name = name.strip()
    if not name:
        raise ValidationError(region_msg.NAME_REQUIRED, code="name")
    if kind not in PartyOrganizationKind.values:
        raise ValidationError(msg.PARTY_ORG_KIND_UNKNOWN.format(kind=kind), code="kind")
    if PartyOrganization.objects.filter(village=village, name=name).exists():
        raise ValidationError(
            msg.PARTY_ORG_NAME_TAKEN.format(village=village.name, name=name), code="name"
        )
    organization = PartyOrganization.objects.create(village=village, name=name, kind=kind)
    record_audit(
        actor=acting_user,
        action=PARTY_ORGANIZATION_CREATE,
        target=organization,
        after=snapshot(organization),
        village=village,
    )
    return organization


@transaction.atomic
def party_membership_set(
    *,
    person: Person,
    organization: PartyOrganization,
    status: str,
    joined_on: date | None = None,
    probation_until: date | None = None,
    suspended: bool = False,
    floating: bool = False,
    acting_user: User | None,
) -> PartyMembership:
    """Put a villager on the roll of the village's party organization, or change the entry."""
    if status not in MembershipStatus.values:
        raise ValidationError(msg.MEMBERSHIP_STATUS_UNKNOWN.format(status=status), code="status")
    if probation_until is not None and status != MembershipStatus.FULL:
        raise ValidationError(msg.MEMBERSHIP_PROBATION_FULL_ONLY, code="probation_until")
    if person.village_id != organization.village_id:
        raise ValidationError(
            msg.PARTY_ORG_OTHER_VILLAGE.format(name=person.name, organization=organization.name),
            code="village",
        )
    membership = PartyMembership.objects.select_for_update().filter(person=person).first()
    before = snapshot(membership) if membership is not None else None
    if membership is None:
        membership = PartyMembership(person=person)
    membership.organization = organization
    membership.status = status
    membership.joined_on = joined_on
    membership.probation_until = probation_until
    membership.suspended = suspended
    membership.floating = floating
    membership.save()
    record_audit(
        actor=acting_user,
        action=PARTY_MEMBERSHIP_SET,
        target=membership,
        before=before,
        after=snapshot(membership),
        village=organization.village,
    )
    _political_status_follow(person, _POLITICAL_STATUS[MembershipStatus(status)], acting_user)
    return membership


def _political_status_follow(person: Person, status: str, acting_user: User | None) -> None:
    """The register's 政治面貌 follows the roll; a change of it is the person's own entry."""
    stored = Person.objects.select_for_update().get(pk=person.pk)
    person.political_status = status
    if stored.political_status == status:
        return
    Person.objects.filter(pk=person.pk).update(political_status=status)
    record_audit(
        actor=acting_user,
        action=POLITICAL_STATUS_FOLLOW,
        target=stored,
        before={"political_status": stored.political_status},
        after={"political_status": status},
        village=stored.village,
    )
