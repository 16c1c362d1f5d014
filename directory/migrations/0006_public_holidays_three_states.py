"""Public holidays in three states per channel: closed, open, unknown.

The old boolean said "closed" or nothing; "nothing" was read as open, although for most channels no
source says anything about holidays. So True becomes closed and False becomes unknown: what the
sources really say ("geen sluitingsdagen", 24/7) is set to open in the data, with its reason.
"""

from django.db import migrations, models

FIELD = models.CharField(
    choices=[("closed", "closed"), ("open", "open as on any other day"), ("unknown", "not known")],
    default="unknown",
    help_text=(
        "Closed or open only when a source says so. Not known: on a public holiday the channel is shown as "
        "possibly closed, and triage does not count on it."
    ),
    max_length=8,
    verbose_name="on Belgian public holidays",
)


def to_three_states(apps, schema_editor):
    for model in ("Channel", "HistoricalChannel"):
        rows = apps.get_model("directory", model).objects
        rows.filter(closed_on_public_holidays=True).update(public_holidays="closed")
        rows.filter(closed_on_public_holidays=False).update(public_holidays="unknown")


def to_boolean(apps, schema_editor):
    for model in ("Channel", "HistoricalChannel"):
        rows = apps.get_model("directory", model).objects
        rows.update(closed_on_public_holidays=False)
        rows.filter(public_holidays="closed").update(closed_on_public_holidays=True)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_language_and_region"),
    ]

    operations = [
        migrations.AddField(model_name="channel", name="public_holidays", field=FIELD),
        migrations.AddField(model_name="historicalchannel", name="public_holidays", field=FIELD),
        migrations.RunPython(to_three_states, to_boolean),
        migrations.RemoveField(model_name="channel", name="closed_on_public_holidays"),
        migrations.RemoveField(model_name="historicalchannel", name="closed_on_public_holidays"),
    ]
