from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("audit/", views.audit_log, name="audit-log"),
    path("audit/log.csv", views.audit_log_csv, name="audit-log-csv"),
    path("clients/<int:pk>/export/", views.client_export, name="client-export"),
    path("clients/<int:pk>/erase/", views.client_erase, name="client-erase"),
    path("intakes/<int:pk>/intake.pdf", views.intake_pdf, name="intake-pdf"),
    path("emails/", views.outbox, name="emails"),
    path("practice/", views.practice_settings, name="practice-settings"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/add/", views.staff_create, name="staff-create"),
    path("staff/<int:pk>/invite/", views.staff_invite, name="staff-invite"),
    path("staff/<int:pk>/role/", views.staff_role, name="staff-role"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="staff-deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_reactivate, name="staff-reactivate"),
    path("staff/<int:pk>/unlock/", views.staff_unlock, name="staff-unlock"),
    path(
        "staff/<int:pk>/two-factor/reset/",
        views.staff_reset_two_factor,
        name="staff-two-factor-reset",
    ),
    path(
        "staff/<int:pk>/two-factor/link/",
        views.staff_enrolment_link,
        name="staff-enrolment-link",
    ),
]
