"""One collected ballot of a box counted ballot by ballot (scanned or electronic pilots).

A record holds the marks on the paper and nothing else: its key is a random UUID, it carries no
time, no sequence and no link to a voter, a ballot issue or a clerk, and it is read back in the
order of its random key — never the order in which ballots were cast or entered (issue 10).
"""

from __future__ import annotations

import uuid

from django.db import models


class BallotRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        "elections.Election", verbose_name="选举", on_delete=models.PROTECT, related_name="+"
    )
    box = models.ForeignKey(
        "ballots.Box", verbose_name="票箱", on_delete=models.PROTECT, related_name="+"
    )
    # {post: [[name, "for" | "against" | "abstain"], …]}: a candidate printed on the ballot with
    # its mark, or a write-in name (always "for": a write-in without a yes mark is not listed).
    marks = models.JSONField("选票内容", default=dict)
    # A physical invalidity the scrutineers declared (tally-io.md: INVALID-TORN …), else empty.
    invalid = models.CharField("无效原因", max_length=32, blank=True)

    class Meta:
        app_label = "ballots"
        verbose_name = "选票记录"
        verbose_name_plural = "选票记录"
        # The random key: no order of casting or entry can be read back.
        ordering = ["id"]

    def __str__(self) -> str:
        return "选票记录"
