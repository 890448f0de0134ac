"""The audit trail as a hash chain: canonical content, hashes, and verifying the chain.

Each entry's `entry_hash` is the SHA-256 of a canonical JSON of what the entry says together
with `prev_hash`, the hash of the entry written just before it; `sequence` counts the entries
1, 2, 3… without gaps. Walking the entries in id (write) order, a break is one of:

- altered (被改动): an entry whose content no longer gives its hash while it is still linked in
  (its prev_hash is the hash before it, or the entry after it names its hash); or an entry whose
  hash was recomputed after a change, so the next entry no longer names it although the
  sequence runs on without a gap.
- deleted (被删除): an entry names a previous hash that no entry has and the sequence jumps, or
  the chain head names more entries than there are.
- inserted (被插入): an entry the chain runs past (a later entry chains onto the one before it),
  an entry neither linked to the one before nor named by the one after, an entry that chains
  onto an older entry out of sequence, or an entry beyond the chain head.

The hash has no key: someone who can write the database and recomputes every hash from the
changed entry to the head, head row included, is not caught by the chain alone. The head hash
that `huanjie audit_verify` prints, noted down outside the database, catches that too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from huanjie.audit.models import GENESIS_HASH, HEAD_PK, AuditChainHead, AuditEntry

__all__ = [
    "GENESIS_HASH",
    "ChainBreak",
    "ChainRow",
    "ChainVerification",
    "canonical_content",
    "chain_status",
    "compute_hash",
    "row_of",
    "verify_chain",
]

FORMAT = 1  # bump (and re-chain in a migration) if the canonical content ever changes
BATCH = 2000
BreakKind = Literal["altered", "deleted", "inserted"]
KIND_LABELS: dict[str, str] = {"altered": "被改动", "deleted": "被删除", "inserted": "被插入"}


class ChainRow(NamedTuple):
    """What the hash covers, plus the two hashes; the target type as "app_label.model"."""

    id: int
    sequence: int
    created_at: datetime
    actor_id: int | None
    actor_role: str
    action: str
    action_label: str
    target_type: str
    target_id: str
    target_repr: str
    village_id: int | None
    region_code: str
    before: Any
    after: Any
    prev_hash: str
    entry_hash: str


def row_of(entry: Any, target_type: str) -> ChainRow:
    """The chain row of an entry: an `AuditEntry` or the historical model of a migration.

    The actor's role is the snapshot taken at the time; the actor's name is not hashed, it lives
    on the account and may be corrected later without touching the trail.
    """
    return ChainRow(
        entry.id,
        entry.sequence,
        entry.created_at,
        entry.actor_id,
        entry.actor_role,
        entry.action,
        entry.action_label,
        target_type,
        entry.target_id,
        entry.target_repr,
        entry.village_id,
        entry.region_code,
        entry.before,
        entry.after,
        entry.prev_hash,
        entry.entry_hash,
    )


def canonical_content(row: ChainRow) -> bytes:
    """Stable JSON of the entry and its prev_hash: sorted keys, no spaces, UTF-8, time in UTC.

    The sequence, not the id, places the entry (the hash is taken before the insert gives the
    id); an id changed behind the application's back moves the entry out of chain order.
    """
    content = {
        "v": FORMAT,
        "sequence": row.sequence,
        "created_at": _utc(row.created_at),
        "actor": row.actor_id,
        "actor_role": row.actor_role,
        "action": row.action,
        "action_label": row.action_label,
        "target_type": row.target_type,
        "target_id": row.target_id,
        "target_repr": row.target_repr,
        "village": row.village_id,
        "region_code": row.region_code,
        "before": _as_stored(row.before),
        "after": _as_stored(row.after),
        "prev_hash": row.prev_hash,
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def compute_hash(row: ChainRow) -> str:
    return hashlib.sha256(canonical_content(row)).hexdigest()


def _utc(moment: datetime) -> str:
    aware = moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _as_stored(value: Any) -> Any:
    # The value as the JSON column gives it back: what was written (dates, decimals…) and what
    # is read must hash alike. PostgreSQL's jsonb reads 1e20 back as an integer, hence _plain.
    return _plain(json.loads(json.dumps(value, cls=DjangoJSONEncoder)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold. `position` is the place in the chain
    (第 N 条); `entry_id` the entry found there (for a deletion: the one after the gap, None at
    the end of the chain); `missing` how many entries a deletion took."""

    kind: BreakKind
    position: int
    entry_id: int | None = None
    created_at: datetime | None = None
    action_label: str = ""
    missing: int = 0
    reason: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def entry_text(self) -> str:
        if self.entry_id is None:
            return ""
        when = timezone.localtime(self.created_at) if self.created_at else None
        parts = [f"编号 {self.entry_id}"]
        if when is not None:
            parts.append(when.strftime("%Y-%m-%d %H:%M:%S"))
        if self.action_label:
            parts.append(self.action_label)
        return "，".join(parts)

    @property
    def description(self) -> str:
        where = f"第 {self.position} 条"
        if self.kind == "deleted":
            if self.entry_id is None:
                return f"最后 {self.missing} 条记录（自{where}起）被删除。"
            return f"自{where}起有 {self.missing} 条记录被删除，缺在记录（{self.entry_text}）之前。"
        entry = f"（{self.entry_text}）" if self.entry_id is not None else ""
        if self.kind == "altered":
            return f"{where}记录{entry}被改动：{self.reason}。"
        return f"{where}处插入了一条不是系统写入的记录{entry}：{self.reason}。"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "position": self.position,
            "entry_id": self.entry_id,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "action_label": self.action_label,
            "missing": self.missing,
            "reason": self.reason,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChainBreak:
        created = data.get("created_at")
        return cls(
            kind=data["kind"],
            position=int(data["position"]),
            entry_id=data.get("entry_id"),
            created_at=parse_datetime(created) if created else None,
            action_label=data.get("action_label", ""),
            missing=int(data.get("missing", 0)),
            reason=data.get("reason", ""),
        )


@dataclass(frozen=True)
class ChainVerification:
    """`checked`: entries verified by this run; `length`: entries on the chain as far as it
    verified; `head_hash`: the hash it ends on, to be noted down outside the database."""

    checked: int
    length: int
    head_hash: str
    broken: ChainBreak | None = None
    fully_verified_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None

    @property
    def first_bad_id(self) -> int | None:
        return self.broken.entry_id if self.broken else None

    @property
    def kind(self) -> BreakKind | None:
        return self.broken.kind if self.broken else None

    @property
    def description(self) -> str:
        if self.broken is None:
            return f"审计链校验通过：共 {self.length} 条记录，逐条核对无误。"
        return self.broken.description


# --- Walking the chain -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """An entry the chain reached: where the next entry must chain on."""

    id: int | None
    sequence: int
    hash: str


_GENESIS = _Point(None, 0, GENESIS_HASH)
_ROW_COLUMNS = (
    "id",
    "sequence",
    "created_at",
    "actor_id",
    "actor_role",
    "action",
    "action_label",
    "target_type__app_label",
    "target_type__model",
    "target_id",
    "target_repr",
    "village_id",
    "region_code",
    "before",
    "after",
    "prev_hash",
    "entry_hash",
)


def _point(row: ChainRow) -> _Point:
    return _Point(row.id, row.sequence, row.entry_hash)


def _head_point(head: AuditChainHead) -> _Point:
    return _Point(head.last_id, head.last_sequence, head.last_hash)


class _Entries:
    """The entries of one database as chain rows; the look-ups serve only to name a break."""

    def __init__(self, using: str) -> None:
        self.using = using

    def _query(self, **filters: Any) -> Iterator[ChainRow]:
        rows = AuditEntry.objects.using(self.using).filter(**filters).order_by("id")
        for values in rows.values_list(*_ROW_COLUMNS).iterator(chunk_size=BATCH):
            yield _row_from_values(values)

    def rows(self, *, after: int | None = None, upto: _Point | None = None) -> Iterator[ChainRow]:
        """Entries after id `after` up to the entry `upto` (a head at genesis: none at all)."""
        filters: dict[str, int] = {}
        if after is not None:
            filters["id__gt"] = after
        if upto is not None:
            if upto.id is None:
                return iter(())
            filters["id__lte"] = upto.id
        return self._query(**filters)

    def first(self, **filters: Any) -> ChainRow | None:
        return next(self._query(**filters), None)

    def first_after(self, entry_id: int) -> ChainRow | None:
        return self.first(id__gt=entry_id)

    def last_before(self, entry_id: int) -> ChainRow | None:
        found = (
            AuditEntry.objects.using(self.using)
            .filter(id__lt=entry_id)
            .order_by("-id")
            .values_list(*_ROW_COLUMNS)
            .first()
        )
        return _row_from_values(found) if found else None

    def by_hash(self, entry_hash: str) -> ChainRow | None:
        return self.first(entry_hash=entry_hash) if entry_hash != GENESIS_HASH else None

    def chained_onto(self, prev_hash: str, *, after: int) -> bool:
        entries = AuditEntry.objects.using(self.using)
        return entries.filter(id__gt=after, prev_hash=prev_hash).exists()


def _row_from_values(values: tuple[Any, ...]) -> ChainRow:
    (id_, seq, created, actor, role, action, label, app, model, *rest) = values
    return ChainRow(id_, seq, created, actor, role, action, label, f"{app}.{model}", *rest)


@dataclass
class _Walk:
    last: _Point
    last_row: ChainRow | None
    checked: int = 0
    broken: ChainBreak | None = None


def _pairs(rows: Iterable[ChainRow]) -> Iterator[tuple[ChainRow, ChainRow | None]]:
    """Each row with the row after it (a break is named by looking at its neighbours)."""
    it = iter(rows)
    current = next(it, None)
    while current is not None:
        following = next(it, None)
        yield current, following
        current = following


def _walk(walk: _Walk, rows: Iterable[ChainRow], end: _Point | None, db: _Entries) -> _Walk:
    for row, following in _pairs(rows):
        if (
            row.prev_hash == walk.last.hash
            and row.sequence == walk.last.sequence + 1
            and compute_hash(row) == row.entry_hash
        ):
            walk.last, walk.last_row = _point(row), row
            walk.checked += 1
            continue
        walk.broken = _classify(walk.last, walk.last_row, row, following, end, db)
        return walk
    if end is not None:
        walk.broken = _check_end(walk.last, walk.last_row, end, db)
    return walk


def _break(kind: BreakKind, row: ChainRow | None, position: int, reason: str = "") -> ChainBreak:
    if row is None:
        return ChainBreak(kind, position, reason=reason)
    return ChainBreak(kind, position, row.id, row.created_at, row.action_label, reason=reason)


def _classify(
    last: _Point,
    last_row: ChainRow | None,
    row: ChainRow,
    following: ChainRow | None,
    end: _Point | None,
    db: _Entries,
) -> ChainBreak:
    """Name the break at `row`, the first entry after `last` that does not chain on it."""
    position = last.sequence + 1
    sound = compute_hash(row) == row.entry_hash
    linked = row.prev_hash == last.hash
    if db.chained_onto(last.hash, after=row.id):
        return _break("inserted", row, position, "后面的记录越过它，接在它前一条记录上")
    if not sound:
        named = following.prev_hash if following is not None else end.hash if end else None
        if linked or named == row.entry_hash:
            return _break("altered", row, position, "内容与它的哈希不符")
        return _break("inserted", row, position, "它接不上前一条记录，也没有记录接在它后面")
    if not linked:
        parent = db.by_hash(row.prev_hash)
        if parent is None:
            if row.sequence > position:
                return replace(_break("deleted", row, position), missing=row.sequence - position)
            if row.sequence < position:
                return _break("inserted", row, position, "它所记的前一条不存在，序号也对不上")
            if last_row is not None:
                reason = "内容被改后哈希也被重新计算，与下一条记录所记的不符"
                return _break("altered", last_row, last.sequence, reason)
            return _break("altered", row, position, "它所记的前一条哈希被改过")
        if parent.id < row.id and row.sequence == parent.sequence + 1:
            # `row` is the genuine successor of `parent`: what lies between is not on the chain.
            between = db.first_after(parent.id)
            return _break(
                "inserted", between, parent.sequence + 1, "它排在两条相连的记录之间，不在链上"
            )
        return _break("inserted", row, position, "它接在更早的记录上，序号对不上")
    return _break("inserted", row, position, "它的序号与前一条不连续")


def _check_end(
    last: _Point, last_row: ChainRow | None, end: _Point, db: _Entries
) -> ChainBreak | None:
    """The walk ended on `last`; the chain head says it ends on `end`."""
    if last.hash == end.hash and last.sequence == end.sequence:
        return None
    known = db.by_hash(end.hash)
    if known is None and end.sequence > last.sequence:
        return ChainBreak("deleted", last.sequence + 1, missing=end.sequence - last.sequence)
    if known is not None and last.id is not None and known.id < last.id:
        after_head = db.first_after(known.id)
        return _break("inserted", after_head, known.sequence + 1, "它在审计链头所记的最后一条之后")
    if last_row is not None:
        reason = "内容被改后哈希也被重新计算，与审计链头所记的不符"
        return _break("altered", last_row, last.sequence, reason)
    return ChainBreak("altered", end.sequence, reason="审计链头所记的与记录不符")


# --- Verifying -------------------------------------------------------------------------------


def verify_chain(*, using: str = DEFAULT_DB_ALIAS, record: bool = True) -> ChainVerification:
    """Verify the whole chain from its first entry; `record` keeps the result on the head row
    (a pass moves the checkpoint the audit page starts from, a break turns the page red).

    The bulk is walked without a lock, up to the head as read first (entries up to it are
    committed and never change); the few written meanwhile are walked with the head locked, so
    that nothing after the head can be a write still under way: it was slipped in.
    """
    db = _Entries(using)
    heads = AuditChainHead.objects.using(using)
    head = heads.filter(pk=HEAD_PK).first()
    if head is None:  # never written to, or the head row lost: the entries alone must chain
        walk = _walk(_Walk(_GENESIS, None), db.rows(), None, db)
        return ChainVerification(walk.checked, walk.last.sequence, walk.last.hash, walk.broken)
    first_end = _head_point(head)
    walk = _walk(_Walk(_GENESIS, None), db.rows(upto=first_end), first_end, db)
    if walk.broken is None:
        with transaction.atomic(using=using):
            head = heads.select_for_update().get(pk=HEAD_PK)
            end = _head_point(head)
            walk = _walk(walk, db.rows(after=first_end.id, upto=end), end, db)
            if walk.broken is None:
                beyond = db.first_after(end.id) if end.id is not None else db.first()
                if beyond is not None:
                    reason = "它在审计链头所记的最后一条之后"
                    walk.broken = _break("inserted", beyond, end.sequence + 1, reason)
            if record:
                _record(head, walk, using=using)
    elif record:
        heads.filter(pk=HEAD_PK).update(failure=walk.broken.to_json())
    verified_at = timezone.now() if record and walk.broken is None else head.fully_verified_at
    return ChainVerification(
        walk.checked, walk.last.sequence, walk.last.hash, walk.broken, verified_at
    )


def _record(head: AuditChainHead, walk: _Walk, *, using: str) -> None:
    heads = AuditChainHead.objects.using(using).filter(pk=head.pk)
    if walk.broken is not None:
        heads.update(failure=walk.broken.to_json())
        return
    heads.update(
        verified_id=walk.last.id,
        verified_sequence=walk.last.sequence,
        verified_hash=walk.last.hash,
        fully_verified_at=timezone.now(),
        failure=None,
    )


def chain_status(
    shown: Iterable[AuditEntry] = (), *, using: str = DEFAULT_DB_ALIAS
) -> ChainVerification:
    """The chain as the audit page shows it, cheaply: the break any check found, else the
    entries written since the last verification (from the checkpoint on the head row, which
    moves on when they pass) and the entries on the page itself, whatever their age.

    Entries verified before and not on the page are not re-read here: that is the whole-chain
    run of `huanjie audit_verify` (e.g. nightly), whose break this then shows.
    """
    head = AuditChainHead.objects.using(using).filter(pk=HEAD_PK).first()
    if head is None:
        return verify_chain(using=using, record=False)
    if head.failure:
        broken = ChainBreak.from_json(head.failure)
        return ChainVerification(0, head.verified_sequence, head.verified_hash, broken)
    db = _Entries(using)
    end = _head_point(head)
    walk = _Walk(_GENESIS, None)
    if head.verified_id is None:
        walk = _walk(walk, db.rows(upto=end), end, db)
    elif head.verified_id != end.id or head.verified_hash != end.hash:
        rows = db.rows(after=head.verified_id - 1, upto=end)
        walk = _walk_from_checkpoint(head, rows, end, db)
    else:
        walk.last = end
    for entry in shown:
        if walk.broken is not None:
            break
        row = row_of(entry, f"{entry.target_type.app_label}.{entry.target_type.model}")
        if compute_hash(row) != row.entry_hash:
            before = db.last_before(row.id)
            last = _point(before) if before is not None else _GENESIS
            walk.broken = _classify(last, before, row, db.first_after(row.id), None, db)
    entries = AuditChainHead.objects.using(using).filter(pk=HEAD_PK, failure__isnull=True)
    if walk.broken is not None:
        entries.update(failure=walk.broken.to_json())
    elif walk.last.id != head.verified_id:
        # Only if nobody moved it meanwhile; a later check starts from here.
        entries.filter(verified_id=head.verified_id).update(
            verified_id=walk.last.id,
            verified_sequence=walk.last.sequence,
            verified_hash=walk.last.hash,
        )
    return ChainVerification(
        walk.checked, walk.last.sequence, walk.last.hash, walk.broken, head.fully_verified_at
    )


def _walk_from_checkpoint(
    head: AuditChainHead, rows: Iterator[ChainRow], end: _Point, db: _Entries
) -> _Walk:
    """Walk on from the last verified entry, which must itself still be there, unchanged."""
    mark = _Point(head.verified_id, head.verified_sequence, head.verified_hash)
    first = next(rows, None)
    if first is None or first.id != mark.id:
        if first is None:
            missing = max(end.sequence - mark.sequence + 1, 1)
        else:
            missing = max(first.sequence - mark.sequence, 1)
        gap = replace(_break("deleted", first, mark.sequence), missing=missing)
        return _Walk(mark, None, broken=gap)
    if (
        first.entry_hash != mark.hash
        or first.sequence != mark.sequence
        or (compute_hash(first) != first.entry_hash)
    ):
        broken = _break("altered", first, mark.sequence, "内容与它的哈希不符")
        return _Walk(mark, None, broken=broken)
    return _walk(_Walk(mark, first), rows, end, db)
