# The module, not the class: an AppConfig class in this namespace would be taken for `config`'s own.
from django.contrib.admin import apps as admin_apps


class SecondFactorAdminConfig(admin_apps.AdminConfig):
    """The admin app, with the site that asks staff for a second factor (config/admin_security.py)."""

    default = False  # not the app config of `config` itself
    default_site = "config.admin_security.SecondFactorAdminSite"
