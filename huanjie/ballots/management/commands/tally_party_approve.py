"""`huanjie tally_party_approve ELECTION --approver 中共某某镇委员会 --date 2026-04-25
--number 某党〔2026〕12号 --by USERNAME` — record the higher-level party committee's approval
of a party election's result (PB-WIN-4, 报上级党委审批) on its final round (the committee
plenary, or the members' meeting of a branch without a committee); the elected become office
holders. `--show` prints where the election stands instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots import party
from huanjie.ballots.management import arguments
from huanjie.elections.models import Post
from huanjie.people.management.arguments import DATE_HELP, day, refuse, refused

if TYPE_CHECKING:
    from huanjie.elections.models import Election

POST_LABELS = dict(Post.choices)


class Command(BaseCommand):
    help = "录入上级党委对党组织换届选举结果的批复（批复后当选人员登记任职）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（一届一次全委会一轮的编号）")
        parser.add_argument("--approver", help="批准机关，如“中共某某镇委员会”")
        parser.add_argument("--date", help=f"批复的{DATE_HELP}")
        parser.add_argument("--number", help="批复文号")
        parser.add_argument("--by", metavar="USERNAME", help="录入人（乡镇干部）的用户名")
        parser.add_argument("--show", action="store_true", help="只显示审批状态")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        if options["show"]:
            self._show(election)
            return
        missing = [flag for flag in ("approver", "date", "number", "by") if not options[flag]]
        if missing:
            raise refuse(f"请填写 {'、'.join('--' + m for m in missing)}。")
        approved_on = day(options["date"])
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        try:
            _, unmatched = party.approval_record(
                election=election,
                approver=options["approver"],
                approved_on=approved_on,
                document_number=options["number"],
                acting_user=user,
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未录入：") from exc
        self.stdout.write(f"已录入批复 {options['number'].strip()}；当选人员已登记任职。")
        if unmatched:
            self.stdout.write(
                f"未能登记任职：{'、'.join(unmatched)}（姓名在本村党员名册中不唯一或查无此人）"
            )

    def _show(self, election: Election) -> None:
        state = party.approval_state(election)
        if state is None:
            self.stdout.write(f"{election}：尚无待审批的最终结果。")
            return
        seats = "、".join(f"{s['person']}（{POST_LABELS[s['post']]}）" for s in state.elected)
        self.stdout.write(f"{election}：{state.label}。当选：{seats}")
        if state.approval is not None:
            a = state.approval
            self.stdout.write(
                f"批复：{a.approver}，{a.approved_on.isoformat()}，{a.document_number}"
            )
