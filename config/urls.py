from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("huanjie.core.urls")),
    path("accounts/", include("huanjie.accounts.urls")),
    path("people/", include("huanjie.people.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "huanjie.core.error_views.page_not_found"
handler403 = "huanjie.core.error_views.permission_denied"
