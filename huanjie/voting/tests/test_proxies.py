"""Proxy requests (委托投票) checked by the engine when filed and approved, refusals that change
nothing, and the published list (PROXY-1..5, VC-VOTE-2; ZJ_2025: a near relative on the
register, at most 3 per holder, candidates barred, filed by D−3, published by D−1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huanjie.accounts.models import Role
from huanjie.accounts.tests.factories import user_for
from huanjie.accounts.tests.region_tree import RegionTree
from huanjie.audit.models import AuditEntry
from huanjie.committees.tests.world import family
from huanjie.voting.documents import proxies_context, proxies_document
from huanjie.voting.models import Notice, ProxyRequest, ProxyStatus, Publication, Via
from huanjie.voting.selectors import proxies_view
from huanjie.voting.services import (
    proxies_publish,
    proxy_approve,
    proxy_file,
    proxy_withdraw,
)
from huanjie.voting.tests.world import VotingWorld, build_voting

pytestmark = pytest.mark.django_db


@pytest.fixture
def vw(tree: RegionTree) -> VotingWorld:
    return build_voting(tree)


def file(vw: VotingWorld, principal: str, holder: str, on: date = date(2026, 4, 10), **kw):  # type: ignore[no-untyped-def]
    return proxy_file(
        election=vw.world.election,
        principal=vw[principal],
        holder=vw[holder],
        reason="外出务工",
        filed_on=on,
        acting_user=vw.committee,
        **kw,
    )


def refused(vw: VotingWorld, principal: str, holder: str, **kw) -> str:  # type: ignore[no-untyped-def]
    before = (ProxyRequest.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        file(vw, principal, holder, **kw)
    assert (ProxyRequest.objects.count(), AuditEntry.objects.count()) == before
    return "".join(caught.value.messages)


def test_proxy_1_spouse_filed_on_behalf_approved_published_valid(vw: VotingWorld) -> None:
    request = file(vw, "陈静", "赵刚", filed_by="赵刚（委托人之夫）", via=Via.ONLINE)
    assert request.status == ProxyStatus.FILED
    proxy_approve(request=request, acting_user=vw.committee)
    (row,) = proxies_view(vw.world.election).rows
    assert row.chain == "赵刚是陈静的丈夫" and row.decision is not None
    assert not row.decision.valid and row.decision.failed == "published"  # approved, not yet up
    assert row.pending is False  # the publication day (2026-04-17) has passed
    proxies_publish(election=vw.world.election, day=date(2026, 4, 16), acting_user=vw.committee)
    (row,) = proxies_view(vw.world.election).rows
    assert row.decision is not None
    assert row.decision.valid and row.decision.rule_ids == ("VC-VOTE-2", "PROXY-1")
    request.refresh_from_db()
    assert request.published_on == date(2026, 4, 16) and request.approved_by == vw.committee
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"voting.proxy_file", "voting.proxy_approve", "voting.proxies_publish"} <= actions


def test_proxy_1_not_a_near_relative_refused(vw: VotingWorld) -> None:
    # 王强 is 李梅's husband's son: no counted link between them.
    said = refused(vw, "李梅", "王强")
    assert (
        "受托人不是委托人的配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女" in said
    )
    assert "VC-VOTE-2、PROXY-1" in said


def test_proxy_1_holder_not_on_register_refused(vw: VotingWorld) -> None:
    family(vw["外村人"], vw["吴磊"], "spouse")
    said = refused(vw, "吴磊", "外村人")
    assert "受托人不是本村登记的选民" in said


def test_vc_vote_2_principal_not_on_register_refused(vw: VotingWorld) -> None:
    family(vw["外村人"], vw["吴磊"], "spouse")
    said = refused(vw, "外村人", "吴磊")
    assert said == "委托人外村人不在本村本届选民名单上，不能委托投票（VC-VOTE-2）。"


def test_proxy_4_candidate_may_not_hold(vw: VotingWorld) -> None:
    said = refused(vw, "王强", "张伟")
    assert "受托人是候选人（自荐人），不得接受委托" in said and "PROXY-4" in said


def test_proxy_2_filed_after_the_deadline_refused(vw: VotingWorld) -> None:
    said = refused(vw, "陈静", "赵刚", on=date(2026, 4, 16))
    assert "晚于截止日2026年4月15日（选举日前3日）" in said and "PROXY-2" in said
    assert file(vw, "陈静", "赵刚", on=date(2026, 4, 15)).pk


def test_proxy_2_cap_of_three_per_holder(vw: VotingWorld) -> None:
    for name in ("赵刚", "陈静", "李梅"):
        family(vw["刘洋"], vw[name], "sibling")
    for name in ("周杰", "赵刚", "陈静"):
        proxy_approve(request=file(vw, name, "刘洋"), acting_user=vw.committee)
    said = refused(vw, "李梅", "刘洋")
    assert "受托人已接受3人委托，达到上限" in said and "PROXY-5" in said


def test_proxy_2_no_sub_delegation_either_way(vw: VotingWorld) -> None:
    file(vw, "周杰", "刘洋")
    said = refused(vw, "刘洋", "吴磊")
    assert "刘洋已接受周杰的委托，不能再委托他人投票（不得转委托" in said
    proxy_withdraw(request=ProxyRequest.objects.get(), acting_user=vw.committee)
    file(vw, "刘洋", "吴磊")
    said = refused(vw, "周杰", "刘洋")
    assert "受托人本人已委托他人投票，不得再接受委托" in said


def test_proxy_one_live_request_per_principal(vw: VotingWorld) -> None:
    file(vw, "周杰", "刘洋")
    said = refused(vw, "周杰", "刘洋")
    assert "周杰已有一份委托（受托人刘洋）" in said


def test_proxy_3_list_published_late_refused_nothing_changes(vw: VotingWorld) -> None:
    request = file(vw, "陈静", "赵刚")
    proxy_approve(request=request, acting_user=vw.committee)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        proxies_publish(election=vw.world.election, day=date(2026, 4, 18), acting_user=vw.committee)
    said = "".join(caught.value.messages)
    assert "晚于法定最晚日2026年4月17日（选举日前1日）" in said and "VC-VOTE-2" in said
    assert AuditEntry.objects.count() == before and not Publication.objects.exists()
    request.refresh_from_db()
    assert request.published_on is None


def test_proxy_publish_needs_an_approved_proxy(vw: VotingWorld) -> None:
    file(vw, "陈静", "赵刚")
    with pytest.raises(ValidationError, match="还没有审核同意的委托"):
        proxies_publish(election=vw.world.election, day=date(2026, 4, 16), acting_user=vw.committee)


def test_proxy_published_cannot_be_withdrawn(vw: VotingWorld) -> None:
    request = file(vw, "陈静", "赵刚")
    proxy_approve(request=request, acting_user=vw.committee)
    proxies_publish(election=vw.world.election, day=date(2026, 4, 16), acting_user=vw.committee)
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="已于2026年4月16日公布，不能撤回"):
        proxy_withdraw(request=request, acting_user=vw.committee)


def test_proxy_only_the_committee_files(vw: VotingWorld, tree: RegionTree) -> None:
    outsider = user_for(Role.ELECTION_COMMITTEE, tree.a2, username="other-ec")
    with pytest.raises(PermissionDenied):
        proxy_file(
            election=vw.world.election,
            principal=vw["陈静"],
            holder=vw["赵刚"],
            reason="外出",
            filed_on=date(2026, 4, 10),
            acting_user=outsider,
        )
    assert not ProxyRequest.objects.exists()


def test_proxy_list_document(vw: VotingWorld) -> None:
    request = file(vw, "陈静", "赵刚")
    proxy_approve(request=request, acting_user=vw.committee)
    file(vw, "周杰", "刘洋")  # not approved: not on the list
    proxies_publish(election=vw.world.election, day=date(2026, 4, 16), acting_user=vw.committee)
    context = proxies_context(vw.world.election)
    (notice,) = context["notices"]
    assert notice.rows == [["赵刚", "陈静", "赵刚是陈静的丈夫"]]
    assert context["issued_on"] == date(2026, 4, 16)
    document = proxies_document(vw.world.election)
    assert (
        "关于委托投票名单的公告" in document.html and "每名受托人接受委托不超过3人" in document.html
    )
    assert document.pdf()[:4] == b"%PDF"
    assert Publication.objects.get().notice == Notice.PROXIES
