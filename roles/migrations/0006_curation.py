# Curators review in the product's own pages (issue 18): a template offered from a plan is
# "In review" until they publish it or send it back with a comment, and keeps the list of
# placeholders that replaced names so every replacement can be highlighted.

from django.db import migrations, models

TEMPLATE_STATUSES = ["draft", "in_review", "published", "retired"]


def put_waiting_offers_and_proposals_in_review(apps, schema_editor):
    """Offers and proposals made before this arrived as drafts: they await review."""
    RoleTemplate = apps.get_model("roles", "RoleTemplate")
    CaseStudy = apps.get_model("roles", "CaseStudy")
    RoleTemplate.objects.filter(
        status="draft", offered_by__isnull=False, current_version__isnull=True
    ).update(status="in_review")
    CaseStudy.objects.filter(status="draft", proposed_by__isnull=False).update(status="in_review")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_password_reset_request"),
        ("roles", "0005_referencegeneration"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="roletemplate",
            name="role_template_status_valid",
        ),
        migrations.AddField(
            model_name="casestudy",
            name="curator_comment",
            field=models.TextField(
                blank=True,
                help_text="What the curators asked the proposer to change, if they sent it back.",
            ),
        ),
        migrations.AddField(
            model_name="roletemplate",
            name="curator_comment",
            field=models.TextField(
                blank=True,
                help_text="What the curators told the offering organisation, if sent back.",
            ),
        ),
        migrations.AddField(
            model_name="roletemplate",
            name="replacements",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AlterField(
            model_name="roletemplate",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("retired", "Retired"),
                ],
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddConstraint(
            model_name="roletemplate",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", TEMPLATE_STATUSES)),
                name="role_template_status_valid",
            ),
        ),
        migrations.RunPython(
            put_waiting_offers_and_proposals_in_review, migrations.RunPython.noop
        ),
    ]
