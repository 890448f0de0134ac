"""`huanjie person_update 身份证号 [--name …] [--relation …] …`: change a person's entry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.people.management import register_arguments as args
from huanjie.people.register import columns as col
from huanjie.people.services import person_update


class Command(BaseCommand):
    help = (
        "修改一个人的户籍登记信息，只改给出的项；改正身份证号时性别和出生日期随之更正。"
        "户主请用 household_head 更换。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id_number", metavar="身份证号", help=args.ID_HELP)
        parser.add_argument("--name", help="姓名")
        parser.add_argument("--id-number", dest="new_id_number", help="改正后的身份证号")
        parser.add_argument("--relation", help=args.RELATION_HELP)
        parser.add_argument("--ethnicity", help="民族")
        parser.add_argument("--education", help=args.EDUCATION_HELP + "（给空字符串为未填写）")
        parser.add_argument("--political-status", help=args.POLITICAL_HELP)
        parser.add_argument("--phone", help="联系电话（给空字符串为清除）")
        parser.add_argument("--hukou", help="户籍在本村：" + args.YES_NO_HELP)
        parser.add_argument("--resides", help="在本村居住：" + args.YES_NO_HELP)
        parser.add_argument("--deprived", help="被剥夺政治权利：" + args.YES_NO_HELP)
        parser.add_argument(
            "--tags", help=args.TAG_HELP + "；多个用“、”分隔，给出的标签替换原有的，空字符串为清除"
        )
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        person = args.person(options["id_number"])
        acting = args.actor(options["by"], person.village)
        changes: dict[str, Any] = {}
        for option, field in (("name", "name"), ("new_id_number", "id_number"),
                              ("ethnicity", "ethnicity"), ("phone", "phone")):  # fmt: skip
            if options[option] is not None:
                changes[field] = options[option]
        if options["relation"] is not None:
            changes["relation_to_head"] = args.choice(
                options["relation"], col.RELATION_BY_LABEL, col.RELATION
            )
        if options["education"] is not None:
            changes["education"] = (
                args.choice(options["education"], col.EDUCATION_BY_LABEL, col.EDUCATION)
                if options["education"].strip()
                else ""
            )
        if options["political_status"] is not None:
            changes["political_status"] = args.choice(
                options["political_status"], col.POLITICAL_BY_LABEL, col.POLITICAL_STATUS
            )
        for option, field, column in (("hukou", "hukou_in_village", col.HUKOU),
                                      ("resides", "resides_in_village", col.RESIDES),
                                      ("deprived", "deprived_of_political_rights", "被剥夺政治权利")):  # fmt: skip
            if options[option] is not None:
                changes[field] = args.yes_no(options[option], column)
        if options["tags"] is not None:
            changes["tags"] = list(args.tags([options["tags"]]))
        if not changes:
            raise args.refuse(
                "没有给出要修改的项，请用 --name、--relation、--phone 等指明（见 --help）。"
            )
        try:
            person = person_update(person=person, changes=changes, acting_user=acting)
        except ValidationError as exc:
            raise args.refused(exc) from exc
        self.stdout.write(f"已保存{person.name}（{person.village.name}）的信息。")
