"""The vocabulary of a count: bodies, rounds, posts and the error a contest cannot be counted with.

Names follow domain.md §7; the posts of each body and their order are tally-io.md's.
"""

from __future__ import annotations

from enum import StrEnum

from huanjie.rules.errors import RuleViolation


class Body(StrEnum):
    VILLAGERS_COMMITTEE = "villagers_committee"
    PARTY_ORGANIZATION = "party_organization"
    SUPERVISION_COMMITTEE = "supervision_committee"
    COOPERATIVE_BOARD = "cooperative_board"
    COOPERATIVE_SUPERVISORS = "cooperative_supervisors"
    RECALL = "recall"

    @property
    def is_cooperative(self) -> bool:
        return self in (Body.COOPERATIVE_BOARD, Body.COOPERATIVE_SUPERVISORS)


class Round(StrEnum):
    FIRST = "first"
    SUPPLEMENTARY = "supplementary"
    TIE_REVOTE = "tie_revote"


class Post(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    WOMEN_MEMBER = "women_member"
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"

    @property
    def rank(self) -> int:
        """0 is the highest post; `women_member` ranks with `member` (§C.3)."""
        return _RANK[self]


_RANK: dict[Post, int] = {
    Post.CHAIR: 0,
    Post.SECRETARY: 0,
    Post.VICE_CHAIR: 1,
    Post.DEPUTY_SECRETARY: 1,
    Post.MEMBER: 2,
    Post.WOMEN_MEMBER: 2,
}

# The posts of each body, in the order outcomes list them (tally-io.md "Orders").
POSTS: dict[Body, tuple[Post, ...]] = {
    Body.VILLAGERS_COMMITTEE: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER, Post.WOMEN_MEMBER),
    Body.PARTY_ORGANIZATION: (Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER),
    Body.SUPERVISION_COMMITTEE: (Post.CHAIR, Post.MEMBER),
    Body.COOPERATIVE_BOARD: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER),
    Body.COOPERATIVE_SUPERVISORS: (Post.CHAIR, Post.VICE_CHAIR, Post.MEMBER),
    Body.RECALL: (),
}

POST_NAMES: dict[Post, str] = {
    Post.CHAIR: "主任",
    Post.VICE_CHAIR: "副主任",
    Post.MEMBER: "委员",
    Post.WOMEN_MEMBER: "妇女委员",
    Post.SECRETARY: "书记",
    Post.DEPUTY_SECRETARY: "副书记",
}


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


_BODY_POST_NAMES: dict[Body, dict[Post, str]] = {
    Body.COOPERATIVE_BOARD: {
        Post.CHAIR: "理事长",
        Post.VICE_CHAIR: "副理事长",
        Post.MEMBER: "理事",
    },
    Body.COOPERATIVE_SUPERVISORS: {
        Post.CHAIR: "监事长",
        Post.VICE_CHAIR: "副监事长",
        Post.MEMBER: "监事",
    },
}


def post_name(body: Body, post: Post) -> str:
    """The Chinese name of a post in this body (a cooperative's chair is 理事长)."""
    return _BODY_POST_NAMES.get(body, POST_NAMES).get(post, POST_NAMES[post])


# What a count of each body is called in sentences for people (tally --explain, errors).
BODY_NAMES: dict[Body, str] = {
    Body.VILLAGERS_COMMITTEE: "村民委员会选举",
    Body.PARTY_ORGANIZATION: "村党组织选举",
    Body.SUPERVISION_COMMITTEE: "村务监督委员会选举",
    Body.COOPERATIVE_BOARD: "集体经济组织理事会选举",
    Body.COOPERATIVE_SUPERVISORS: "集体经济组织监事会选举",
    Body.RECALL: "罢免投票",
}


class Assembly(StrEnum):
    """Who elects a supervision committee (REP-2 / REP-5) or a cooperative body (CEO-2 / CEO-3)."""

    VILLAGERS = "villagers"
    MEMBERS = "members"
    REPRESENTATIVES = "representatives"


# Reasons a ballot is invalid (tally-io.md `invalid_by_rule`), in the order outcomes list them.
INVALID_RULES: tuple[str, ...] = (
    "VC-TALLY-3",
    "VC-TALLY-4",
    "PB-BALLOT-2",
    "PB-BALLOT-3",
    "PB-BALLOT-4",
    "INVALID-BLANK",
    "INVALID-TORN",
    "INVALID-UNOFFICIAL",
    "INVALID-UNIDENTIFIED",
    "INVALID-WRITER",
    "INVALID-OTHER",
)

IO_1 = "IO-1"


class ContestError(RuleViolation):
    """A contest that cannot be counted: `字段 <field>: <what is wrong> (<rule>)` (exit 2)."""

    def __init__(self, field: str, message: str, rule: str = IO_1) -> None:
        super().__init__(rule, message)
        self.field = field
        self.rule = rule

    @property
    def line(self) -> str:
        """The one line `huanjie tally` writes on standard error."""
        return f"字段 {self.field}: {self.message} ({self.rule})"

    def __str__(self) -> str:
        return self.line
