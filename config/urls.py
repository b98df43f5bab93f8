from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from accounts.passwords import reset_email_context

# Reset links name the public address, not whatever Host header a request carried.
password_reset = auth_views.PasswordResetView.as_view(extra_email_context=reset_email_context())

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/reset/", password_reset, name="password_reset"),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("intake/", include("intake.urls")),
    path("referrals/", include("referrals.urls")),
    path("records/", include("records.urls")),
    path("schedule/", include("schedule.urls")),
    path("", include("clients.urls")),
    path("", include("notes.urls")),
    path("", include("dashboard.urls")),
]

if settings.BENCH_BARE:

    def bench_bare(request):
        """The benchmark's ceiling: the same server and middleware, no work in the view."""
        return HttpResponse("ok", content_type="text/plain")

    @login_required
    def bench_signed_in(request):
        """The floor of every staff page: signed in (session, user, two-factor device), the
        page frame with its navigation and practice name, nothing in it."""
        return render(request, "base.html")

    urlpatterns.append(path("bench/bare/", bench_bare))
    urlpatterns.append(path("bench/signed-in/", bench_signed_in))

# A database outage, in a view or a middleware, gets the calm 503 page (config/outage.py).
handler500 = "config.outage.server_error"
