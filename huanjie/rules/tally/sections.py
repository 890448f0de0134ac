"""Readers for the structured fields of a contest: seats, votes, ballots, people, relations.

Each returns canonical, immutable data (posts in the body's order, persons in code-point
order) or raises `ContestError` naming the field (IO-1).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

from huanjie.rules.kinship.relations import Relation, RelationKind
from huanjie.rules.tally.contest import Ballot, EarlierSeat, PersonFacts
from huanjie.rules.tally.fields import (
    array,
    at,
    boolean,
    choice,
    distinct_names,
    integer,
    names,
    obj,
    only_keys,
    required,
    text,
)
from huanjie.rules.tally.model import (
    INVALID_RULES,
    POSTS,
    Body,
    ContestError,
    Post,
    Sex,
    post_name,
)

V = TypeVar("V")

_SYMMETRIC = frozenset({RelationKind.SPOUSE, RelationKind.SIBLING})


def post_of(key: str, field: str, body: Body) -> Post:
    for post in POSTS[body]:
        if key == post:
            return post
    allowed = "、".join(f"{post}（{post_name(body, post)}）" for post in POSTS[body])
    raise ContestError(field, f"未知职位 {key}，此机构的职位在 JSON 中只能写 {allowed}")


def post_with_seats(key: str, field: str, body: Body, seats: Mapping[Post, int]) -> Post:
    post = post_of(key, field, body)
    if post not in seats:
        raise ContestError(
            field,
            f"职位 {key} 不在本轮的应选名额（JSON 字段 seats）中，"
            "请删除这一项，或在 seats 中补上该职位的名额",
        )
    return post


def in_post_order(body: Body, by_post: Mapping[Post, V]) -> Mapping[Post, V]:
    return MappingProxyType({post: by_post[post] for post in POSTS[body] if post in by_post})


def read_seats(value: object, body: Body) -> Mapping[Post, int]:
    data = obj(value, "seats")
    if not data:
        raise ContestError(
            "seats", '应选名额（JSON 字段 seats）至少要有一个职位，如 {"member": 2} 即选委员 2 名'
        )
    seats: dict[Post, int] = {}
    for key, count in data.items():
        field = at("seats", key)
        post = post_of(key, field, body)
        seats[post] = integer(count, field)
        if seats[post] == 0:
            raise ContestError(
                field, "名额不能为 0；本轮不选的职位请从应选名额（JSON 字段 seats）中删去"
            )
    return in_post_order(body, seats)


def read_votes(
    value: object, body: Body, seats: Mapping[Post, int]
) -> Mapping[Post, Mapping[str, int]]:
    data = obj(value, "votes")
    votes: dict[Post, Mapping[str, int]] = {}
    for key, section in data.items():
        field = at("votes", key)
        post = post_with_seats(key, field, body, seats)
        counts = obj(section, field)
        votes[post] = MappingProxyType(
            {
                text(person, at(field, person)): integer(counts[person], at(field, person))
                for person in sorted(counts)
            }
        )
    return in_post_order(body, votes)


def read_ballots(value: object, body: Body, seats: Mapping[Post, int]) -> tuple[Ballot, ...]:
    return tuple(
        _read_ballot(item, at("ballots", index), body, seats)
        for index, item in enumerate(array(value, "ballots"))
    )


def _read_ballot(value: object, field: str, body: Body, seats: Mapping[Post, int]) -> Ballot:
    data = obj(value, field)
    if "invalid" in data:
        only_keys(data, ("invalid",), field)
        reason = data["invalid"]
        if not isinstance(reason, str) or reason not in INVALID_RULES:
            raise ContestError(
                at(field, "invalid"), f"无效原因只能是 {'、'.join(INVALID_RULES)} 之一，请改正"
            )
        return Ballot(invalid=reason)
    marks: dict[Post, tuple[str, ...]] = {}
    for key, persons in data.items():
        section = at(field, key)
        marks[post_with_seats(key, section, body, seats)] = names(persons, section)
    return Ballot(marks=tuple(in_post_order(body, marks).items()))


def read_invalid_by_rule(value: object, invalid_ballots: int) -> Mapping[str, int]:
    data = obj(value, "invalid_by_rule")
    only_keys(data, INVALID_RULES, "invalid_by_rule")
    counts = {
        rule: integer(data[rule], at("invalid_by_rule", rule))
        for rule in INVALID_RULES
        if rule in data
    }
    if sum(counts.values()) != invalid_ballots:
        raise ContestError(
            "invalid_by_rule",
            f"各原因的无效票合计 {sum(counts.values())} 张，与 invalid_ballots"
            f" {invalid_ballots} 张不符，请核对",
        )
    return MappingProxyType({rule: count for rule, count in counts.items() if count})


def read_candidates(
    value: object, body: Body, seats: Mapping[Post, int]
) -> Mapping[Post, tuple[str, ...]]:
    data = obj(value, "candidates")
    candidates = {
        post_with_seats(key, at("candidates", key), body, seats): tuple(
            sorted(distinct_names(persons, at("candidates", key)))
        )
        for key, persons in data.items()
    }
    return in_post_order(body, candidates)


def read_people(value: object) -> Mapping[str, PersonFacts]:
    data = obj(value, "people")
    people: dict[str, PersonFacts] = {}
    for person in sorted(data):
        field = at("people", person)
        facts = obj(data[person], field)
        only_keys(facts, ("sex", "ineligible"), field)
        sex = choice(facts["sex"], at(field, "sex"), tuple(Sex)) if "sex" in facts else None
        ineligible = (
            boolean(facts["ineligible"], at(field, "ineligible"))
            if "ineligible" in facts
            else False
        )
        people[text(person, field)] = PersonFacts(sex=sex, ineligible=ineligible)
    return MappingProxyType(people)


def read_relations(value: object) -> tuple[Relation, ...]:
    relations: set[Relation] = set()
    for index, item in enumerate(array(value, "relations")):
        field = at("relations", index)
        triple = array(item, field)
        if len(triple) != 3:
            raise ContestError(field, "每条亲属关系应为 [甲, 乙, 关系] 三项，请改正")
        a, b = text(triple[0], at(field, 0)), text(triple[1], at(field, 1))
        kind = choice(triple[2], at(field, 2), tuple(RelationKind))
        if a == b:
            raise ContestError(field, f"{a} 不能与自己有亲属关系，请改正")
        if kind in _SYMMETRIC and b < a:
            a, b = b, a
        relations.add(Relation(a, b, kind))
    return tuple(sorted(relations, key=lambda r: (r.a, r.b, r.kind)))


def read_elected_before(value: object, body: Body) -> tuple[EarlierSeat, ...]:
    seats: dict[str, EarlierSeat] = {}
    for index, item in enumerate(array(value, "elected_before")):
        field = at("elected_before", index)
        data = obj(item, field)
        only_keys(data, ("person", "post"), field)
        person = text(required(data, "person", field), at(field, "person"))
        post = post_of(
            text(required(data, "post", field), at(field, "post")), at(field, "post"), body
        )
        if person in seats:
            raise ContestError(
                at(field, "person"), f"{person} 已在前面的轮次当选，一人只能占一个席位，请核对"
            )
        seats[person] = EarlierSeat(person, post)
    return tuple(seats[person] for person in sorted(seats))
