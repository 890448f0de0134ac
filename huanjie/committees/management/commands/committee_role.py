"""`huanjie committee_role 身份证号 主任|副主任|委员`: a sitting member's role (a new 主任 makes
the sitting one a 委员)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees.access import may_keep_committee
from huanjie.committees.management import arguments as args
from huanjie.committees.models import CommitteeMember, CommitteeRole
from huanjie.committees.services import committee_member_role_set, vc_election

ROLES = {str(label): value for value, label in CommitteeRole.choices}


class Command(BaseCommand):
    help = "调整村民选举委员会一名现任成员的职务；把某人改为主任时，原主任改为委员。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="成员的身份证号（18位）")
        parser.add_argument("role", metavar="职务", help="主任、副主任或委员")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        place = person.village
        acting = args.actor(
            options["by"], place, may_keep_committee, "村民选举委员会由本村村选委会账号登记。"
        )
        role = args.choice(options["role"], ROLES, "职务")
        member = CommitteeMember.objects.filter(
            committee__election=vc_election(place), person=person
        ).first()
        if member is None:
            raise args.refuse(f"{person.name}不是{place.name}本届村民选举委员会的成员。")
        try:
            committee_member_role_set(member=member, role=role, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc, "未调整：") from exc
        self.stdout.write(f"已将{person.name}的职务改为{CommitteeRole(role).label}。")
