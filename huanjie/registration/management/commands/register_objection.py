"""`huanjie register_objection file …` / `decide …`: an objection to the published voter list
received, and the committee's decision on it (VC-REG-6)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.models import Sex
from huanjie.regions.models import VillagerGroup
from huanjie.registration.management import arguments as args
from huanjie.registration.models import Objection, ObjectionKind, ObjectionStatus
from huanjie.registration.services import objection_decide, objection_file
from huanjie.registration.services.objections import decision_due, late_finding

KINDS = {"新增": ObjectionKind.ADD, "取消": ObjectionKind.REMOVE, "更正": ObjectionKind.CORRECT}
KINDS.update({k.value: k for k in ObjectionKind})
SEXES = {"男": Sex.MALE, "女": Sex.FEMALE}


class Command(BaseCommand):
    help = (
        "选民名单异议：登记收到的异议（异议期届满后收到的也登记，但不予受理），"
        "或作出处理决定（收到之日起3日内、选举日前），异议成立的随即更正名单。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="file|decide")
        filing = actions.add_parser("file", help="登记收到的异议")
        filing.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        filing.add_argument(
            "--person", required=True, metavar="身份证号", help="涉及人员的身份证号"
        )
        filing.add_argument(
            "--kind", required=True, help="异议事项：新增（应列入而未列入）、取消、更正"
        )
        filing.add_argument("--received", required=True, metavar="日期", help="收到日期")
        filing.add_argument("--filed-by", required=True, metavar="提出人", help="提出异议的人")
        filing.add_argument("--claim", required=True, metavar="内容", help="异议内容")
        filing.add_argument("--new-name", default="", help="更正后的姓名（更正信息时）")
        filing.add_argument("--new-sex", default="", help="更正后的性别：男或女")
        filing.add_argument("--new-group", default="", help="更正后的村民小组名称")
        args.add_by(filing)
        deciding = actions.add_parser("decide", help="作出处理决定")
        deciding.add_argument("objection", metavar="异议编号", type=int, help="file 输出的编号")
        outcome = deciding.add_mutually_exclusive_group(required=True)
        outcome.add_argument("--upheld", action="store_true", help="异议成立，更正选民名单")
        outcome.add_argument("--rejected", action="store_true", help="异议不成立，维持原登记")
        deciding.add_argument("--reasons", required=True, metavar="理由", help="决定的理由")
        deciding.add_argument("--on", required=True, metavar="日期", help="决定日期")
        args.add_by(deciding)

    def handle(self, *a: Any, **options: Any) -> None:
        if options["action"] == "file":
            self._file(options)
        else:
            self._decide(options)

    def _file(self, options: dict[str, Any]) -> None:
        place = args.village(options["village"])
        acting = args.actor(options["by"], place, objections=True)
        register = args.register(place)
        kind = KINDS.get(options["kind"].strip())
        if kind is None:
            raise args.refuse(f"异议事项“{options['kind']}”无法识别，请用：新增、取消或更正。")
        group = None
        if options["new_group"]:
            group = VillagerGroup.objects.filter(village=place, name=options["new_group"]).first()
            if group is None:
                raise args.refuse(f"{place.name}没有名为“{options['new_group']}”的村民小组。")
        sex = options["new_sex"].strip()
        if sex and sex not in SEXES:
            raise args.refuse("更正后的性别请填“男”或“女”。")
        received = args.day(options["received"])
        assert received is not None
        try:
            objection = objection_file(
                register=register,
                received_on=received,
                filed_by=options["filed_by"],
                kind=kind,
                person=args.person(options["person"]),
                claim=options["claim"],
                new_name=options["new_name"],
                new_sex=SEXES.get(sex, ""),
                new_group=group,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未登记异议") from exc
        late = late_finding(objection)
        if late is not None:
            raise args.refuse(
                f"已登记异议（编号{objection.pk}），不予受理：{late.message}（{late.rule_id}）"
            )
        self.stdout.write(
            f"已受理异议，编号{objection.pk}；请于{decision_due(objection)}前作出处理决定并公布。"
        )

    def _decide(self, options: dict[str, Any]) -> None:
        objection = (
            Objection.objects.select_related("register__village", "person")
            .filter(pk=options["objection"])
            .first()
        )
        if objection is None:
            raise args.refuse(f"找不到编号为{options['objection']}的异议，请核对编号。")
        place = objection.register.village
        acting = args.actor(options["by"], place, objections=True)
        decided = args.day(options["on"])
        assert decided is not None
        try:
            objection = objection_decide(
                objection=objection,
                upheld=bool(options["upheld"]),
                reasons=options["reasons"],
                decided_on=decided,
                acting_user=acting,
            )
        except ValidationError as exc:
            raise args.refused(exc, "未作出决定") from exc
        changed = "选民名单已随之更正；" if objection.status == ObjectionStatus.UPHELD else ""
        self.stdout.write(
            f"已作出决定：{objection.get_status_display()}（{objection.person.name}）。"
            f"{changed}请在网页“异议”中公布处理结果（补充公告）。"
        )
