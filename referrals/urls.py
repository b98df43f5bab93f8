from django.urls import path

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("clients/<int:client_pk>/letters/new/", views.letter_create, name="letter-create"),
    path("clients/<int:client_pk>/clearance/", views.clearance_record, name="clearance-record"),
    path("letters/<int:pk>/", views.letter_detail, name="letter-detail"),
    path("letters/<int:pk>/edit/", views.letter_edit, name="letter-edit"),
    path("letters/<int:pk>/preview.pdf", views.letter_preview, name="letter-preview"),
    path("letters/<int:pk>/finalise/", views.letter_finalise, name="letter-finalise"),
    path("letters/<int:pk>/letter.pdf", views.letter_pdf, name="letter-pdf"),
    path("letters/<int:pk>/mark-sent/", views.letter_mark_sent, name="letter-mark-sent"),
    path("letters/<int:pk>/correct/", views.letter_correct, name="letter-correct"),
    path("letters/<int:pk>/delete/", views.letter_delete, name="letter-delete"),
    path("letters/<int:pk>/reply/", views.letter_reply, name="letter-reply"),
]
