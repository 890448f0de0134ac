from django.urls import path

from huanjie.handover import views

app_name = "handover"

urlpatterns = [
    path("", views.township_page, name="township"),
    path("villages/<int:village_id>/", views.village_page, name="village"),
    path("elections/<int:election_id>/open/", views.open_view, name="open"),
    path("<int:handover_id>/items/", views.item_view, name="item"),
    path("<int:handover_id>/confirm/", views.confirm_view, name="confirm"),
    path("<int:handover_id>/supervise/", views.supervise_view, name="supervise"),
]
