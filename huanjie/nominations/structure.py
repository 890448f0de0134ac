"""The slate's structure on the nominations page and at publication: the village's candidates
read into the rules' facts (`huanjie.rules.bodies.structure`), which say what blocks (the
committee's size VC-ORG-1, a post's margin VC-NOM-2) and what only warns (VC-ORG-2, SEED-STRUCT)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from huanjie.committees.services.common import profile_of
from huanjie.elections.models import Body, Method, OfficeHolder, Post
from huanjie.nominations.party_slate import slate_of
from huanjie.nominations.selectors import VillageNominations, candidates
from huanjie.nominations.village_facts import former_villages, village_minorities
from huanjie.rules.bodies.composition import Member, check_vc_size
from huanjie.rules.bodies.merged import check_former_village_balance
from huanjie.rules.bodies.structure import PostSlate, SlateFacts, check_post_margin, check_slate
from huanjie.rules.checks import Finding
from huanjie.rules.eligibility.preferences import Education
from huanjie.rules.kinship.terms import Sex

if TYPE_CHECKING:
    from huanjie.elections.models import Election
    from huanjie.nominations.models import Application, Recruitment


def _member(application: Application) -> Member:
    person = application.person
    return Member(
        key=str(person.pk),
        name=person.name,
        post=application.recruitment.post,
        sex=Sex(person.sex) if person.sex else None,
        birth_date=person.birth_date,
        ethnicity=person.ethnicity or None,
        education=Education(person.education) if person.education else None,
    )


def _contested(election: Election) -> bool:
    return bool(election.method != Method.SELF_NOMINATION)


def slate_findings(view: VillageNominations) -> list[Finding]:
    """What the page tells of the slate; [] before the election has a day."""
    election = view.election
    if election is None or election.election_day is None:
        return []
    if election.body == Body.PARTY_ORGANIZATION:  # the committee's margin, PB-DIFF-1
        return slate_of(election).findings
    facts = SlateFacts(
        posts=tuple(
            PostSlate(p.post, p.label, p.seats, tuple(_member(a) for a in p.candidates))
            for p in view.posts
        ),
        on=election.election_day,
        contested=_contested(election),
        minority_groups=village_minorities(election.plan.village),
        party_secretary=_secretary(election),
    )
    people = [m for p in facts.posts for m in p.candidates]
    balance = check_former_village_balance(people, former_villages(election.plan.village))
    return check_slate(facts, profile_of(election)) + balance


def _secretary(election: Election) -> Member | None:
    """The village's sitting party secretary (the 一肩挑 person, YJT-1): sitting today, or on
    election day once it has passed (a term may be recorded as ending before the new vote)."""
    assert election.election_day is not None  # slate_findings asks only with a day
    day = min(timezone.localdate(), election.election_day)
    holder = (
        OfficeHolder.objects.filter(
            village=election.plan.village,
            body=Body.PARTY_ORGANIZATION,
            post=Post.SECRETARY,
            term_start__lte=day,
            term_end__gt=day,
        )
        .select_related("person")
        .first()
    )
    if holder is None:
        return None
    return Member(key=str(holder.person_id), name=holder.person.name, post=Post.SECRETARY)


def publication_refusals(recruitment: Recruitment) -> list[str]:
    """The blocking findings for publishing this post's list, each with its rule ID."""
    election = recruitment.election
    if election.body == Body.PARTY_ORGANIZATION:  # the committee's margin, PB-DIFF-1
        return [f"{f.message}（{f.rule_id}）" for f in slate_of(election).findings if f.blocking]
    seats = {s.post: s.seats for s in election.seats.all()}
    post = PostSlate(
        recruitment.post,
        recruitment.get_post_display(),
        seats.get(recruitment.post, 0),
        tuple(_member(a) for a in candidates(recruitment)),
    )
    findings = check_vc_size(sum(seats.values()), profile_of(election))
    findings += check_post_margin(post, _contested(election))
    return [f"{f.message}（{f.rule_id}）" for f in findings if f.blocking]
