# Per-kind content versions of a plan (planning/models/versions.py), what cached pages key on.
# Existing plans get no rows: every kind starts at version 0, which no cached entry was ever
# stored under (the keys are new), and the first change of a kind creates its row.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0011_plan_list_active_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=100)),
                ("version", models.PositiveIntegerField(default=0)),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="content_versions",
                        to="planning.implementationplan",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("plan", "kind"), name="plan_content_version_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind", ""), _negated=True),
                        name="plan_content_kind_not_blank",
                    ),
                ],
            },
        ),
    ]
