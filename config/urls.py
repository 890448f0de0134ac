from django.contrib import admin
from django.urls import include, path

from huanjie.accounts.policy import may_use_admin

# The admin speaks to administrators in the product's name, not "Django 管理".
admin.site.site_header = "换届选举管理系统 · 管理后台"
admin.site.site_title = "换届选举管理系统"
admin.site.index_title = "管理后台"
admin.site.has_permission = may_use_admin  # type: ignore[method-assign]  # administrators only

urlpatterns = [
    path("", include("huanjie.core.urls")),
    path("accounts/", include("huanjie.accounts.urls")),
    path("people/", include("huanjie.people.urls")),
    path("documents/elections/", include("huanjie.documents.election_urls")),
    path("documents/vetting/", include("huanjie.documents.vetting_urls")),
    path("documents/", include("huanjie.documents.urls")),
    path("voters/", include("huanjie.registration.urls")),
    path("committees/", include("huanjie.committees.urls")),
    path("ballots/", include("huanjie.ballots.urls")),
    path("nominations/", include("huanjie.nominations.urls")),
    path("vetting/", include("huanjie.vetting.urls")),
    path("voting/", include("huanjie.voting.urls")),
    path("handover/", include("huanjie.handover.urls")),
    path("elections/", include("huanjie.elections.urls")),
    path("campaigns/", include("huanjie.campaigns.urls_tasks")),
    path("preparation/", include("huanjie.campaigns.urls_prep")),
    path("dashboards/", include("huanjie.dashboards.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("huanjie.api.urls")),
]

handler404 = "huanjie.core.error_views.page_not_found"
handler403 = "huanjie.core.error_views.permission_denied"
