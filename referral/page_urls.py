"""The public pages and the versioned widget files; included last in config/urls.py."""

from django.urls import path

from referral import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("embed/", pages.embed, name="embed"),
    path("embed/how/", pages.embed_how, name="embed-how"),
    path("widget/v1/<str:name>", pages.widget_file, name="widget-file"),
]
