from django.urls import path

from clients import notes_views, views

app_name = "clients"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/", views.client_list, name="client-list"),
    path("clients/new/", views.client_create, name="client-create"),
    path("clients/<int:pk>/", views.client_detail, name="client-detail"),
    path("clients/<int:pk>/edit/", views.client_update, name="client-update"),
    path("clients/<int:pk>/archive/", views.client_archive, name="client-archive"),
    path("clients/<int:pk>/restore/", views.client_restore, name="client-restore"),
    # Session notes
    path("clients/<int:pk>/notes/new/", notes_views.note_create, name="note-create"),
    path("notes/<int:pk>/", notes_views.note_detail, name="note-detail"),
    path("notes/<int:pk>/edit/", notes_views.note_update, name="note-update"),
    path("notes/<int:pk>/sign/", notes_views.note_sign, name="note-sign"),
    path("notes/<int:pk>/amend/", notes_views.note_amend, name="note-amend"),
    path("notes/<int:pk>/handout.pdf", notes_views.handout_pdf, name="handout-pdf"),
]
