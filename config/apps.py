from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    """django.contrib.admin with config.admin.TwoFactorAdminSite as admin.site."""

    default_site = "config.admin.TwoFactorAdminSite"
