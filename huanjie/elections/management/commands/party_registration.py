"""`huanjie party_registration 身份证号 [--on 日期] [--method 方式] [--note 备注] [--cancel]
--by USERNAME`: a member's registration for the party election (SEED-PB-REG)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from huanjie.elections.management import party_arguments as args
from huanjie.elections.models import RegistrationMethod
from huanjie.elections.party.access import may_register
from huanjie.elections.party.roll import party_roll
from huanjie.elections.party.services import member_register, member_registration_cancel

METHOD_HELP = "登记方式：" + "、".join(str(label) for label in RegistrationMethod.labels)


class Command(BaseCommand):
    help = (
        "党员选举登记（或 --cancel 撤销登记错了的一条）。规则方案以登记确定应到会人数时，"
        "未登记的党员不计入应到会人数；否则登记仅供了解。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument(
            "--on", metavar="日期", help="登记日期（不给出时为今天；" + args.DATE_HELP + "）"
        )
        parser.add_argument(
            "--method",
            metavar="方式",
            default="in_person",
            help=METHOD_HELP + "（默认本人到场登记）",
        )
        parser.add_argument(
            "--note", metavar="备注", default="", help="备注，如“在杭州务工，电话登记”"
        )
        parser.add_argument("--cancel", action="store_true", help="撤销此人的选举登记")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        place = person.village
        election = args.election_of(place)
        acting = args.actor(
            options["by"], place, may_register, "党员选举登记由村党组织办理，请用该村党组织的账号。"
        )
        try:
            if options["cancel"]:
                member_registration_cancel(election=election, person=person, acting_user=acting)
                self.stdout.write(f"已撤销{person.name}的选举登记。")
                return
            on = args.day(options["on"], "登记日期") or timezone.localdate()
            method = args.choice(options["method"], list(RegistrationMethod.choices), "登记方式")
            member_register(
                election=election,
                person=person,
                on=on,
                method=method,
                note=options["note"],
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc) from exc
        roll = party_roll(village=place)
        effect = (
            "未登记的党员不计入应到会人数"
            if roll.registration_defines
            else "本规则方案不以登记确定应到会人数，登记仅供了解"
        )
        self.stdout.write(f"已登记{person.name}参加选举登记（{on}）；{effect}。")
