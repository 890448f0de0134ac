"""A box counted ballot by ballot: the engine classifies every ballot (tally-io.md "Ballot
mode"), the box's totals join the round on the tally-sheet path, bad tables are refused whole
and change nothing, and nothing stored says who cast a ballot or in which order."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.ballots.ballot_mode import (
    Imported,
    box_ballots_import,
    parse_ballots,
    read_table,
    read_text,
    template_header,
)
from huanjie.ballots.ballot_models import BallotRecord
from huanjie.ballots.checks import BallotInput
from huanjie.ballots.contest import seats_of
from huanjie.ballots.models import RoundResult, SheetEntry, TallySheet
from huanjie.ballots.selectors import accepted_numbers, contest_text
from huanjie.ballots.services import sheet_entry_record
from huanjie.ballots.tests.world import TallyWorld, build, sheet
from huanjie.rules.tally.text import recount

pytestmark = pytest.mark.django_db

HEADER = (
    "主任:张伟,主任:王强,主任:另选他人,副主任:赵刚,副主任:另选他人,"
    "委员:刘洋,委员:周杰,委员:另选他人,委员:另选他人,妇女委员:李梅,妇女委员:另选他人,无效原因"
)
#         主任        副主任      委员                 妇女委员   无效原因
BALLOTS = [
    "○,×,,○,,○,○,,,○,,",  # valid: against 王强 is no vote
    "赞成,,,弃权,陈静,○,,吴磊,,○,,",  # valid: a write-in 陈静 for vice chair, 吴磊 written in
    ",反对,,,,,,,,,,",  # no yes mark anywhere: blank (INVALID-BLANK)
    "○,,,○,,,,,,,,撕毁或残缺",  # declared torn by the scrutineers
    "○,○,,○,,○,,,,○,,",  # two yes marks for one chair seat: over-voted (VC-TALLY-3)
    "○,,,○,,○,,刘洋,,○,,",  # 刘洋 twice among the members (VC-TALLY-4)
]


@pytest.fixture
def tw(tree: RegionTree) -> TallyWorld:
    return build(tree)


def table(*rows: str) -> list[BallotInput]:
    return parse_ballots(
        read_text("\n".join([HEADER, *rows])),
        {"chair": 1, "vice_chair": 1, "member": 2, "women_member": 1},
    )


def state() -> tuple[int, ...]:
    return (
        BallotRecord.objects.count(),
        TallySheet.objects.count(),
        SheetEntry.objects.count(),
        RoundResult.objects.count(),
        AuditEntry.objects.count(),
    )


def put(
    tw: TallyWorld, ballots: list[BallotInput], issued: int | None = None, box: str = "central"
) -> Imported:
    return box_ballots_import(
        election=tw.world.election,
        box=getattr(tw, box),
        ballots_issued=len(ballots) if issued is None else issued,
        ballots_collected=len(ballots),
        ballots=ballots,
        acting_user=tw.first,
    )


def test_VC_VOTE_3_for_against_abstain_and_write_ins_are_classified_by_the_engine(
    tw: TallyWorld,
) -> None:
    done = put(tw, table(*BALLOTS))
    assert done.invalid_by_rule == {
        "VC-TALLY-3": 1,
        "VC-TALLY-4": 1,
        "INVALID-BLANK": 1,
        "INVALID-TORN": 1,
    }
    numbers = done.numbers
    assert (numbers.ballots_issued, numbers.ballots_collected) == (6, 6)
    assert (numbers.invalid_ballots, numbers.blank_ballots) == (4, 1)
    # Two valid ballots: against and abstain marks count for nobody, the write-ins count.
    assert numbers.votes == {
        "chair": {"张伟": 2},
        "vice_chair": {"赵刚": 1, "陈静": 1},
        "member": {"刘洋": 2, "周杰": 1, "吴磊": 1},
        "women_member": {"李梅": 2},
    }
    # The box's sheet is accepted as it is: one entry holding the engine's totals.
    entry = SheetEntry.objects.get()
    assert entry.sheet.accepted_at is not None and entry.invalid_ballots == 4
    assert BallotRecord.objects.count() == 6
    stored = sorted(record.invalid for record in BallotRecord.objects.all())
    assert stored == ["", "", "", "", "", "INVALID-TORN"]
    audit = AuditEntry.objects.filter(action="ballots.ballots_import").get()
    assert "marks" not in str(audit.after) and "ballots_collected" in str(audit.after)


def test_VC_TALLY_2_more_ballots_than_issued_are_refused_and_nothing_changes(
    tw: TallyWorld,
) -> None:
    before = state()
    with pytest.raises(ValidationError, match="VC-TALLY-2"):
        put(tw, table(*BALLOTS), issued=5)
    assert state() == before


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            [HEADER.replace("主任:张伟", "书记:张伟"), *BALLOTS],
            "职位“书记”不在本次选举的应选职位中",
        ),
        ([HEADER.replace("主任:张伟", "张伟"), *BALLOTS], "列名“张伟”看不懂"),
        ([HEADER, "好,,,,,,,,,,,"], "第 2 行“主任:张伟”一格的“好”不是可用的标记"),
        ([HEADER, "○,,,,,,,,,,,丢了"], "第 2 行的无效原因“丢了”不是监票人可以认定的原因"),
        ([HEADER, "○,,,,,,,,,,,空白票"], "由系统按计票规则判定"),
        ([HEADER, "○,,,,,,,,,,,,多余"], "第 2 行比列名多出内容"),
        ([HEADER.replace("主任:王强", "主任:张伟"), *BALLOTS], "出现了两次"),
        ([HEADER], "没有选票"),
        ([], "表格是空的"),
    ],
)
def test_bad_tables_are_refused_with_the_row_and_column(rows: list[str], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_ballots(
            read_text("\n".join(rows)),
            {"chair": 1, "vice_chair": 1, "member": 2, "women_member": 1},
        )


def test_a_count_of_rows_other_than_the_ballots_collected_is_refused(tw: TallyWorld) -> None:
    before = state()
    with pytest.raises(ValidationError, match="表格中有 6 张选票，与填写的收回选票 7 张不符"):
        box_ballots_import(
            election=tw.world.election,
            box=tw.central,
            ballots_issued=7,
            ballots_collected=7,
            ballots=table(*BALLOTS),
            acting_user=tw.first,
        )
    assert state() == before


def test_the_round_total_over_the_register_is_refused_and_nothing_changes(tw: TallyWorld) -> None:
    for who in ("first", "second"):
        sheet_entry_record(
            election=tw.world.election, box=tw.mobile, numbers=sheet(), acting_user=getattr(tw, who)
        )
    before = state()
    with pytest.raises(ValidationError, match="各票箱合计后：参加投票人数 12 超过登记选民数 10"):
        put(tw, table(*BALLOTS))
    assert state() == before


def test_a_ballot_box_and_a_sheet_box_are_counted_together_and_recount_alike(
    tw: TallyWorld,
) -> None:
    for who in ("first", "second"):
        sheet_entry_record(
            election=tw.world.election,
            box=tw.mobile,
            numbers=sheet(issued=3, collected=3, invalid=0, blank=0, chair={"张伟": 3}),
            acting_user=getattr(tw, who),
        )
    done = put(tw, table(*BALLOTS))
    assert done.result is not None
    contest = done.result.contest
    assert contest["ballots_collected"] == 9 and contest["invalid_ballots"] == 4
    # The engine's classification of the ballot box reaches the round's contest by rule.
    assert contest["invalid_by_rule"] == {
        "VC-TALLY-3": 1,
        "VC-TALLY-4": 1,
        "INVALID-BLANK": 1,
        "INVALID-TORN": 1,
    }
    assert contest["votes"]["chair"] == {"张伟": 5}
    _, outcome = recount(contest_text(done.result), "contest")
    assert done.result.outcome == outcome.to_dict()
    with pytest.raises(ValidationError, match="已经计出结果"):
        put(tw, table(*BALLOTS))


def test_the_round_sum_reads_its_ballot_records_in_one_query_for_every_ballot_box(
    tw: TallyWorld,
) -> None:
    put(tw, table(BALLOTS[0], BALLOTS[2], BALLOTS[3]))  # valid, blank, torn
    put(tw, table(BALLOTS[1], BALLOTS[4], BALLOTS[5]), box="mobile")  # valid, over, twice
    with CaptureQueriesContext(connection) as queries:
        total = accepted_numbers(tw.world.election)
    reads = [q for q in queries if BallotRecord._meta.db_table in q["sql"]]
    assert len(reads) == 1
    # Each box is classified from its own ballots, and the classifications add up.
    assert total.by_rule == {
        "VC-TALLY-3": 1,
        "VC-TALLY-4": 1,
        "INVALID-BLANK": 1,
        "INVALID-TORN": 1,
    }
    others = accepted_numbers(tw.world.election, exclude_box=tw.mobile)
    assert others.by_rule == {"INVALID-BLANK": 1, "INVALID-TORN": 1}


def test_a_box_begun_as_a_sheet_cannot_switch_to_ballots(tw: TallyWorld) -> None:
    sheet_entry_record(
        election=tw.world.election, box=tw.central, numbers=sheet(), acting_user=tw.first
    )
    before = state()
    with pytest.raises(ValidationError, match="已经开始按计票单两人录入"):
        put(tw, table(*BALLOTS))
    assert state() == before


def test_an_excel_file_reads_like_a_csv_and_another_file_is_refused() -> None:
    book = Workbook()
    sheet_ = book.active
    assert sheet_ is not None
    for line in (HEADER, *BALLOTS[:2]):
        sheet_.append([cell or None for cell in line.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_table("选票.xlsx", buffer.getvalue())
    assert rows[0][0] == "主任:张伟" and rows[2][4] == "陈静"
    gbk = "\n".join([HEADER, BALLOTS[0]]).encode("gb18030")
    assert read_table("选票.csv", gbk)[0][0] == "主任:张伟"
    with pytest.raises(ValidationError, match="不是 CSV 或 Excel 表格"):
        read_table("选票.pdf", b"%PDF")


def test_the_empty_table_names_every_candidate_and_a_write_in_line_per_seat(
    tw: TallyWorld,
) -> None:
    header = template_header(tw.world.election, {"chair": ["张伟", "王强"]})
    assert header[:3] == ["主任:张伟", "主任:王强", "主任:另选他人"]
    assert header.count("委员:另选他人") == seats_of(tw.world.election)["member"]
    assert header[-1] == "无效原因"


def test_no_ballot_record_says_who_cast_it_or_when() -> None:
    """The record's key is random, it has no time and no sequence, and it points only at the
    election and the box: never at a voter, a ballot issue, a person or a user."""
    fields = BallotRecord._meta.get_fields()
    pk = BallotRecord._meta.pk
    assert isinstance(pk, models.UUIDField) and pk.default is not None
    assert not any(isinstance(f, models.DateField | models.AutoField) for f in fields)
    assert {f.name for f in fields if getattr(f, "related_model", None)} == {"election", "box"}
    assert BallotRecord._meta.ordering == ["id"]
