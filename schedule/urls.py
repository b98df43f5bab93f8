from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("", views.schedule_home, name="home"),
    path("day/", views.day, name="day"),
    path("week/", views.week, name="week"),
    path("practice/", views.practice_day, name="practice-day"),
    path("book/", views.book, name="book"),
    path("appointments/<int:pk>/", views.appointment_detail, name="appointment-detail"),
    path("appointments/<int:pk>/move/", views.appointment_move, name="appointment-move"),
    path("appointments/<int:pk>/cancel/", views.appointment_cancel, name="appointment-cancel"),
    path("appointments/<int:pk>/mark/", views.appointment_mark, name="appointment-mark"),
    path("types/", views.appointment_types, name="types"),
    path("types/<int:pk>/", views.appointment_type_edit, name="type-edit"),
    path("hours/", views.working_hours, name="hours"),
    path("hours/<int:pk>/remove/", views.working_hours_remove, name="hours-remove"),
    path("time-off/<int:pk>/remove/", views.time_off_remove, name="time-off-remove"),
    path("calendar/", views.feed_settings, name="feed-settings"),
    # The private address a calendar app fetches (no login: the token is the key).
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("reminders-off/<str:token>/", views.reminders_off, name="reminders-off"),
]
