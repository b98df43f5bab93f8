from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/<int:pk>/", views.client_detail, name="client-detail"),
    path("clients/<int:pk>/archive/", views.client_archive, name="client-archive"),
    path("clients/<int:pk>/restore/", views.client_restore, name="client-restore"),
]
