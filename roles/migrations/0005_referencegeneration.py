# One row counting curators' edits to the reference data that cached plan pages use
# (planning.plan_cache); the constraint keeps it to that one row.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0004_roletemplate_roletemplateversion_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "reference data generation"},
        ),
        migrations.AddConstraint(
            model_name="referencegeneration",
            constraint=models.CheckConstraint(
                condition=models.Q(pk=1), name="reference_generation_one_row"
            ),
        ),
    ]
