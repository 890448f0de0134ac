"""Shapes shared by every area: the error body and a region named by id, code and name."""

from __future__ import annotations

from rest_framework import serializers

from huanjie.regions.models import Level


class ErrorSerializer(serializers.Serializer[object]):
    code = serializers.CharField(help_text="稳定的错误代码（英文，供程序判断），如 not_found")
    message = serializers.CharField(help_text="给人看的中文说明：哪里不对、下一步怎么办")
    details = serializers.JSONField(
        allow_null=True, help_text="改正所需的细节（如各参数的错误、需等待的秒数），或 null"
    )


class RegionRefSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=Level.choices)
