"""API tokens are issued and revoked by `huanjie api_token` alone, which records each on the
audit trail; DRF's own admin page for tokens would change them unrecorded, so it is removed."""

from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)
