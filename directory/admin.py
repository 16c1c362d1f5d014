"""Curation in Django admin: services with their channels, hours, topics and sources.

Curators (group "curator") edit everything; organisation editors (group "organisation editor")
edit only the services of the organisations they are editors of. Nobody hard-deletes a service:
it is unpublished instead, so its history and links survive.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from directory import checklist, closures, history, hours, review, verification
from directory.models import (
    Channel,
    HoursException,
    OpeningHours,
    Organisation,
    ProposedChange,
    Service,
    ServiceTopic,
    Source,
    Topic,
    VerificationMethod,
)

CURATOR_GROUP = "curator"
ORGANISATION_EDITOR_GROUP = "organisation editor"


def is_curator(request: HttpRequest) -> bool:
    """Asked a dozen times or more per admin page (permissions, fields, inlines): the answer is kept on
    the request's user, as Django's ModelBackend keeps its permissions there (`_perm_cache`)."""
    user = request.user
    if not hasattr(user, "_is_curator"):
        user._is_curator = user.is_superuser or user.groups.filter(name=CURATOR_GROUP).exists()
    return bool(user._is_curator)


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        days = settings.VERIFICATION_STALE_AFTER_DAYS
        return [
            ("stale", _("not verified for more than %(days)d days") % {"days": days}),
            ("recent", _("verified recently")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> QuerySet[Service]:
        if self.value() == "stale":
            return verification.overdue(queryset)
        if self.value() == "recent":
            return queryset.exclude(pk__in=verification.overdue(queryset))
        return queryset


class OrganisationScopedAdmin(SimpleHistoryAdmin):
    """Limits organisation editors to what belongs to their own organisations, on every admin path.

    The list and change pages go through `get_queryset`, but simple-history's history and
    old-version (revert) pages load objects by id, so the object-level permissions check the scope
    too: an editor who types or posts another organisation's id gets a 403, never a form.
    Editors do not see who changed what (curators' user names stay with curators).
    """

    organisation_path = "organisation"
    object_history_list_template = "admin/directory/object_history_list.html"
    object_history_form_template = "admin/directory/object_history_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if is_curator(request):
            return queryset
        return queryset.filter(**{f"{self.organisation_path}__editors": request.user}).distinct()

    def in_scope(self, request: HttpRequest, obj: object) -> bool:
        """True when this user may see or change `obj` (None: the model as a whole)."""
        if obj is None or is_curator(request):
            return True
        # The current row decides, not an old version's values: an old version of another
        # organisation's channel must not open, whatever service it pointed to then.
        pk = getattr(obj, "pk", None)
        return pk is not None and self.get_queryset(request).filter(pk=pk).exists()

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        context = {"show_history_users": is_curator(request), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=context)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_urls(self) -> list:
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        # Before simple-history's "<id>/history/<version>/", which would take "compare" for a version.
        return [compare, *super().get_urls()]

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, extra_context=None):  # type: ignore[no-untyped-def]
        """The old-version page and its "Revert" button.

        simple-history saves the old version outside any transaction; here the whole revert is one
        transaction, so the stale-save guard can lock the row (PostgreSQL refuses a row lock outside
        a transaction) and a channel's hours come back together with the channel or not at all.
        """
        record = get_object_or_404(self.model.history, id=unquote(object_id), history_id=version_id)
        request.reverting_to = record  # read by save_model
        context = {**self.revert_context(request, record), **(extra_context or {})}
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context=context)

    def revert_context(self, request: HttpRequest, record: Any) -> dict:
        return {}

    def save_model(self, request: HttpRequest, obj: Any, form: forms.ModelForm, change: bool) -> None:
        record = getattr(request, "reverting_to", None)
        if record is not None:
            obj._change_reason = _("reverted to the version of %(date)s") % {
                "date": formats.date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
            }
        super().save_model(request, obj, form, change)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two versions side by side: each field that differs, old -> new."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        chosen = self.model.history.filter(id=obj.pk, history_id__in=request.GET.getlist("version"))
        records = sorted(chosen, key=lambda record: record.history_date)
        history_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        if len(records) != 2:
            self.message_user(request, _("Pick two versions to compare."), messages.WARNING)
            return HttpResponseRedirect(history_url)
        old, new = records
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %(object)s") % {"object": obj},
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "changes": history.field_changes(old, new),
            "show_history_users": is_curator(request),
            "history_url": history_url,
            **self.compare_context(old, new),
        }
        return TemplateResponse(request, "admin/directory/compare.html", context)

    def compare_context(self, old: Any, new: Any) -> dict:
        return {}

    def submit_for_review(self, request: HttpRequest, service: Service, channel: Channel | None, values: dict) -> None:
        proposal = review.propose(service, channel, values, request.user)
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "Your change to facts that decide where people are sent waits for a curator's review; "
                    "until it is approved, the public sees the current values."
                ),
                reverse("admin:directory_proposedchange_change", args=[proposal.pk]),
                _("See the proposed change."),
            ),
            messages.WARNING,
        )

    @admin.display(description=_("waiting for review"))
    def pending_review(self, obj: Service | Channel) -> str:
        pending = obj.proposals.filter(state=ProposedChange.State.PENDING) if obj.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:directory_proposedchange_change", args=[p.pk]), f"#{p.pk} {p.proposed_at:%Y-%m-%d}")
                    for p in pending
                ),
            )
            or "–"
        )


class SeenVersionField(forms.IntegerField):
    """The version a form was opened on: bookkeeping, never an edit of its own."""

    widget = forms.HiddenInput

    def has_changed(self, initial: object, data: object) -> bool:
        return False


class StaleSaveGuard(forms.ModelForm):
    """Carries the version the editor saw, to refuse a save over someone else's.

    The version on the page comes from the database row, not from the form's instance: on a revert
    page the instance is an old version, and its number says nothing about what the curator saw.
    """

    # No Meta: the admin builds the form's Meta from the ModelAdmin (model and fields).
    seen_version = SeenVersionField(required=False)
    # An inline form is saved only when it changed; a main form is always saved (with its inlines).
    checked_only_when_changed = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self._versions().values_list("version", flat=True).first()

    def _versions(self) -> QuerySet:
        return type(self.instance)._default_manager.filter(pk=self.instance.pk)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk and (self.has_changed() or not self.checked_only_when_changed):
            # Locks the row until the admin's transaction ends, so two saves cannot both pass.
            current = self._versions().select_for_update().values_list("version", flat=True).first()
            if current is not None and cleaned.get("seen_version") != current:
                raise ValidationError(
                    _(
                        "Someone else saved this %(object)s while you were editing it. Your changes were not saved: "
                        "open it again (its history shows what changed) and redo your edit."
                    ),
                    params={"object": self.instance._meta.verbose_name},
                    code="stale_version",
                )
            # The save counts on from the newest version, also when it puts an old version back.
            self.instance.version = current
        return cleaned


class ChannelInlineForm(StaleSaveGuard):
    checked_only_when_changed = True


class ServiceTopicInline(admin.TabularInline):
    model = ServiceTopic
    extra = 0
    autocomplete_fields = ["topic"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0


class ChannelInline(admin.TabularInline):
    model = Channel
    form = ChannelInlineForm
    extra = 0
    show_change_link = True
    fields = ["kind", "value", "label", "position", "public_holidays", "weekly_hours", "seen_version"]
    readonly_fields = ["weekly_hours"]

    # Editors change channels on the channel's own page, where their changes go to review.
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_curator(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_curator(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_curator(request) and super().has_delete_permission(request, obj)

    @admin.display(description=_("weekly hours (edit through the channel's link)"))
    def weekly_hours(self, channel: Channel) -> str:
        if not channel.pk:
            return "–"
        return ", ".join(str(slot) for slot in channel.opening_hours.all()) or str(_("no hours known"))


def public_url(service: Service) -> str | None:
    """The entry as the public sees it: the read API's detail, in the curator's admin language.

    Only a published service has one: the public never sees a draft or an unpublished entry (the
    change page's "reachability" shows how its hours read), so the admin offers no link for them.
    """
    if service.status != Service.Status.PUBLISHED:
        return None
    return reverse("service-detail", kwargs={"slug": service.slug}) + f"?lang={get_language()[:2]}"


def describe_week(channel: Channel, time_zone: str) -> str:
    schedule = channel.schedule(time_zone)
    if schedule is None:
        return str(_("no weekly hours known"))
    now = timezone.now()
    state = hours.openness(schedule, now)
    if state.open_now:
        status = (
            _("open now, until %(time)s") % {"time": f"{state.closes_at:%a %H:%M}"}
            if state.closes_at
            else _("open now, day and night")
        )
    elif state.next_open_at:
        status = _("closed now, opens %(time)s") % {"time": f"{state.next_open_at:%a %d %b %H:%M}"}
    else:
        status = _("closed, no opening found")
    week = hours.spans(schedule, now, days=7)
    return format_html(
        "<strong>{}</strong><ul>{}</ul>",
        status,
        format_html_join(
            "", "<li>{} – {}</li>", ((f"{s.start:%a %d %b %H:%M}", f"{s.end:%a %d %b %H:%M}") for s in week)
        ),
    )


@admin.register(Service)
class ServiceAdmin(OrganisationScopedAdmin):
    form = StaleSaveGuard
    object_history_template = "admin/directory/service/object_history.html"
    inlines = [ChannelInline, ServiceTopicInline, SourceInline]
    # Three columns, so the verification state stays in view at 1366 px beside the filters.
    list_display = ["entry", "status", "verification_state"]
    list_filter = [
        "status",
        VerificationFilter,
        "needs_verification",
        ("organisation", admin.RelatedOnlyFieldListFilter),
        "kind",
        "topics",
        "channels__kind",
    ]
    search_fields = ["name", "slug", "summary_nl", "summary_fr", "summary_en", "organisation__name"]
    readonly_fields = ["reachability", "verified_by", "version", "pending_review"]
    actions = [
        "verified_by_phone_call",
        "verified_on_own_website",
        "verified_by_own_edit",
        "close_for_dates",
        "export_csv",
        "publish",
        "unpublish",
    ]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "pending_review",
                    "name",
                    "slug",
                    "organisation",
                    "kind",
                    "status",
                    "region",
                    "time_zone",
                    "website",
                    "seen_version",
                ]
            },
        ),
        (_("Texts in Dutch"), {"fields": ["summary_nl", "description_nl", "what_to_expect_nl"]}),
        (
            _("Texts in French"),
            {"classes": ["collapse"], "fields": ["name_fr", "summary_fr", "description_fr", "what_to_expect_fr"]},
        ),
        (
            _("Texts in English"),
            {"classes": ["collapse"], "fields": ["name_en", "summary_en", "description_en", "what_to_expect_en"]},
        ),
        (
            _("Who it is for"),
            {
                "fields": [
                    "minimum_age",
                    "maximum_age",
                    "age_note",
                    "age_is_reading",
                    "languages",
                    "free",
                    "anonymous",
                    "accepts_third_party",
                    "takes_young_helpers",
                    "first_step_for_young_people",
                    "moderated_by",
                ]
            },
        ),
        (
            _("Verification"),
            {
                "fields": [
                    "last_verified",
                    "verified_by",
                    "verification_method",
                    "verification_note",
                    "needs_verification",
                    "version",
                ]
            },
        ),
        (_("Reachability as users see it now"), {"fields": ["reachability"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        return super().get_queryset(request).select_related("organisation")

    def view_on_site(self, service: Service) -> str | None:
        return public_url(service)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "organisation" and not is_curator(request):
            kwargs["queryset"] = Organisation.objects.filter(editors=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("service"), ordering="name")
    def entry(self, service: Service) -> str:
        return format_html(
            "{}<br><small>{} · {}</small>", service.name, service.organisation, service.get_kind_display()
        )

    @admin.display(description=_("verification"), ordering="last_verified")
    def verification_state(self, service: Service) -> str:
        state = verification.state(service, timezone.localdate())
        text = format_html('<strong style="color:#b00020">{}</strong>', state.text) if state.overdue else state.text
        details = [f"{service.last_verified:%Y-%m-%d}"] if service.last_verified else []
        if service.verification_method:
            details.append(service.get_verification_method_display())
        if service.needs_verification:
            details.append(str(_("needs verification")))
        return format_html("{}<br><small>{}</small>", text, " · ".join(details)) if details else text

    @admin.display(description=_("channels"))
    def reachability(self, service: Service) -> str:
        if not service.pk:
            return "–"
        rows = [
            (f"{channel.get_kind_display()} {channel.value}", describe_week(channel, service.time_zone))
            for channel in service.channels.prefetch_related("opening_hours", "exceptions")
        ]
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", rows) or "–"

    def has_curate_permission(self, request: HttpRequest) -> bool:
        """Publishing, unpublishing and verifying are curators' decisions, never an editor's."""
        return is_curator(request)

    def save_model(self, request: HttpRequest, obj: Service, form: forms.ModelForm, change: bool) -> None:
        held = review.held_back(obj, review.REVIEWED_SERVICE_FIELDS) if change and not is_curator(request) else {}
        super().save_model(request, obj, form, change)
        if held:
            self.submit_for_review(request, obj, None, {"fields": held})

    @admin.action(description=_("Verified today: called the service"), permissions=["curate"])
    def verified_by_phone_call(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._mark_verified(request, queryset, VerificationMethod.PHONE_CALL)

    @admin.action(description=_("Verified today: on the service's own website"), permissions=["curate"])
    def verified_on_own_website(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._mark_verified(request, queryset, VerificationMethod.OWN_WEBSITE)

    @admin.action(description=_("Verified today: the service's own edit"), permissions=["curate"])
    def verified_by_own_edit(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._mark_verified(request, queryset, VerificationMethod.OWN_EDIT)

    def _mark_verified(self, request: HttpRequest, queryset: QuerySet[Service], method: VerificationMethod) -> None:
        """Records who (the curator), when (today) and how; saved one by one so each lands in the history."""
        today = timezone.localdate()
        for service in queryset:
            service.last_verified = today
            service.verified_by = request.user
            service.verification_method = method
            service.needs_verification = False
            service._change_reason = _("verified: %(method)s") % {"method": method.label}
            service.save()
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d service marked as verified today.", "%d services marked as verified today.", count) % count,
            messages.SUCCESS,
        )

    def get_urls(self) -> list:
        queue = path(
            "verification-queue/",
            self.admin_site.admin_view(self.verification_queue_view),
            name="directory_service_verification_queue",
        )
        return [queue, *super().get_urls()]  # before the admin's "<id>/" catch-all

    def verification_queue_view(self, request: HttpRequest) -> HttpResponse:
        """What to verify first: the most doubtful facts first (directory/verification.py)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        services = self.get_queryset(request).exclude(status=Service.Status.UNPUBLISHED)
        context = {
            **self.admin_site.each_context(request),
            "title": _("What to verify first"),
            "opts": self.opts,
            "entries": verification.queue(services),
            "deadline_days": settings.VERIFICATION_STALE_AFTER_DAYS,
        }
        return TemplateResponse(request, "admin/directory/service/verification_queue.html", context)

    @admin.action(description=_("Close their channels for a date range…"))
    def close_for_dates(self, request: HttpRequest, queryset: QuerySet[Service]) -> HttpResponse | None:
        return close_channels_view(self, request, queryset, Channel.objects.filter(service__in=queryset))

    @admin.action(description=_("Export as CSV, for checking offline"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Service]) -> HttpResponse:
        today = timezone.localdate()
        response = HttpResponse(checklist.as_csv(queryset, today), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="services-{today:%Y-%m-%d}.csv"'
        return response

    @admin.action(description=_("Publish"), permissions=["curate"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._set_status(request, queryset, Service.Status.PUBLISHED)

    @admin.action(description=_("Unpublish (instead of deleting)"), permissions=["curate"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._set_status(request, queryset, Service.Status.UNPUBLISHED)

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Service], status: str) -> None:
        # Saved one by one so every change lands in the history.
        for service in queryset:
            service.status = status
            service.save()
        self.message_user(
            request, _("Status set to “%(status)s”.") % {"status": Service.Status(status).label}, messages.SUCCESS
        )

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None):  # type: ignore[no-untyped-def]
        """The service's own history plus that of its channels, hours, exceptions, topics and sources."""
        channel_ids = set(Channel.history.filter(service_id=object_id).values_list("id", flat=True))
        related = [
            *Channel.history.filter(service_id=object_id),
            *OpeningHours.history.filter(channel_id__in=channel_ids),
            *HoursException.history.filter(channel_id__in=channel_ids),
            *ServiceTopic.history.filter(service_id=object_id),
            *Source.history.filter(service_id=object_id),
        ]
        related.sort(key=lambda record: record.history_date, reverse=True)
        rows = [
            {
                "date": record.history_date,
                "what": f"{record.instance._meta.verbose_name}: {record.instance}",
                "type": record.get_history_type_display(),
                "changes": describe_changes(record),
                "user": record.history_user,
            }
            for record in related
        ]
        return super().history_view(
            request, object_id, extra_context={**(extra_context or {}), "related_history": rows}
        )


def describe_changes(record) -> str:  # type: ignore[no-untyped-def]
    """ "field: old → new" for each field a historical record changed against the one before it."""
    previous = record.prev_record
    if previous is None:
        return ""
    delta = record.diff_against(previous)
    return "; ".join(f"{change.field}: {change.old} → {change.new}" for change in delta.changes)


class HoursExceptionForm(forms.ModelForm):
    """A date exception says "closed" in so many words, instead of leaving both times empty."""

    closed = forms.BooleanField(label=_("closed"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens"].help_text = _("Leave empty when closed.")
        if self.instance.pk:
            self.fields["closed"].initial = self.instance.opens is None

    def clean(self) -> dict:
        cleaned = super().clean()
        has_times = cleaned.get("opens") is not None or cleaned.get("closes") is not None
        if cleaned.get("closed") and has_times:
            raise ValidationError(_("A closed day has no hours: untick “closed” or clear the times."))
        if not cleaned.get("closed") and not has_times and not self.errors:
            raise ValidationError(_("Give the special hours of these days, or tick “closed”."))
        return cleaned


class ChannelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, channel: Channel) -> str:
        label = f" ({channel.label})" if channel.label else ""
        return f"{channel.service} – {channel.get_kind_display()} {channel.value}{label}"


class ClosureForm(HoursExceptionForm):
    """The dates, "closed" or special hours, and the reason, for many channels at once."""

    channels = ChannelChoiceField(
        queryset=Channel.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("channels"),
        help_text=_("Only channels with weekly hours: a closure changes nothing on the others."),
    )

    class Meta:
        model = HoursException
        fields = ["first_day", "last_day", "closed", "opens", "closes", "reason"]
        widgets = {
            "first_day": admin.widgets.AdminDateWidget,
            "last_day": admin.widgets.AdminDateWidget,
            "opens": admin.widgets.AdminTimeWidget,
            "closes": admin.widgets.AdminTimeWidget,
        }

    def __init__(self, *args: Any, channels: QuerySet[Channel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channels"].queryset = channels
        self.fields["channels"].initial = list(channels)
        self.fields["closed"].initial = True
        self.fields["reason"].required = True
        self.fields["reason"].help_text = _("Shown in the history of each channel, e.g. “Christmas holidays”.")


def close_channels_view(
    model_admin: OrganisationScopedAdmin, request: HttpRequest, queryset: QuerySet, channels: QuerySet[Channel]
) -> HttpResponse | None:
    """The intermediate page of the "close for a date range" action, and what it does once posted."""
    channels = channels.filter(opening_hours__isnull=False).distinct().select_related("service")
    form = ClosureForm(request.POST if "apply" in request.POST else None, channels=channels)
    if form.is_valid():
        through_review = not is_curator(request)
        outcome = closures.close(
            form.instance, form.cleaned_data["channels"], request.user, through_review=through_review
        )
        for found, level, text in (
            (outcome.applied, messages.SUCCESS, _("Date exception added to %(count)d channel(s): %(names)s.")),
            (
                outcome.proposed,
                messages.WARNING,
                _("Date exception proposed for %(count)d channel(s); it waits for a curator's review: %(names)s."),
            ),
            (
                outcome.skipped,
                messages.WARNING,
                _(
                    "Left alone, because they already have a date exception on exactly these dates "
                    "(edit it on the channel's page): %(names)s."
                ),
            ),
        ):
            if found:
                names = "; ".join(str(channel) for channel in found)
                model_admin.message_user(request, text % {"count": len(found), "names": names}, level)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Close channels for a date range"),
        "opts": model_admin.opts,
        "form": form,
        "media": model_admin.media + form.media,
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action": request.POST.get("action", ""),
        "through_review": not is_curator(request),
    }
    return TemplateResponse(request, "admin/directory/close_channels.html", context)


@admin.register(Channel)
class ChannelAdmin(OrganisationScopedAdmin):
    form = StaleSaveGuard
    organisation_path = "service__organisation"
    list_display = ["service", "kind", "value", "public_holidays"]
    list_filter = ["kind", "public_holidays", ("service__organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["service"]
    search_fields = ["service__name", "value"]
    actions = ["close_for_dates"]
    readonly_fields = ["reachability", "pending_review"]
    autocomplete_fields = ["service"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "pending_review",
                    "service",
                    "kind",
                    "value",
                    "label",
                    "region",
                    "position",
                    "public_holidays",
                    "hours_note",
                    "notes",
                    "seen_version",
                ]
            },
        ),
        (
            _("In French and English"),
            {"classes": ["collapse"], "fields": ["label_fr", "label_en", "value_fr", "value_en"]},
        ),
        (_("Reachability as users see it now"), {"fields": ["reachability"]}),
    ]

    def view_on_site(self, channel: Channel) -> str | None:
        return public_url(channel.service)

    @admin.action(description=_("Close for a date range…"))
    def close_for_dates(self, request: HttpRequest, queryset: QuerySet[Channel]) -> HttpResponse | None:
        return close_channels_view(self, request, queryset, queryset)

    class OpeningHoursInline(admin.TabularInline):
        model = OpeningHours
        extra = 0

    class HoursExceptionInline(admin.TabularInline):
        model = HoursException
        form = HoursExceptionForm
        fields = ["first_day", "last_day", "closed", "opens", "closes", "reason"]
        extra = 0

    inlines = [OpeningHoursInline, HoursExceptionInline]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "service" and not is_curator(request):
            kwargs["queryset"] = Service.objects.filter(organisation__editors=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("open now and the coming week"))
    def reachability(self, channel: Channel) -> str:
        return describe_week(channel, channel.service.time_zone) if channel.pk else "–"

    def revert_context(self, request: HttpRequest, record: Any) -> dict:
        restored = history.hours_at(record.id, history.end_of_version(record))
        return {"restored_hours": [history.describe_row(row) for row in restored.weekly + restored.exceptions]}

    def save_model(self, request: HttpRequest, obj: Channel, form: forms.ModelForm, change: bool) -> None:
        record = getattr(request, "reverting_to", None)
        if is_curator(request):
            super().save_model(request, obj, form, change)
            if record is not None:
                restored = history.hours_at(record.id, history.end_of_version(record))
                history.replace_hours(obj, restored, obj._change_reason)
            return
        if not change:
            # An editor's new channel waits for review as a whole; nothing is saved now.
            fields = {name: history.plain(getattr(obj, name)) for name in review.NEW_CHANNEL_FIELDS}
            request.proposal_values = {"new_channel": True, "fields": fields}
            return
        held = review.held_back(obj, review.REVIEWED_CHANNEL_FIELDS)
        request.proposal_values = {"fields": held} if held else {}
        super().save_model(request, obj, form, change)
        if record is not None:
            # simple-history's revert page has no inlines and calls no save_related: propose here.
            wanted = history.hours_at(record.id, history.end_of_version(record))
            self.submit_hours_for_review(request, obj, wanted)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool) -> None:
        if is_curator(request):
            super().save_related(request, form, formsets, change)
            return
        for formset in formsets:
            formset.save(commit=False)  # what the admin's change message reads; the rows wait for review
        self.submit_hours_for_review(request, form.instance, history.hours_of_forms(formsets))

    def submit_hours_for_review(self, request: HttpRequest, channel: Channel, wanted: history.Hours) -> None:
        values = request.proposal_values
        current = history.current_hours(channel) if channel.pk else history.Hours([], [])
        if not history.same_rows(wanted.weekly, current.weekly):
            values["opening_hours"] = wanted.weekly
        if not history.same_rows(wanted.exceptions, current.exceptions):
            values["exceptions"] = wanted.exceptions
        if values:
            self.submit_for_review(request, channel.service, channel if channel.pk else None, values)

    def log_addition(self, request: HttpRequest, obj: Channel, message: Any) -> Any:
        if obj.pk is None:  # an editor's proposed channel: the proposal is the record
            return None
        return super().log_addition(request, obj, message)

    def response_add(self, request: HttpRequest, obj: Channel, post_url_continue: str | None = None) -> HttpResponse:
        if obj.pk is None:
            return HttpResponseRedirect(reverse("admin:directory_proposedchange_changelist"))
        return super().response_add(request, obj, post_url_continue)

    def compare_context(self, old: Any, new: Any) -> dict:
        gone, came = history.hours_changes(
            history.hours_at(old.id, history.end_of_version(old)), history.hours_at(new.id, history.end_of_version(new))
        )
        return {"hours_gone": gone, "hours_came": came}


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    filter_horizontal = ["editors"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.is_superuser


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_nl", "name_fr", "name_en", "position"]
    search_fields = ["slug", "name_nl", "name_fr", "name_en"]
    fieldsets = [
        (None, {"fields": ["slug", "position", "name_nl", "description_nl"]}),
        (
            _("In French and English"),
            {"classes": ["collapse"], "fields": ["name_fr", "description_fr", "name_en", "description"]},
        ),
    ]


class ReviewStateFilter(admin.SimpleListFilter):
    """Opens on what is still waiting: the list is the curators' "to review" queue."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [*ProposedChange.State.choices, ("all", _("all"))]

    def choices(self, changelist: Any) -> Any:
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or ProposedChange.State.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[ProposedChange]) -> QuerySet[ProposedChange]:
        if self.value() == "all":
            return queryset
        return queryset.filter(state=self.value() or ProposedChange.State.PENDING)


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    """The "to review" list: curators approve or reject; editors follow their own proposals."""

    list_display = ["proposed_at", "about", "summary", "proposer", "state"]
    list_filter = [ReviewStateFilter, ("service__organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["service", "channel", "proposed_by"]
    search_fields = ["service__name", "channel__value"]
    review_template = "admin/directory/proposedchange/review.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProposedChange]:
        queryset = super().get_queryset(request)
        if is_curator(request):
            return queryset
        return queryset.filter(service__organisation__editors=request.user).distinct()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_curator(request) and super().has_change_permission(request, obj)

    @admin.display(description=_("about"), ordering="service__name")
    def about(self, proposal: ProposedChange) -> str:
        if review.is_new_channel(proposal):
            return f"{proposal.service} – {_('new channel')}"
        return str(proposal.channel or proposal.service)

    @admin.display(description=_("proposed change"))
    def summary(self, proposal: ProposedChange) -> str:
        described = review.describe(proposal)
        lines = [f"{change.field}: {change.old} → {change.new}" for change in described.fields]
        lines += [f"− {row}" for row in described.hours_gone] + [f"+ {row}" for row in described.hours_came]
        return format_html_join("", "{}<br>", ((line,) for line in lines))

    @admin.display(description=_("proposed by"), ordering="proposed_by__username")
    def proposer(self, proposal: ProposedChange) -> str:
        return str(proposal.proposed_by or "–")

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):  # type: ignore[no-untyped-def]
        """One proposal against the values in force now; curators approve or reject it with a note."""
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None or not self.has_view_permission(request, proposal):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, proposal):
                raise PermissionDenied
            note = request.POST.get("curator_note", "").strip()
            decision = review.approve if "_approve" in request.POST else review.reject
            try:
                decision(proposal, request.user, note)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done = _("Approved: the change is live.") if decision is review.approve else _("Rejected.")
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:directory_proposedchange_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Proposed change: %(about)s") % {"about": self.about(proposal)},
            "opts": self.opts,
            "proposal": proposal,
            "described": review.describe(proposal),
            "can_decide": self.has_change_permission(request, proposal)
            and proposal.state == ProposedChange.State.PENDING,
            "show_curators": is_curator(request),
        }
        return TemplateResponse(request, self.review_template, context)
