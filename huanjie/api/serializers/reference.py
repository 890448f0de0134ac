"""Register imports, the audit trail, the holiday table and the tally outcome."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from huanjie.calendar.models import HolidayKind
from huanjie.people.display import display_name
from huanjie.people.models import RegisterCoverage, RegisterImportStatus
from huanjie.people.register.importing import can_retry
from huanjie.rules.eligibility.identity import mask_id_number
from huanjie.rules.tally import Next

PROBLEM_LEVELS = [("error", "错误"), ("warning", "提示")]
CHANGE_KINDS = [("created", "新增"), ("removed", "删除"), ("changed", "修改")]


class ImportUploadSerializer(serializers.Serializer[object]):
    file = serializers.FileField(help_text="户籍登记表：Excel（.xlsx）或 CSV，请使用网页上的模板")
    coverage = serializers.ChoiceField(
        choices=RegisterCoverage.choices,
        default=RegisterCoverage.HOUSEHOLDS,
        help_text=(
            "文件的范围：households（默认）只更新文件中列出的户；village 文件是全村完整的"
            "户籍登记，本村在册但文件中没有的人员将登记为已迁出。"
        ),
    )


class CoverageSerializer(serializers.Serializer[object]):
    coverage = serializers.ChoiceField(
        choices=RegisterCoverage.choices, help_text="按哪种文件范围重新生成预览"
    )


class PreviewChangeSerializer(serializers.Serializer[object]):
    column = serializers.CharField(help_text="模板中的列名，如“联系电话”")
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)


class PreviewPersonSerializer(serializers.Serializer[object]):
    id_number = serializers.CharField(help_text="身份证号，按您的权限显示")
    name = serializers.CharField()
    household = serializers.CharField(allow_blank=True, help_text="户号")
    row = serializers.IntegerField(allow_null=True, help_text="文件中的行号（不在文件中的为 null）")
    changes = PreviewChangeSerializer(many=True)
    note = serializers.CharField(allow_blank=True)


class PreviewHouseholdSerializer(serializers.Serializer[object]):
    number = serializers.CharField(help_text="户号")
    villager_group = serializers.CharField()
    people = serializers.IntegerField(min_value=0)


class PreviewRegroupSerializer(serializers.Serializer[object]):
    number = serializers.CharField(help_text="户号")
    before = serializers.CharField(help_text="原村民小组")
    after = serializers.CharField(help_text="新村民小组")


class ImportPreviewSerializer(serializers.Serializer[object]):
    """What confirming the import does to the register; each list holds at most its first 300
    entries, `counts` the whole numbers."""

    coverage = serializers.ChoiceField(choices=RegisterCoverage.choices)
    counts = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        help_text="new_households, regrouped, added, moved_in, returned, changed, leaving, "
        "unchanged 的人数或户数",
    )
    new_households = PreviewHouseholdSerializer(many=True)
    regrouped = PreviewRegroupSerializer(many=True)
    added = PreviewPersonSerializer(many=True)
    moved_in = PreviewPersonSerializer(many=True)
    returned = PreviewPersonSerializer(many=True)
    changed = PreviewPersonSerializer(many=True)
    leaving = PreviewPersonSerializer(many=True)


class RegisterImportSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    village_id = serializers.IntegerField()
    original_name = serializers.CharField(help_text="上传的文件名")
    status = serializers.ChoiceField(choices=RegisterImportStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    running = serializers.SerializerMethodField(help_text="正在校验或导入：请稍后再查询状态")
    processed = serializers.IntegerField(min_value=0, help_text="本步已处理行数")
    total = serializers.IntegerField(min_value=0, help_text="本步总行数")
    households = serializers.IntegerField(min_value=0)
    people = serializers.IntegerField(min_value=0)
    relations = serializers.IntegerField(min_value=0)
    error_count = serializers.IntegerField(min_value=0)
    warning_count = serializers.IntegerField(min_value=0)
    file_error = serializers.SerializerMethodField(help_text="整份文件的问题（无则为 null）")
    can_confirm = serializers.SerializerMethodField(help_text="校验已通过，可以确认导入")
    can_retry = serializers.SerializerMethodField(help_text="中断的步骤可以重新运行")
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    imported_at = serializers.DateTimeField(allow_null=True)
    coverage = serializers.ChoiceField(choices=RegisterCoverage.choices)
    preview = serializers.SerializerMethodField(
        help_text="校验通过后：确认导入将对本村户籍做的全部修改（未校验或未通过时为 null）"
    )

    @extend_schema_field(ImportPreviewSerializer(allow_null=True))
    def get_preview(self, item: Any) -> dict[str, Any] | None:
        report = item.report if isinstance(item.report, dict) else {}
        stored = report.get("preview")
        if not stored:
            return None
        full_ids = bool(self.context.get("full_ids"))

        def person(entry: dict[str, Any]) -> dict[str, Any]:
            number = entry["id_number"]
            return {
                **entry,
                "id_number": number if full_ids else mask_id_number(number),
                "changes": [{"column": c, "before": b, "after": a} for c, b, a in entry["changes"]],
            }

        return {
            "coverage": stored["coverage"],
            "counts": stored["counts"],
            "new_households": [
                {"number": n, "villager_group": g, "people": c}
                for n, g, c in stored["new_households"]
            ],
            "regrouped": [
                {"number": n, "before": b, "after": a} for n, b, a in stored["regrouped"]
            ],
            **{
                key: [person(e) for e in stored[key]]
                for key in ("added", "moved_in", "returned", "changed", "leaving")
            },
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_running(self, item: Any) -> bool:
        return item.status in (RegisterImportStatus.UPLOADED, RegisterImportStatus.IMPORTING)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_file_error(self, item: Any) -> str | None:
        report = item.report if isinstance(item.report, dict) else {}
        error = report.get("file_error")
        return str(error) if error else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_can_confirm(self, item: Any) -> bool:
        return bool(item.status == RegisterImportStatus.VALIDATED)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_can_retry(self, item: Any) -> bool:
        return can_retry(item)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_created_by(self, item: Any) -> str | None:
        return None if item.created_by is None else display_name(item.created_by)


class ProblemSerializer(serializers.Serializer[object]):
    row = serializers.IntegerField(
        allow_null=True, help_text="Excel 中的行号（整份文件的问题为 null）"
    )
    column = serializers.CharField()
    value = serializers.CharField(allow_blank=True)
    message = serializers.CharField()
    level = serializers.ChoiceField(choices=PROBLEM_LEVELS)


class ChangeSerializer(serializers.Serializer[object]):
    field = serializers.CharField()
    before = serializers.ListField(child=serializers.CharField())
    after = serializers.ListField(child=serializers.CharField())


class AuditRowSerializer(serializers.Serializer[object]):
    """A `documents.audit_rows.AuditRow`: one entry as the village's audit page shows it."""

    id = serializers.IntegerField(source="entry.pk")
    sequence = serializers.IntegerField(source="entry.sequence", help_text="审计链序号")
    created_at = serializers.DateTimeField(source="entry.created_at")
    action = serializers.CharField(source="entry.action", help_text="操作代码")
    action_label = serializers.CharField(source="entry.action_label")
    actor = serializers.CharField(help_text="操作人（系统自动操作为“系统自动”）")
    role = serializers.CharField(allow_blank=True, help_text="操作时的角色")
    target = serializers.CharField(help_text="对象")
    kind = serializers.ChoiceField(choices=CHANGE_KINDS)
    changes = ChangeSerializer(many=True)


class HolidayDaySerializer(serializers.Serializer[object]):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=HolidayKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()


class HolidayYearSerializer(serializers.Serializer[object]):
    year = serializers.IntegerField()
    entered = serializers.BooleanField(help_text="该年是否已录入节假日表")
    complete = serializers.BooleanField(
        help_text="该年国务院办公厅通知是否已全部录入；否则期限只按周末顺延"
    )
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]  # a field
    days = HolidayDaySerializer(many=True)


class _PersonVotes(serializers.Serializer[object]):
    person = serializers.CharField()
    post = serializers.CharField()
    votes = serializers.IntegerField()


class _Voided(serializers.Serializer[object]):
    person = serializers.CharField()
    post = serializers.CharField()
    rule = serializers.CharField()


class _TieRevote(serializers.Serializer[object]):
    post = serializers.CharField()
    persons = serializers.ListField(child=serializers.CharField())
    seats = serializers.IntegerField()


class _Warning(serializers.Serializer[object]):
    rule = serializers.CharField()
    message = serializers.CharField()


class OutcomeSerializer(serializers.Serializer[object]):
    """The outcome of tally-io.md, exactly as `huanjie tally` prints it."""

    valid = serializers.BooleanField()
    rule = serializers.CharField(allow_null=True)
    threshold = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    elected = _PersonVotes(many=True)
    voided = _Voided(many=True)
    unfilled = serializers.DictField(child=serializers.IntegerField())
    tie_revote = _TieRevote(many=True)
    next = serializers.ChoiceField(choices=[step.value for step in Next], allow_null=True)
    invalid_by_rule = serializers.DictField(child=serializers.IntegerField())
    warnings = _Warning(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    recalled = serializers.BooleanField(allow_null=True)
