from django.urls import path

from intake import public_views, views

app_name = "intake"

urlpatterns = [
    # Therapist side (staff views, intake/views.py)
    path("new/", views.link_create, name="link-create"),
    path("clients/<int:client_pk>/new/", views.client_link_create, name="client-link-create"),
    path("<int:pk>/review/", views.intake_review, name="intake-review"),
    path("<int:pk>/acknowledge/", views.intake_acknowledge, name="intake-acknowledge"),
    path("<int:pk>/rescreen/", views.intake_rescreen, name="intake-rescreen"),
    path("<int:pk>/in-person/", views.in_person_answers, name="in-person-answers"),
    path("<int:pk>/cancel/", views.link_cancel, name="link-cancel"),
    path("<int:pk>/resend/", views.link_resend, name="link-resend"),
    path("rulebook/", views.rulebook, name="rulebook"),
    # Client side (public questionnaire behind the private link, intake/public_views.py)
    path("f/<str:token>/", public_views.intake_start, name="form"),
    path("f/<str:token>/thanks/", public_views.intake_thanks, name="thanks"),
    path("f/<str:token>/<slug:section>/", public_views.intake_section, name="form-section"),
]
