"""`huanjie committee_nominee 身份证号 --on 日期 [--confirmed] [--self]`: a villager nominated
(or registered as a self-nominee, or confirmed as a candidate); the election committee's
withdrawals and refills follow at once (VC-EC-2..4)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.committees import messages as msg
from huanjie.committees.access import may_record_nominee
from huanjie.committees.management import arguments as args
from huanjie.committees.models import ElectionCommittee, Stage
from huanjie.committees.services import committee_nominee_record, vc_election


class Command(BaseCommand):
    help = (
        "登记一名参选人（被提名为村民委员会成员候选人、登记为自荐人或列入正式候选人名单），"
        "并立即核对村民选举委员会：本人或其近亲属参选的成员退出，按推选得票依次递补。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help="参选人的身份证号（18位）")
        parser.add_argument("--on", required=True, help="提名或登记的日期，" + args.DATE_HELP)
        parser.add_argument(
            "--confirmed", action="store_true", help="已列入正式候选人（自荐人）名单"
        )
        parser.add_argument("--self", dest="self_nominee", action="store_true", help="自荐人")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person_by_id(options["id_number"])
        place = person.village
        acting = args.actor(
            options["by"],
            place,
            may_record_nominee,
            "参选人由本村村选委会或乡镇组织委员登记。",
        )
        election = vc_election(place)
        committee = (
            ElectionCommittee.objects.filter(election=election).first() if election else None
        )
        if committee is None:
            raise args.refuse(msg.NO_COMMITTEE.format(village=place.name))
        try:
            _, outcome = committee_nominee_record(
                committee=committee,
                person=person,
                stage=Stage.CONFIRMED if options["confirmed"] else Stage.NOMINATED,
                self_nominee=options["self_nominee"],
                on=args.day(options["on"]),
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记：") from exc
        self.stdout.write(f"已登记参选人{person.name}（{place.name}）。")
        for member in outcome.withdrawn:
            self.stdout.write(
                f"{member.person.name}退出村民选举委员会（{member.leave_rule_ids}）："
                f"{member.leave_reason}"
            )
        for member in outcome.filled:
            self.stdout.write(f"{member.person.name}按推选得票依次递补为委员。")
        for finding in outcome.findings:
            self.stdout.write(f"{finding.message}（{finding.rule_id}）")
        if not outcome.withdrawn:
            self.stdout.write("村民选举委员会成员中没有需要退出的人。")
