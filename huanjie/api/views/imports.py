"""Register imports: upload, status and preview, report, confirm, retry, re-check, dismiss — the
web's services and tasks.

Only the village's register keepers get past `keeper_village` (404 outside their scope, 403 for
any other role), exactly as on the import pages; the work is `people.register`'s.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from huanjie.accounts.gates import access_one
from huanjie.api import messages as msg
from huanjie.api.errors import ApiError
from huanjie.api.permissions import keeper_village
from huanjie.api.schema import errors
from huanjie.api.serializers.reference import (
    CoverageSerializer,
    ImportUploadSerializer,
    ProblemSerializer,
    RegisterImportSerializer,
)
from huanjie.api.views.base import ApiView, DetailView, ListView
from huanjie.people.models import RegisterImport
from huanjie.people.register.importing import (
    register_import_claim,
    register_import_create,
    register_import_dismiss,
    register_import_expire,
    register_import_recheck,
    register_import_retry,
)
from huanjie.people.register.tasks import confirm_register_import, validate_register_import
from huanjie.people.selectors import register_imports
from huanjie.people.views_import import sees_full_ids, visible_problems

TAG = "户籍导入"
KEEPERS = "仅本村村民选举委员会（户籍的维护者）可用；其他角色得到 403。"


def _import(request: Request, village_id: int, import_id: int) -> RegisterImport:
    village = keeper_village(request, village_id)
    imports = RegisterImport.objects.filter(village=village).select_related("village", "created_by")
    found = access_one(imports, import_id, msg.IMPORT_NOT_FOUND)
    register_import_expire(found)  # its worker died: failed, with the way to run it again
    return found


def _status(request: Request, item: RegisterImport, code: int = 200) -> Response:
    context = {"full_ids": sees_full_ids(request.user, item.village)}
    response = Response(RegisterImportSerializer(item, context=context).data, status=code)
    if code != 200:
        response["Location"] = request.build_absolute_uri(
            reverse("api:import_detail", args=[item.village_id, item.pk])
        )
    return response


@extend_schema(tags=[TAG])
class ImportList(ListView):
    serializer_class = RegisterImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> Any:
        return register_imports(village=keeper_village(self.request, self.kwargs["village_id"]))

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        for item in page or []:
            register_import_expire(item)
        return page

    @extend_schema(
        summary="本村的户籍导入，新的在前",
        description=KEEPERS,
        responses={200: RegisterImportSerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="上传户籍登记表",
        description=(
            "上传后在后台校验，返回 201 和导入状态（Location 为状态地址）；校验通过后"
            "用“确认导入”写入。与网页导入相同的模板和规则。" + KEEPERS
        ),
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: RegisterImportSerializer, **errors(400, 404)},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        village = keeper_village(request, kwargs["village_id"])
        form = ImportUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            item = register_import_create(
                village=village,
                name=upload.name,
                data=upload.read(),
                acting_user=request.user,  # type: ignore[arg-type]  # authenticated
                coverage=form.validated_data["coverage"],
            )
        except ValidationError as exc:
            reason = "".join(exc.messages)
            raise ApiError(400, "import_refused", msg.IMPORT_REFUSED.format(reason=reason)) from exc
        validate_register_import.enqueue(item.pk)
        item.refresh_from_db()
        return _status(request, item, 201)


@extend_schema(
    tags=[TAG],
    summary="一次导入的状态和进度",
    description="校验或导入进行中时 running 为 true，processed / total 为进度。" + KEEPERS,
    responses={200: RegisterImportSerializer, **errors(404)},
)
class ImportDetail(DetailView):
    serializer_class = RegisterImportSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return _status(request, _import(request, kwargs["village_id"], kwargs["import_id"]))


@extend_schema(
    tags=[TAG],
    summary="一次导入的校验报告（逐行的问题）",
    description="与网页和下载的报告相同；身份证号按您的权限显示。" + KEEPERS,
    responses={200: ProblemSerializer(many=True), **errors(400, 404)},
)
class ImportReport(ListView):
    serializer_class = ProblemSerializer

    def get_queryset(self) -> Any:
        item = _import(self.request, self.kwargs["village_id"], self.kwargs["import_id"])
        self.audit_region = item.village
        return visible_problems(self.request.user, item)


@extend_schema(
    tags=[TAG],
    summary="确认导入（校验通过的文件写入户籍）",
    description=(
        "在后台再次校验并写入，返回 202 和状态；不在“校验通过，待确认导入”状态时返回 409。"
        + KEEPERS
    ),
    request=None,
    responses={202: RegisterImportSerializer, **errors(404, 409)},
)
class ImportConfirm(ApiView):
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = _import(request, kwargs["village_id"], kwargs["import_id"])
        try:
            # Claimed before it is queued, as on the web: a second confirmation finds it taken.
            register_import_claim(register_import=item)
        except ValidationError as exc:
            raise ApiError(
                409, "import_not_awaiting_confirmation", msg.IMPORT_NOT_AWAITING
            ) from exc
        confirm_register_import.enqueue(item.pk, request.user.pk)
        item.refresh_from_db()
        return _status(request, item, 202)


@extend_schema(
    tags=[TAG],
    summary="重新运行中断的步骤",
    description="从保存的文件重新校验或导入，返回 202 和状态；不能重新运行时返回 409。" + KEEPERS,
    request=None,
    responses={202: RegisterImportSerializer, **errors(404, 409)},
)
class ImportRetry(ApiView):
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = _import(request, kwargs["village_id"], kwargs["import_id"])
        try:
            step = register_import_retry(register_import=item)
        except ValidationError as exc:
            raise ApiError(409, "import_not_retryable", "".join(exc.messages)) from exc
        if step == "validate":
            validate_register_import.enqueue(item.pk)
        else:
            confirm_register_import.enqueue(item.pk, request.user.pk)
        item.refresh_from_db()
        return _status(request, item, 202)


@extend_schema(
    tags=[TAG],
    summary="按另一种文件范围重新生成预览",
    description=(
        "coverage=households：只更新文件中列出的户；coverage=village：文件是全村完整的户籍登记。"
        "在后台重新校验，返回 202 和状态；正在校验、导入或已导入时返回 409。" + KEEPERS
    ),
    request=CoverageSerializer,
    responses={202: RegisterImportSerializer, **errors(400, 404, 409)},
)
class ImportRecheck(ApiView):
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = _import(request, kwargs["village_id"], kwargs["import_id"])
        form = CoverageSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            register_import_recheck(register_import=item, coverage=form.validated_data["coverage"])
        except ValidationError as exc:
            raise ApiError(409, "import_not_recheckable", "".join(exc.messages)) from exc
        validate_register_import.enqueue(item.pk)
        item.refresh_from_db()
        return _status(request, item, 202)


@extend_schema(
    tags=[TAG],
    summary="从最近的导入中移除（未通过校验或未确认的）",
    description=(
        "记录和操作记录都保留，只是不再列在本村的导入列表中；已导入或正在进行的返回 409。" + KEEPERS
    ),
    request=None,
    responses={200: RegisterImportSerializer, **errors(404, 409)},
)
class ImportDismiss(ApiView):
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = _import(request, kwargs["village_id"], kwargs["import_id"])
        try:
            register_import_dismiss(
                register_import=item,
                acting_user=request.user,  # type: ignore[arg-type]  # authenticated
            )
        except ValidationError as exc:
            raise ApiError(409, "import_not_dismissable", "".join(exc.messages)) from exc
        return _status(request, item)
