"""`huanjie register_cards 村代码 [--pdf 文件 --from N --to M] [--by 用户名]`: voter cards of a
published register (numbers for every voter without one, and a batch PDF), and `--reissue 编号
--reason …` for a lost card (its number void, a new one issued)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from huanjie.audit.services import record_audit
from huanjie.documents.downloads import DOCUMENT_DOWNLOAD
from huanjie.documents.voter_register import cards_document
from huanjie.registration.management import arguments as args
from huanjie.registration.models import VoterCard
from huanjie.registration.selectors import CARD_RANGE
from huanjie.registration.services import card_reissue, cards_issue


class Command(BaseCommand):
    help = (
        "选民证：为已公布名单上还没有选民证的选民按名单顺序编号发放；--pdf 输出选民证 PDF"
        f"（--from/--to 编号，每份最多{CARD_RANGE}张）；--reissue 编号 --reason 原因："
        "遗失补发，原编号作废。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("village", metavar="村代码", help=args.VILLAGE_HELP)
        parser.add_argument("--pdf", metavar="文件", help="输出选民证 PDF")
        parser.add_argument("--from", dest="first", type=int, default=1, help="起始编号")
        parser.add_argument("--to", dest="last", type=int, help="截止编号")
        parser.add_argument("--reissue", type=int, metavar="编号", help="补发这个编号的选民证")
        parser.add_argument("--reason", default="", help="补发原因（如：遗失）")
        args.add_by(parser)

    def handle(self, *a: Any, **options: Any) -> None:
        place = args.village(options["village"])
        acting = options["acting"] = args.actor(options["by"], place)
        register = args.register(place)
        if options["reissue"] is not None:
            card = VoterCard.objects.filter(register=register, number=options["reissue"]).first()
            if card is None:
                raise args.refuse(f"{place.name}没有编号为{options['reissue']}的选民证。")
            try:
                new = card_reissue(card=card, reason=options["reason"], acting_user=acting)
            except ValidationError as exc:
                raise args.refused(exc, "未补发") from exc
            self.stdout.write(
                f"已补发{new.voter.name}的选民证：新编号{new.number:05d}，"
                f"原编号{card.number:05d}作废。"
            )
            options["first"] = options["last"] = new.number
        elif not options["pdf"]:
            try:
                issued = cards_issue(register=register, acting_user=acting)
            except ValidationError as exc:
                raise args.refused(exc, "未发放") from exc
            self.stdout.write(
                f"已发放选民证{len(issued)}张，编号{issued[0].number:05d}至{issued[-1].number:05d}。"
            )
        if options["pdf"]:
            self._pdf(register, options)

    def _pdf(self, register: Any, options: dict[str, Any]) -> None:
        first = options["first"]
        last = min(options["last"] or first + CARD_RANGE - 1, first + CARD_RANGE - 1)
        cards = list(
            VoterCard.objects.filter(
                register=register, voided_at__isnull=True, number__gte=first, number__lte=last
            )
            .select_related("voter")
            .order_by("number")
        )
        if not cards:
            raise args.refuse(f"没有编号{first}至{last}的有效选民证；请先不带 --pdf 运行以发放。")
        data, pages = cards_document(register, cards).pdf_and_pages()
        Path(options["pdf"]).write_bytes(data)
        with transaction.atomic():  # as a download on the web: on the village's trail
            record_audit(
                actor=options["acting"],
                action=DOCUMENT_DOWNLOAD,
                target=register.village,
                village=register.village,
                after={
                    "document": f"选民证（{cards[0].number:05d}-{cards[-1].number:05d}号）",
                    "format": "PDF",
                    "pages": pages,
                    "command": "register_cards",
                },
            )
        self.stdout.write(
            f"已输出选民证{len(cards)}张（{cards[0].number:05d}至{cards[-1].number:05d}号）到"
            f"{options['pdf']}。"
        )
