"""`huanjie voting_arrange ELECTION station|staff|mobile_voter|approve …` — the arrangements as
the web page makes them:

  station 名称 --kind 中心会场|投票站|流动票箱 --place 地点 --hours 时间 [--route 路线]
  staff 人员 --duty 唱票人|计票人|监票人 [--box 票箱名称]   (refused for candidates' relatives, KIN-3)
  mobile_voter 人员 --box 票箱名称 --reason 原因
  approve --box 票箱名称                                      (the township, MOBILE-1)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandParser

from huanjie.ballots.models import BoxKind
from huanjie.people.management.arguments import actor, choice, refuse, refused
from huanjie.voting import services
from huanjie.voting.access import may_approve_mobile, may_arrange
from huanjie.voting.management.common import ELECTION_HELP, PERSON_HELP, election, person
from huanjie.voting.models import Duty, Station

KINDS = {str(label): value for value, label in BoxKind.choices}
DUTIES = {str(label): value for value, label in Duty.choices}
ACTIONS = ("station", "staff", "mobile_voter", "approve")


class Command(BaseCommand):
    help = "安排投票点、选举工作人员、流动票箱投票人，或（乡镇）批准流动票箱"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", type=int, help=ELECTION_HELP)
        parser.add_argument(
            "action", choices=ACTIONS, help="station、staff、mobile_voter 或 approve"
        )
        parser.add_argument("name", nargs="?", default="", help="投票点名称，或人员" + PERSON_HELP)
        parser.add_argument("--kind", help="投票点类别：中心会场、投票站或流动票箱")
        parser.add_argument("--place", default="", help="地点")
        parser.add_argument("--hours", default="", help="投票时间，如 8:00—12:00")
        parser.add_argument("--route", default="", help="流动票箱的路线")
        parser.add_argument("--duty", help="唱票人、计票人或监票人")
        parser.add_argument("--box", help="票箱名称（监票人、流动票箱投票人、批准时）")
        parser.add_argument("--reason", default="", help="使用流动票箱的原因")
        parser.add_argument("--by", metavar="USERNAME", help="办理人的用户名")

    def _station(self, found: Any, name: str | None) -> Station | None:
        if not name:
            return None
        station = Station.objects.filter(election=found, box__name=name.strip()).first()
        if station is None:
            raise refuse(f"本次选举没有安排名为“{name}”的票箱。")
        return station

    def handle(self, *args: Any, **options: Any) -> None:
        found = election(options["election"])
        village = found.plan.village
        action = options["action"]
        if action == "approve":
            user = actor(options["by"], village, may_approve_mobile, "流动票箱由乡镇批准。")
        else:
            user = actor(options["by"], village, may_arrange, "投票安排由村选委会办理。")
        if action != "approve" and not options["name"]:
            raise refuse("请给出名称或人员。")
        try:
            if action == "station":
                kind = choice(options["kind"] or "", KINDS, "投票点类别")
                made = services.station_add(
                    election=found,
                    kind=kind,
                    name=options["name"],
                    place=options["place"],
                    hours=options["hours"],
                    route=options["route"],
                    acting_user=user,
                )
                said = f"已安排{made.box.name}。"
            elif action == "staff":
                duty = choice(options["duty"] or "", DUTIES, "职责")
                member = services.staff_add(
                    election=found,
                    person=person(village, options["name"]),
                    duty=duty,
                    station=self._station(found, options["box"]),
                    acting_user=user,
                )
                said = f"已确定{member.person.name}为{member.get_duty_display()}。"
            elif action == "mobile_voter":
                station = self._station(found, options["box"] or "")
                if station is None:
                    raise refuse("请用 --box 给出流动票箱名称。")
                listed = services.mobile_voter_add(
                    station=station,
                    person=person(village, options["name"]),
                    reason=options["reason"],
                    acting_user=user,
                )
                said = f"已将{listed.voter.name}列入{station.box.name}的投票人名单。"
            else:
                station = self._station(found, options["box"] or "")
                if station is None:
                    raise refuse("请用 --box 给出流动票箱名称。")
                services.mobile_approve(station=station, acting_user=user)
                said = f"已批准设立{station.box.name}。"
        except PermissionDenied as exc:
            raise refuse(str(exc)) from exc
        except ValidationError as exc:
            raise refused(exc, "未办理：") from exc
        self.stdout.write(said)
