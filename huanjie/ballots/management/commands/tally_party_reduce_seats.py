"""`huanjie tally_party_reduce_seats ELECTION --basis 超过半数的选举人同意 --date 2026-04-25
--by USERNAME` — record the members' meeting's decision to reduce the committee's seats to those
elected instead of the 另行选举 (PB-WIN-3) on the round that left seats open; the 另行选举 the
count created is withdrawn. `--basis` is 多数党员同意, 超过半数的选举人同意 or 大会主席团决定.
`--show` prints whether the seats may be reduced instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots import party_seats
from huanjie.ballots.management import arguments
from huanjie.ballots.models import ReductionBasis
from huanjie.people.management.arguments import DATE_HELP, choice, day, refuse, refused

if TYPE_CHECKING:
    from huanjie.elections.models import Election

BASES = {label: value for value, label in ReductionBasis.choices}


class Command(BaseCommand):
    help = "录入党员大会减少委员名额、不再另行选举的决定（PB-WIN-3）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help="选举编号（名额未选足的党员大会一轮）")
        parser.add_argument("--basis", help=f"决定方式：{'、'.join(BASES)}")
        parser.add_argument("--date", help=f"党员大会作出决定的{DATE_HELP}")
        parser.add_argument("--by", metavar="USERNAME", help="录入人（村选委会成员）的用户名")
        parser.add_argument("--show", action="store_true", help="只显示能否减少名额")

    def handle(self, *args: Any, **options: Any) -> None:
        election = arguments.election(options["election"])
        if options["show"]:
            self._show(election)
            return
        missing = [flag for flag in ("basis", "date", "by") if not options[flag]]
        if missing:
            raise refuse(f"请填写 {'、'.join('--' + m for m in missing)}。")
        basis = choice(options["basis"], BASES, "决定方式（--basis）")
        decided_on = day(options["date"])
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise refuse(f"找不到用户“{options['by']}”，请检查 --by 的用户名。")
        try:
            reduction = party_seats.seats_reduce(
                election=election, basis=basis, decided_on=decided_on, acting_user=user
            )
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未录入：") from exc
        self.stdout.write(
            f"已录入：委员名额由 {reduction.seats_before} 名减为 {reduction.seats_after} 名"
            f"（{reduction.get_basis_display()}），不再另行选举（PB-WIN-3）。"
        )

    def _show(self, election: Election) -> None:
        state = party_seats.shortfall(election)
        if state is None:
            self.stdout.write(f"{election}：没有待另行选举的委员名额。")
            return
        if state.reduction is not None:
            r = state.reduction
            self.stdout.write(
                f"{election}：已于 {r.decided_on.isoformat()} 减少名额，{r.seats_before} 名减为 "
                f"{r.seats_after} 名（{r.get_basis_display()}）。"
            )
            return
        elected = "、".join(state.elected)
        head = f"{election}：应选 {state.seats} 名，已当选 {len(state.elected)} 名（{elected}）。"
        if state.allowed:
            self.stdout.write(head + "可以另行选举，也可以经同意减少名额、不再选举（PB-WIN-3）。")
        else:
            self.stdout.write(head + state.reason)
