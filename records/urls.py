from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("audit/", views.audit_log, name="audit-log"),
    path("audit/log.csv", views.audit_log_csv, name="audit-log-csv"),
    path("clients/<int:pk>/export/", views.client_export, name="client-export"),
    path("clients/<int:pk>/erase/", views.client_erase, name="client-erase"),
]
