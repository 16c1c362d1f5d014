"""The public pages and the versioned widget files; included last in config/urls.py."""

from django.urls import path, re_path

from referral import kit, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("embed/", pages.embed, name="embed"),
    path("embed/how/", pages.embed_how, name="embed-how"),
    path("kit/", kit.kit, name="kit"),
    re_path(r"^kit/qr\.(?P<kind>svg|png)$", kit.kit_qr, name="kit-qr"),
    path("widget/v1/<str:name>", pages.widget_file, name="widget-file"),
]
