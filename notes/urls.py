from django.urls import path

from notes import views

app_name = "notes"

urlpatterns = [
    path("clients/<int:pk>/notes/new/", views.note_create, name="note-create"),
    path("notes/<int:pk>/", views.note_detail, name="note-detail"),
    path("notes/<int:pk>/edit/", views.note_update, name="note-update"),
    path("notes/<int:pk>/sign/", views.note_sign, name="note-sign"),
    path("notes/<int:pk>/amend/", views.note_amend, name="note-amend"),
    path("notes/<int:pk>/handout.pdf", views.handout_pdf, name="handout-pdf"),
    path("notes/<int:pk>/handout/email/", views.handout_email, name="handout-email"),
]
