"""Admin pages as a browser posts them: users of the two curation roles and forms posted back."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from directory.models import Channel, Service


def make_user(username: str, group: str | None = None) -> User:
    user = User.objects.create_user(username=username, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user: User, language: str = "en") -> Client:
    """A browser of this user; admin tests read the English texts (the admin defaults to Dutch)."""
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def form_data(response: HttpResponse) -> dict[str, object]:
    """An admin form page's form as the browser would post it back unchanged (inline management forms included)."""
    inlines = response.context.get("inline_admin_formsets") or []
    data: dict[str, object] = {}
    for form in [
        response.context["adminform"].form,
        *[f for s in inlines for f in [s.formset.management_form, *s.formset.forms]],
    ]:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            key = form.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif hasattr(value, "pk"):
                data[key] = value.pk
            elif isinstance(value, list):
                data[key] = value if name != "languages" else '["nl"]'
            else:
                data[key] = value
    if "languages" in response.context["adminform"].form.fields:
        data["languages"] = '["nl"]'
    return data


def change_form_data(client: Client, obj: Service | Channel) -> dict[str, object]:
    return form_data(client.get(change_url(obj)))


def change_url(obj: Service | Channel) -> str:
    return reverse(f"admin:directory_{obj._meta.model_name}_change", args=[obj.pk])
