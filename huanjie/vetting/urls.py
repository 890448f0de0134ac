from django.urls import path

from huanjie.vetting import views

app_name = "vetting"

urlpatterns = [
    path("", views.home, name="index"),
    path("campaigns/<int:campaign_id>/rounds/", views.open_round, name="open_round"),
    path(
        "rounds/<int:round_id>/candidates/<int:application_id>/",
        views.record,
        name="record",
    ),
    path("results/<int:result_id>/attachment/", views.attachment, name="attachment"),
]
