"""`huanjie party_member_enter 身份证号 [--organization 名称] [--joined-on 日期] [--floating]
--by USERNAME`: enter on the party roll a villager the register knows as a party member by
政治面貌 only, so that the should-attend count is complete."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.elections.management import party_arguments as args
from huanjie.elections.party import messages as msg
from huanjie.elections.party.access import may_keep_roll
from huanjie.elections.party.services import member_enter_roll
from huanjie.people.models import PartyOrganization


class Command(BaseCommand):
    help = (
        "把户籍登记中政治面貌为正式党员或预备党员、尚未列入党员名册的村民登记入册"
        "（党员类别按政治面貌），应到会人数才完整。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument(
            "--organization", metavar="名称", help="所在党组织的名称（本村只有一个党组织时可不填）"
        )
        parser.add_argument(
            "--joined-on", metavar="日期", help="入党时间（" + args.DATE_HELP + "；可不填）"
        )
        parser.add_argument("--floating", action="store_true", help="流动党员（外出）")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        place = person.village
        acting = args.actor(
            options["by"], place, may_keep_roll, "党员名册由村党组织维护，请用该村党组织的账号。"
        )
        organizations = PartyOrganization.objects.filter(village=place).order_by("name")
        if options["organization"]:
            organizations = organizations.filter(name=options["organization"].strip())
        found = list(organizations[:2])
        if not found:
            raise args.refuse(
                msg.NO_ORGANIZATION.format(village=place.name)
                if not options["organization"]
                else f"{place.name}没有名为“{options['organization']}”的党组织，请核对名称。"
            )
        if len(found) > 1:
            names = "、".join(o.name for o in PartyOrganization.objects.filter(village=place))
            raise args.refuse(
                f"{place.name}有不止一个党组织（{names}），请用 --organization 指明。"
            )
        try:
            membership = member_enter_roll(
                village=place,
                person=person,
                organization=found[0],
                joined_on=args.day(options["joined_on"], "入党时间"),
                floating=options["floating"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(
            f"已把{person.name}登记入{found[0].name}的党员名册（{membership.get_status_display()}）。"
        )
