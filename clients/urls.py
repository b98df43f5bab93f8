from django.urls import path

from clients import views

app_name = "clients"

urlpatterns = [
    path("clients/", views.client_list, name="client-list"),
    path("clients/new/", views.client_create, name="client-create"),
    path("clients/<int:pk>/edit/", views.client_update, name="client-update"),
]
