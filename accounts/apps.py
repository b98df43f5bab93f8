from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Sign-in"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.lockout import clear_own_failures
        from accounts.middleware import stamp_sign_in

        user_logged_in.connect(clear_own_failures, dispatch_uid="accounts.clear_own_failures")
        user_logged_in.connect(stamp_sign_in, dispatch_uid="accounts-stamp-sign-in")
