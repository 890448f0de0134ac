"""`huanjie party_exclusion 身份证号 [--ground 情形 --detail 具体情况] [--consent 日期 --approver …
--document …] [--meeting 日期] [--withdraw 理由] --by USERNAME`: leave a voting member out of
"should attend" (PB-QUORUM-2) and record its two approvals, or withdraw it. Given together, the
steps run in that order, all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from huanjie.elections.management import party_arguments as args
from huanjie.elections.models import AttendanceExclusion, Ground
from huanjie.elections.party import messages as msg
from huanjie.elections.party.access import may_exclude, may_record_consent
from huanjie.elections.party.services import (
    exclusion_consent_record,
    exclusion_meeting_record,
    exclusion_propose,
    exclusion_withdraw,
)

GROUND_HELP = "不列入应到会人数的情形：" + "、".join(str(label) for label in Ground.labels)


class Command(BaseCommand):
    help = (
        "不列入应到会人数：村党组织提出（--ground、--detail），登记上级党组织同意（--consent、"
        "--approver、--document）和党员大会通过（--meeting），或撤回（--withdraw）。"
        "经上级党组织同意并经党员大会通过的才不计入应到会人数。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument("--ground", metavar="情形", help="提出：" + GROUND_HELP)
        parser.add_argument(
            "--detail", metavar="具体情况", help="提出：具体情况，党员大会表决时宣读"
        )
        parser.add_argument("--consent", metavar="日期", help="上级党组织同意的日期")
        parser.add_argument(
            "--approver", metavar="上级党组织", help="同意的上级党组织，如“中共鹤溪街道工作委员会”"
        )
        parser.add_argument(
            "--document",
            metavar="文号",
            help="同意文件或文号（村党组织登记时必填，乡镇组织委员可不填）",
        )
        parser.add_argument("--meeting", metavar="日期", help="党员大会通过的日期")
        parser.add_argument(
            "--withdraw", metavar="理由", help="撤回，写明理由；此人重新计入应到会人数"
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        place = person.village
        election = args.election_of(place)
        steps = [k for k in ("ground", "consent", "meeting", "withdraw") if options[k] is not None]
        if not steps:
            raise args.refuse(
                "没有给出要办理的事项：请用 --ground、--consent、--meeting 或 --withdraw（见 --help）。"
            )
        if options["consent"] is not None and options["approver"] is None:
            raise args.refuse(msg.APPROVER_REQUIRED)
        consent_only = steps == ["consent"]
        acting = args.actor(
            options["by"],
            place,
            may_record_consent if consent_only else may_exclude,
            "不列入应到会人数由村党组织提出和登记；上级党组织同意也可由乡镇组织委员登记。",
        )
        done: list[str] = []
        try:
            with transaction.atomic():
                exclusion = None
                if options["ground"] is not None:
                    exclusion = exclusion_propose(
                        election=election,
                        person=person,
                        ground=args.choice(options["ground"], list(Ground.choices), "情形"),
                        detail=options["detail"] or "",
                        acting_user=acting,
                    )
                    done.append("提出")
                exclusion = exclusion or self._open(election, person)
                if options["consent"] is not None:
                    exclusion = exclusion_consent_record(
                        exclusion=exclusion,
                        on=args.day(options["consent"], "上级党组织同意日期"),  # type: ignore[arg-type]
                        approver=options["approver"],
                        document=options["document"] or "",
                        acting_user=acting,
                    )
                    done.append("上级党组织同意")
                if options["meeting"] is not None:
                    exclusion = exclusion_meeting_record(
                        exclusion=exclusion,
                        on=args.day(options["meeting"], "党员大会通过日期"),  # type: ignore[arg-type]
                        acting_user=acting,
                    )
                    done.append("党员大会通过")
                if options["withdraw"] is not None:
                    exclusion = exclusion_withdraw(
                        exclusion=exclusion, reason=options["withdraw"], acting_user=acting
                    )
                    done.append("撤回")
        except ValidationError as exc:
            raise args.refused(exc) from exc
        if exclusion.withdrawn_at is not None:
            state = "已撤回，重新计入应到会人数"
        elif exclusion.approved:
            state = "已经上级党组织同意并经党员大会通过，不计入应到会人数"
        else:
            missing = "、".join(
                w
                for w, ok in (
                    ("上级党组织同意", exclusion.higher_approved_on),
                    ("党员大会通过", exclusion.meeting_approved_on),
                )
                if ok is None
            )
            state = f"尚待{missing}，仍计入应到会人数"
        self.stdout.write(
            f"已登记{'、'.join(done)}：{person.name}不列入应到会人数（{exclusion.get_ground_display()}）{state}。"
        )

    def _open(self, election: Any, person: Any) -> AttendanceExclusion:
        found = AttendanceExclusion.objects.filter(
            election=election, person=person, withdrawn_at__isnull=True
        ).first()
        if found is None:
            raise args.refuse(
                f"{person.name}没有提出不列入应到会人数；请先用 --ground 和 --detail 提出。"
            )
        return found
