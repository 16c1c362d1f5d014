"""The curated directory: organisations, services, their channels and the hours of each channel.

Names follow Open Referral HSDS 3.0 where they fit (minimum_age, maximum_age, the verification
date as `last_verified`, like HSDS `assured_date`). A verification is a person here checking the
facts with the service itself (who, when, how); the date of a source is `Source.source_date`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, time, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory import hours
from directory.entries import MAXIMUM_AGE, ChannelEntry, ServiceEntry, SourceEntry, Text, TopicLink
from directory.validation import normalise_phone, phone_href, validate_email, validate_url

AGE_LIMIT = MAXIMUM_AGE
# The cache key of the directory's version token: bumped on every change, read by the directory
# snapshot (directory/snapshot.py) to know when to rebuild.
DIRECTORY_VERSION_KEY = "directory-version"
LANGUAGE_CODES = {"nl", "fr", "en", "de", "ar", "tr", "pl", "uk", "ro", "es"}


# True inside one_directory_change(): the rows it writes bump the version once, at its end.
_batching: ContextVar[bool] = ContextVar("directory_batching", default=False)
Row = TypeVar("Row", bound=models.Model)


# Versions this process has published: its own snapshot (directory/snapshot.py) looks at the shared
# token at once after its own change instead of at its next periodic look.
versions_published_here = 0


def directory_changed() -> None:
    """Tell every app server to rebuild its directory snapshot, once the change is committed."""
    if _batching.get():
        return
    transaction.on_commit(publish_new_version)


def publish_new_version() -> None:
    global versions_published_here
    cache.set(DIRECTORY_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    versions_published_here += 1


@contextmanager
def one_directory_change() -> Iterator[None]:
    """Many writes, one version bump when they are done (an import, a fixture load); none if they fail."""
    token = _batching.set(True)
    try:
        yield
    finally:
        _batching.reset(token)
    directory_changed()


class DirectoryQuerySet(models.QuerySet[Row]):
    """Bulk writes skip save() and delete(), so they make the directory snapshot rebuild themselves
    (bulk_update() goes through update())."""

    def update(self, **kwargs: Any) -> int:
        rows = super().update(**kwargs)
        if rows:
            directory_changed()
        return rows

    def bulk_create(self, objs: Iterable[Row], *args: Any, **kwargs: Any) -> list[Row]:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            directory_changed()
        return created

    def delete(self) -> tuple[int, dict[str, int]]:
        result = super().delete()
        if result[0]:
            directory_changed()
        return result


class DirectoryModel(models.Model):
    """Saves and deletes of directory data make the directory snapshot rebuild."""

    objects = DirectoryQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        directory_changed()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        directory_changed()
        return result


class Versioned(models.Model):
    """A version number bumped on every save: the admin refuses a save made from an older
    version than the one in the database (no lost updates, see directory.admin.StaleSaveGuard)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            self.version += 1
        super().save(*args, **kwargs)


def validate_time_zone(value: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone; use a name such as Europe/Brussels."),
            params={"value": value},
        ) from error


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_('Languages are a list of codes, for example ["nl", "fr"].'))
    unknown = sorted(set(value) - LANGUAGE_CODES)
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s. Use two-letter codes such as nl, fr, en."),
            params={"codes": ", ".join(unknown)},
        )


class Organisation(DirectoryModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_organisations",
        verbose_name=_("editors"),
        help_text=_(
            "Staff of the organisation who may keep its own services right "
            "(members of the group “organisation editor”)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Topic(DirectoryModel):
    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    # `description` predates the per-language texts and holds the English one.
    description = models.TextField(_("description (English)"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name_nl

    def name_text(self) -> Text:
        return Text(self.name_nl, self.name_fr, self.name_en)


class Province(models.TextChoices):
    """Where a walk-in place is, at province level (Brussels as one). Never a person's address:
    the questionnaire may ask for one of these to prefer a place nearby, and nothing finer."""

    ANTWERPEN = "antwerpen", _("Antwerp")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("East Flanders")
    VLAAMS_BRABANT = "vlaams-brabant", _("Flemish Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West Flanders")
    BRUSSELS = "brussels", _("Brussels")
    BRABANT_WALLON = "brabant-wallon", _("Walloon Brabant")
    HAINAUT = "hainaut", _("Hainaut")
    LIEGE = "liege", _("Liège")
    LUXEMBOURG = "luxembourg", _("Luxembourg")
    NAMUR = "namur", _("Namur")


class ServiceQuerySet(DirectoryQuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        """Published services with their organisation, topics, sources and channels' hours, in a
        fixed number of queries: what the directory snapshot holds (`Service.to_entry`)."""
        return (
            self.filter(status=Service.Status.PUBLISHED)
            .select_related("organisation")
            .prefetch_related(
                "topic_links__topic",
                "sources",
                models.Prefetch("channels", queryset=Channel.objects.prefetch_related("opening_hours", "exceptions")),
            )
        )


class VerificationMethod(models.TextChoices):
    """How a person here checked a service's facts: always with the service itself."""

    PHONE_CALL = "phone_call", _("phone call to the service")
    OWN_WEBSITE = "own_website", _("the service's own website")
    OWN_EDIT = "own_edit", _("the service's own edit")


class Service(Versioned, DirectoryModel):
    class Kind(models.TextChoices):
        HELPLINE = "helpline", _("helpline")
        INFORMATION = "information", _("information")
        WALK_IN = "walk-in", _("walk-in centre")
        EMERGENCY = "emergency", _("emergency")
        # A group or forum where young people support each other, with moderators: offered next to the
        # helplines for non-urgent worries, never instead of them (referral/ranking.py).
        PEER_SUPPORT = "peer-support", _("moderated peer support")

    class Moderators(models.TextChoices):
        PROFESSIONALS = "professionals", _("professionals")
        TRAINED_VOLUNTEERS = "trained-volunteers", _("trained volunteers")
        YOUNG_PEOPLE = "young-people", _("young people themselves")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")

    class Region(models.TextChoices):
        FLANDERS = "flanders", _("Flanders")
        BRUSSELS = "brussels", _("Brussels")
        FLANDERS_BRUSSELS = "flanders-brussels", _("Flanders and Brussels")
        WALLONIA_BRUSSELS = "wallonia-brussels", _("Wallonia and Brussels")
        EAST_BELGIUM = "east-belgium", _("East Belgium (German-speaking Community)")
        BELGIUM = "belgium", _("Belgium")
        LOCAL = "local", _("local (see channels)")

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Stable identifier used in links; do not change."))
    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(
        _("name in a French sentence"),
        max_length=200,
        blank=True,
        help_text=_(
            "With its article when French uses one: “le Centre Antipoisons”, “la DrugLijn”. "
            "Empty: the name as it is, without an article."
        ),
    )
    name_en = models.CharField(
        _("name in an English sentence"),
        max_length=200,
        blank=True,
        help_text=_("With “the” when English uses it: “the Community Help Service”. Empty: the name as it is."),
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HELPLINE)
    summary_nl = models.CharField(_("summary (Dutch)"), max_length=300)
    summary_fr = models.CharField(_("summary (French)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    what_to_expect_nl = models.TextField(
        _("what to expect (Dutch)"),
        blank=True,
        help_text=_("Who answers, waiting queue, how long: sourced facts only."),
    )
    what_to_expect_fr = models.TextField(_("what to expect (French)"), blank=True)
    what_to_expect_en = models.TextField(_("what to expect (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(AGE_LIMIT)],
        help_text=_("Empty: no lower bound."),
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(AGE_LIMIT)],
        help_text=_("Empty: no upper bound."),
    )
    age_note = models.CharField(
        _("age note"),
        max_length=300,
        blank=True,
        help_text=_("Where the bounds come from, when they are a reading of the audience."),
    )
    age_is_reading = models.BooleanField(
        _("age bounds are a reading"),
        default=False,
        help_text=_(
            "No source states these bounds: they are a reading of the audience (see the age note). "
            "They still filter, but are shown as usual ages, not official ones."
        ),
    )
    topics = models.ManyToManyField(Topic, through="ServiceTopic", related_name="services")
    languages = models.JSONField(_("languages"), default=list, validators=[validate_languages])
    free = models.BooleanField(_("free"), null=True, blank=True, help_text=_("Empty: not known."))
    anonymous = models.BooleanField(_("anonymous"), null=True, blank=True, help_text=_("Empty: not known."))
    accepts_third_party = models.BooleanField(
        _("accepts contact about someone else"),
        default=False,
        help_text=_("Friends, parents and others may contact it about someone."),
    )
    takes_young_helpers = models.BooleanField(
        _("takes questions about others from young people"),
        default=False,
        help_text=_(
            "A young person may contact it about a friend or someone else, also when it does not take "
            "contact about someone else from adults. Say why in the verification note."
        ),
    )
    first_step_for_young_people = models.BooleanField(
        _("first step for children and young people"),
        default=False,
        help_text=_(
            "The Flemish helplines agreed (2020) to put this service forward first for children and young people."
        ),
    )
    moderated_by = models.CharField(
        _("moderated by"),
        max_length=20,
        choices=Moderators.choices,
        blank=True,
        help_text=_(
            "Moderated peer support only: who moderates. The ages are the service's age range; when it is "
            "moderated are the hours of its forum or group channel. Empty: not known."
        ),
    )
    region = models.CharField(
        _("region served"), max_length=20, choices=Region.choices, default=Region.FLANDERS_BRUSSELS
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.SERVICE_TIME_ZONE, validators=[validate_time_zone]
    )
    # Verification is what a person here did; the date of a source is Source.source_date. An imported
    # file's date is never a verification: nobody here checked anything on that day.
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_(
            "When a person here last checked this service's facts with the service itself. "
            "Not the date of a source: those are on the sources."
        ),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verification_method = models.CharField(
        _("verified how"),
        max_length=20,
        choices=VerificationMethod.choices,
        blank=True,
        help_text=_("How the last verification was done."),
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    needs_verification = models.BooleanField(
        _("needs verification"),
        default=False,
        help_text=_("Facts are secondary, historical or incomplete: check these first."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=F("maximum_age")),
                name="service_minimum_age_not_above_maximum",
                violation_error_message=_("The minimum age cannot be above the maximum age."),
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(minimum_age__lte=AGE_LIMIT),
                name="service_minimum_age_in_range",
                violation_error_message=_("The minimum age must be between 0 and 120."),
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__isnull=True) | Q(maximum_age__lte=AGE_LIMIT),
                name="service_maximum_age_in_range",
                violation_error_message=_("The maximum age must be between 0 and 120."),
            ),
            models.CheckConstraint(
                condition=Q(moderated_by="") | Q(kind="peer-support"),
                name="service_moderated_by_only_for_peer_support",
                violation_error_message=_("Only moderated peer support has moderators."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def verified_until(self) -> date | None:
        """The last day a person's verification of this service counts (hours.Schedule.verified_until):
        VERIFICATION_STALE_AFTER_DAYS after it, the same deadline as the admin's "stale"."""
        return verification_deadline(self.last_verified)

    def summary(self, language: str) -> str:
        return getattr(self, f"summary_{language}", "") or self.summary_nl

    def description(self, language: str) -> str:
        return getattr(self, f"description_{language}", "") or self.description_nl

    def what_to_expect(self, language: str) -> str:
        return getattr(self, f"what_to_expect_{language}", "") or self.what_to_expect_nl

    def to_entry(self) -> ServiceEntry:
        """The service as the snapshot holds it; reads its relations through `published()`'s prefetch."""
        return service_entry(
            self,
            organisation=self.organisation.name,
            topics=tuple(link.to_entry() for link in self.topic_links.all()),
            channels=tuple(channel.to_entry(self.time_zone, self.verified_until) for channel in self.channels.all()),
            sources=tuple(source.to_entry() for source in self.sources.all()),
        )


class ServiceTopic(DirectoryModel):
    class Centrality(models.TextChoices):
        PRIMARY = "primary", _("what the service is for")
        SECONDARY = "secondary", _("also helps with this")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="service_links")
    centrality = models.CharField(
        _("centrality"), max_length=10, choices=Centrality.choices, default=Centrality.SECONDARY
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "topic"],
                name="service_topic_once",
                violation_error_message=_("This topic is already linked to the service."),
            )
        ]
        verbose_name = _("topic of the service")
        verbose_name_plural = _("topics of the service")

    def __str__(self) -> str:
        return f"{self.service} – {self.topic}"

    def to_entry(self) -> TopicLink:
        return topic_link(self.topic.slug, self.centrality)


class Source(DirectoryModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("URL"), max_length=500, blank=True)
    citation = models.CharField(
        _("citation"),
        max_length=300,
        blank=True,
        help_text=_("What the source is, when it has no URL or needs a word."),
    )
    source_date = models.CharField(
        _("source date"), max_length=60, blank=True, help_text=_("As precise as known: 2023-01, unknown (Feb 2021).")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.url or self.citation

    def to_entry(self) -> SourceEntry:
        return source_entry(self)

    def clean(self) -> None:
        if not self.url and not self.citation:
            raise ValidationError(_("A source needs a URL or a citation."))


class Channel(Versioned, DirectoryModel):
    class Kind(models.TextChoices):
        PHONE = "phone", _("phone")
        CHAT = "chat", _("chat")
        EMAIL = "email", _("e-mail")
        FORUM = "forum", _("forum")
        WALK_IN = "walk-in", _("walk-in")
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")
        WEBSITE = "website", _("website")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("address"),
        max_length=300,
        help_text=_("Phone number, chat or web URL, e-mail address or street address, as people should see it."),
    )
    value_fr = models.CharField(
        _("place (French)"),
        max_length=300,
        blank=True,
        help_text=_("Walk-in only: the place as French readers should see it. Numbers and links need no translation."),
    )
    value_en = models.CharField(
        _("place (English)"),
        max_length=300,
        blank=True,
        help_text=_("Walk-in only: the place as English readers should see it."),
    )
    label = models.CharField(_("label (Dutch)"), max_length=120, blank=True)
    label_fr = models.CharField(_("label (French)"), max_length=120, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)
    region = models.CharField(
        _("province"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("Walk-in places: the province (or Brussels) they are in. Empty: not tied to a place."),
    )
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class PublicHolidays(models.TextChoices):
        CLOSED = hours.HOLIDAYS_CLOSED, _("closed")
        OPEN = hours.HOLIDAYS_OPEN, _("open as on any other day")
        UNKNOWN = hours.HOLIDAYS_UNKNOWN, _("not known")

    public_holidays = models.CharField(
        _("on Belgian public holidays"),
        max_length=8,
        choices=PublicHolidays.choices,
        default=PublicHolidays.UNKNOWN,
        help_text=_(
            "Closed or open only when a source says so. Not known: on a public holiday the channel "
            "is shown as possibly closed, and triage does not count on it."
        ),
    )
    hours_note = models.TextField(
        _("hours note"), blank=True, help_text=_("Where the hours come from and what is uncertain.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["service", "position", "id"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return f"{self.service} – {self.get_kind_display()} {self.value}"

    def clean(self) -> None:
        self.value = self.value.strip()
        if self.kind != self.Kind.WALK_IN and (self.value_fr or self.value_en):
            raise ValidationError(
                {"value_fr": _("Only a walk-in place is written per language; numbers and links are the same in all.")}
            )
        try:
            match self.kind:
                case self.Kind.PHONE | self.Kind.SMS | self.Kind.WHATSAPP:
                    normalise_phone(self.value)
                case self.Kind.CHAT | self.Kind.FORUM | self.Kind.WEBSITE:
                    validate_url(self.value)
                case self.Kind.EMAIL:
                    validate_email(self.value)
        except ValidationError as error:
            raise ValidationError({"value": error.messages}) from error

    @property
    def href(self) -> str:
        return channel_href(self.kind, self.value)

    def to_entry(self, time_zone: str, verified_until: date | None = None) -> ChannelEntry:
        """The channel as the snapshot holds it, its hours in its service's zone."""
        return channel_entry(self, self.schedule(time_zone, verified_until))

    def schedule(self, time_zone: str, verified_until: date | None = None) -> hours.Schedule | None:
        """The channel's hours for the engine; None when no weekly hours are known.

        `verified_until` is the service's (Service.verified_until). Reads `opening_hours` and
        `exceptions` through the caller's prefetch.
        """
        weekly = tuple(slot.as_slot() for slot in self.opening_hours.all())
        return channel_schedule(self.public_holidays, time_zone, weekly, self.exceptions.all(), verified_until)


class Confidence(models.TextChoices):
    PRIMARY_DATED = "primary-dated", _("primary source, dated")
    OFFICIAL_UNDATED = "official-undated", _("official page, undated")
    SECONDARY = "secondary-unverified", _("secondary, unverified")
    HISTORICAL = "historical", _("historical: was true then")


def validate_whole_minutes(value: time) -> None:
    if value.second or value.microsecond:
        raise ValidationError(_("Opening hours are whole minutes, such as 18:00 or 21:30."))


class OpeningHours(DirectoryModel):
    """One weekly slot of a channel, in the service's local wall-clock time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"), validators=[validate_whole_minutes])
    closes = models.TimeField(
        _("closes"),
        validators=[validate_whole_minutes],
        help_text=_("00:00 means midnight; a closing time before the opening time runs past midnight."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=24, choices=Confidence.choices, default=Confidence.PRIMARY_DATED
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["channel", "weekday", "opens"]
        verbose_name = _("weekly opening hours")
        verbose_name_plural = _("weekly opening hours")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "weekday", "opens"],
                name="opening_hours_slot_once",
                violation_error_message=_("This channel already has hours that open on this day at this time."),
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="opening_hours_weekday_valid",
                violation_error_message=_("Choose a day from Monday to Sunday."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.opens == self.closes and self.opens != time(0):
            raise ValidationError(
                _("Opening and closing at the same time means 24 hours; write that as 00:00 to 00:00.")
            )

    def as_slot(self) -> hours.WeeklySlot:
        return hours.WeeklySlot(weekday=self.weekday, opens=self.opens, closes=self.closes, confidence=self.confidence)


class HoursException(DirectoryModel):
    """Dates on which a channel is closed or keeps other hours; replaces the weekly slots on those dates."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="exceptions")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until (inclusive)"))
    opens = models.TimeField(
        _("opens"), null=True, blank=True, validators=[validate_whole_minutes], help_text=_("Empty: closed.")
    )
    closes = models.TimeField(_("closes"), null=True, blank=True, validators=[validate_whole_minutes])
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["channel", "first_day", "opens"]
        verbose_name = _("date exception")
        verbose_name_plural = _("date exceptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")),
                name="hours_exception_dates_in_order",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True) | Q(opens__isnull=False, closes__isnull=False),
                name="hours_exception_opens_and_closes_together",
                violation_error_message=_(
                    "Give both an opening and a closing time, or tick “closed” for a day without hours."
                ),
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.first_day}" if self.first_day == self.last_day else f"{self.first_day} – {self.last_day}"
        if self.opens is None:
            return f"{when}: {_('closed')}"
        return f"{when}: {self.opens:%H:%M}–{self.closes:%H:%M}"


def exceptions_by_dates(rows: Iterable[HoursException]) -> tuple[hours.DateException, ...]:
    """One engine exception per date range: its rows with times are the special hours of those
    dates, and a range whose rows have no times is closed."""
    slots_by_dates: dict[tuple[date, date], list[tuple[time, time]]] = {}
    for row in rows:
        slots = slots_by_dates.setdefault((row.first_day, row.last_day), [])
        if row.opens is not None and row.closes is not None:
            slots.append((row.opens, row.closes))
    return tuple(
        hours.DateException(first_day=first, last_day=last, slots=tuple(sorted(slots)))
        for (first, last), slots in sorted(slots_by_dates.items())
    )


# The mapping from the models' fields to the snapshot's values, written once. Each takes a row:
# the model instance itself (`to_entry()`), or a database row with the same field names
# (directory/snapshot.py builds the whole directory from rows, without model instances).


def service_entry(
    row: Any,
    *,
    organisation: str,
    topics: tuple[TopicLink, ...],
    channels: tuple[ChannelEntry, ...],
    sources: tuple[SourceEntry, ...],
) -> ServiceEntry:
    return ServiceEntry(
        slug=row.slug,
        name=row.name,
        organisation=organisation,
        kind=row.kind,
        summary=Text(row.summary_nl, row.summary_fr, row.summary_en),
        what_to_expect=Text(row.what_to_expect_nl, row.what_to_expect_fr, row.what_to_expect_en),
        url=row.website,
        minimum_age=row.minimum_age,
        maximum_age=row.maximum_age,
        topics=topics,
        languages=tuple(row.languages),
        free=row.free,
        anonymous=row.anonymous,
        accepts_third_party=row.accepts_third_party,
        takes_young_helpers=row.takes_young_helpers,
        channels=channels,
        first_step_for_young_people=row.first_step_for_young_people,
        moderated_by=row.moderated_by,
        description=Text(row.description_nl, row.description_fr, row.description_en),
        region=row.region,
        age_note=row.age_note,
        age_is_reading=row.age_is_reading,
        time_zone=row.time_zone,
        sources=sources,
        last_verified=row.last_verified,
        verification_note=row.verification_note,
        needs_verification=row.needs_verification,
        sentence_name=Text(row.name, row.name_fr, row.name_en),
    )


def verification_deadline(last_verified: date | None) -> date | None:
    return None if last_verified is None else last_verified + timedelta(days=settings.VERIFICATION_STALE_AFTER_DAYS)


def topic_link(topic_slug: str, centrality: str) -> TopicLink:
    return TopicLink(slug=topic_slug, primary=centrality == ServiceTopic.Centrality.PRIMARY)


def source_entry(row: Any) -> SourceEntry:
    return SourceEntry(url=row.url, citation=row.citation, source_date=row.source_date)


def channel_entry(row: Any, schedule: hours.Schedule | None) -> ChannelEntry:
    return ChannelEntry(
        kind=row.kind,
        value=row.value,
        href=channel_href(row.kind, row.value),
        label=Text(row.label, row.label_fr, row.label_en),
        schedule=schedule,
        place=Text(row.value, row.value_fr, row.value_en) if row.kind == Channel.Kind.WALK_IN else None,
        region=row.region,
    )


def channel_href(kind: str, value: str) -> str:
    """A ready link to a channel: tel:, sms:, https://wa.me/, mailto: or the URL; "" for a place."""
    match kind:
        case Channel.Kind.PHONE:
            return phone_href(value)
        case Channel.Kind.SMS:
            return phone_href(value).replace("tel:", "sms:", 1)
        case Channel.Kind.WHATSAPP:
            return f"https://wa.me/{phone_href(value).removeprefix('tel:+')}"
        case Channel.Kind.EMAIL:
            return f"mailto:{value}"
        case Channel.Kind.WALK_IN:
            return ""
        case _:
            return value


def channel_schedule(
    public_holidays: str,
    time_zone: str,
    weekly: tuple[hours.WeeklySlot, ...],
    exceptions: Iterable[Any],
    verified_until: date | None,
) -> hours.Schedule | None:
    """A channel's hours for the engine from its weekly slots and exception rows; None without slots."""
    if not weekly:
        return None
    return hours.Schedule(
        time_zone=time_zone,
        weekly=weekly,
        exceptions=exceptions_by_dates(exceptions),
        public_holidays=public_holidays,
        verified_until=verified_until,
    )


class ProposedChange(models.Model):
    """An organisation editor's change to a fact that decides where a young person in crisis is
    sent (status, age range, phone numbers and other channel values, hours, verification). It does
    not reach the public until a curator approves it (directory/review.py applies it)."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("service"))
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("channel"),
        help_text=_("Empty: a change to the service itself, or a new channel when the values name a kind."),
    )
    # {"fields": {name: value}, "opening_hours": [row, ...], "exceptions": [row, ...]} as JSON values;
    # a list of hours replaces all of the channel's rows of that kind (see directory/history.py).
    values = models.JSONField(_("proposed values"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    curator_note = models.TextField(_("curator's note"), blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes (to review)")
        indexes = [models.Index(fields=["state", "proposed_at"])]

    def __str__(self) -> str:
        return f"{self.channel or self.service} ({self.get_state_display()})"
