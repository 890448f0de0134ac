"""What every endpoint shares: reads carrying full ID numbers are audited before they leave; a
body validated by its serializer; a service's refusal as a state conflict (409) or bad input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from huanjie.api.auditing import full_id_numbers, record_full_id_read
from huanjie.api.errors import ApiError
from huanjie.api.pagination import ApiPagination
from huanjie.people.display import PersonMasker

if TYPE_CHECKING:
    from huanjie.regions.models import Region


class AuditedReads:
    """A successful read whose answer carries full ID numbers is recorded on the audit trail;
    if that fails, the answer is withheld (a 500) rather than sent unrecorded."""

    # The region the answer is about, set by the view while it works (None: found from rows).
    audit_region: Region | None = None

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            request.method == "GET"
            and isinstance(response, Response)
            and response.status_code == 200
            and request.user.is_authenticated
        ):
            try:
                numbers = full_id_numbers(response.data)
                if numbers:
                    record_full_id_read(
                        user=request.user,
                        request=request,
                        region=self.audit_region,
                        numbers=len(numbers),
                    )
            except Exception as exc:
                response = self.handle_exception(exc)  # type: ignore[attr-defined]
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]


def person_context(request: Request) -> dict[str, Any]:
    """The serializer context of a view that shows people: the masker and today's date."""
    return {"request": request, "masker": PersonMasker(request.user), "today": timezone.localdate()}


class ApiView(AuditedReads, APIView):
    pass


class ListView(AuditedReads, generics.ListAPIView):  # type: ignore[type-arg]
    pagination_class = ApiPagination


class DetailView(AuditedReads, generics.RetrieveAPIView):  # type: ignore[type-arg]
    pass


def validated(serializer_class: type, request: Request) -> dict[str, Any]:
    """The request body as its serializer validates it (a 400 saying why otherwise)."""
    form = serializer_class(data=request.data)
    form.is_valid(raise_exception=True)
    data: dict[str, Any] = form.validated_data
    return data


def refusal(exc: ValidationError, state_codes: frozenset[str]) -> ApiError:
    """A service's refusal, nothing changed: a 409 under its own code when it is about the
    record's state (`state_codes`), a 400 naming the field otherwise."""
    code = str(getattr(exc, "code", None) or "invalid_input")
    message = "未修改：" + "".join(exc.messages)
    if code in state_codes:
        return ApiError(409, code, message)
    return ApiError(400, "invalid_input", message, {code: exc.messages})
