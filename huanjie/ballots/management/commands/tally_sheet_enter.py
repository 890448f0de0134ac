"""`huanjie tally_sheet_enter ELECTION BOX --issued N --collected N --invalid N --blank N
[--present N] --vote 主任:张伟:4 … --by USERNAME` — one clerk's entry of one box's tally sheet.
A party round (members' meeting or the committee plenary) needs `--present`: the voting members
(or committee members) present, from which the engine judges the quorum (PB-QUORUM-1/3).
A supervision committee or cooperative round needs its meeting first (`tally_meeting_record`);
its posts may be given by their names on the body (理事长:张伟:230, 监事:李梅:25).

The same service as the page: the second entry must come from another committee member; a
mismatch is printed field by field; impossible numbers are refused with the rule ID (exit 2).
`--kind` creates the box when the village has none of that name.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.assemblies import post_label
from huanjie.ballots.contest import Numbers
from huanjie.ballots.management import arguments
from huanjie.ballots.models import Box, BoxKind
from huanjie.ballots.services import box_add, sheet_entry_record
from huanjie.elections.models import Post
from huanjie.people.management.arguments import choice, refuse, refused

POSTS = {str(label): value for value, label in Post.choices}
KINDS = {str(label): value for value, label in BoxKind.choices}


class Command(BaseCommand):
    help = "录入一个票箱的计票单（两名村选委会成员各录入一次，核对一致后采用）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（选举页地址中的数字）")
        parser.add_argument("box", help="票箱名称，如“中心会场”")
        parser.add_argument("--kind", help="票箱不存在时新设：中心会场、投票站或流动票箱")
        parser.add_argument("--issued", type=int, required=True, help="发出选票张数")
        parser.add_argument("--collected", type=int, required=True, help="收回选票张数")
        parser.add_argument("--invalid", type=int, required=True, help="无效票张数（含空白票）")
        parser.add_argument("--blank", type=int, default=0, help="其中空白票张数")
        parser.add_argument(
            "--present",
            type=int,
            help="党内选举：实到会的有表决权党员人数（全委会：实到会委员人数）",
        )
        parser.add_argument(
            "--vote", action="append", default=[], metavar="职位:姓名:票数", help="每人一项"
        )
        parser.add_argument("--by", required=True, metavar="USERNAME", help="录入人的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        village = election.plan.village
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        # A post by its name on this body too (理事长, 监事; tally-io.md posts by body).
        posts = {**POSTS, **{post_label(election.body, p): p for p in POSTS.values()}}
        votes: dict[str, dict[str, int]] = {}
        for item in options["vote"]:
            parts = item.rsplit(":", 2)
            if len(parts) != 3 or not parts[2].lstrip("-").isdigit():
                raise refuse(f"--vote “{item}”应写成 职位:姓名:票数，如 主任:张伟:402。")
            post = choice(parts[0], posts, "职位")
            votes.setdefault(post, {})[parts[1].strip()] = int(parts[2])
        numbers = Numbers(
            options["issued"],
            options["collected"],
            options["invalid"],
            options["blank"],
            votes,
            options["present"],
        )
        try:
            box = Box.objects.filter(village=village, name=options["box"].strip()).first()
            if box is None:
                if not options["kind"]:
                    raise refuse(
                        f"{village.name}没有名为“{options['box']}”的票箱；新设请加 --kind。"
                    )
                kind = choice(options["kind"], KINDS, "票箱类别")
                box = box_add(village=village, kind=kind, name=options["box"], acting_user=user)
            done = sheet_entry_record(election=election, box=box, numbers=numbers, acting_user=user)
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未录入：") from exc
        if done.result is not None:
            self.stdout.write(f"{box}计票单已核对一致；各票箱均已核对，选举结果已计出。")
        elif done.accepted:
            self.stdout.write(f"{box}计票单已核对一致。")
        elif done.mismatches:
            self.stdout.write(f"{box}两次录入不一致，请核对后由录入有误的一方更正：")
            for what, first, second in done.mismatches:
                self.stdout.write(f"  {what}：第一次 {first}，第二次 {second}")
        else:
            self.stdout.write(f"{box}计票单已录入，待另一名村选委会成员再录入一次。")
