"""The village audit page says whether the chain verifies, without walking the whole chain on
every view: it checks what was written since the last check and the entries it shows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from huanjie.accounts.models import Role
from huanjie.accounts.tests.region_tree import RegionTree, make_user
from huanjie.audit.chain import verify_chain
from huanjie.audit.models import AuditChainHead
from huanjie.audit.tests.chain_helpers import alter, delete, write

RED = "审计链在第 {} 条处被改动，请联系县级管理员"


@pytest.fixture
def client_a1(client: Client, tree: RegionTree) -> Client:
    client.force_login(make_user(tree, Role.ELECTION_COMMITTEE))
    return client


def page(client: Client, tree: RegionTree) -> str:
    response = client.get(reverse("core:village_audit", args=[tree.a1.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_green_badge_counts_the_whole_chain(client_a1: Client, tree: RegionTree) -> None:
    write(tree, 2, village=tree.b1)  # on the chain, not on a1's page
    entries = write(tree, 1)
    body = page(client_a1, tree)
    assert "审计链校验通过：共 3 条" in body and "text-bg-success" in body
    # The entries since the last check passed: the next view starts after them.
    assert AuditChainHead.objects.get().verified_id == entries[-1].pk


def test_altered_entry_on_the_page_turns_it_red(client_a1: Client, tree: RegionTree) -> None:
    entries = write(tree, 3)
    page(client_a1, tree)
    alter(entries[1])  # already verified, but shown: checked again
    body = page(client_a1, tree)
    assert RED.format(2) in body and "审计链校验通过" not in body
    # Found once, kept: the next view does not need to find it again.
    failure = AuditChainHead.objects.get().failure
    assert failure is not None and failure["entry_id"] == entries[1].pk


def test_tampering_since_the_last_check_turns_it_red(client_a1: Client, tree: RegionTree) -> None:
    write(tree, 2)
    page(client_a1, tree)
    later = write(tree, 2, village=tree.b1)  # not shown on a1's page
    delete(later[0])
    assert RED.format(3) in page(client_a1, tree)


def test_changed_checkpoint_entry_turns_it_red(client_a1: Client, tree: RegionTree) -> None:
    entries = write(tree, 2, village=tree.b1)
    page(client_a1, tree)
    write(tree, 1, village=tree.b1)
    alter(entries[1])
    assert RED.format(2) in page(client_a1, tree)


def test_older_tampering_shows_after_the_whole_chain_run(
    client_a1: Client, tree: RegionTree
) -> None:
    entries = write(tree, 2, village=tree.b1)
    write(tree, 1)
    page(client_a1, tree)
    alter(entries[0])
    # Verified before and not on this page: left to the whole-chain run (huanjie audit_verify).
    assert "审计链校验通过：共 3 条" in page(client_a1, tree)
    verify_chain()
    assert RED.format(1) in page(client_a1, tree)


def test_empty_chain(client_a1: Client, tree: RegionTree) -> None:
    assert "审计链校验通过：共 0 条" in page(client_a1, tree)
