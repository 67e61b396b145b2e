# The plan list's query (an organisation's active plans, newest first) is served by a partial
# index: the old (organisation, archived_at, -updated_at) index gave PostgreSQL no order, so it
# sorted every plan of the organisation for each page (make bench: list_scaling_ratio).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0010_planauditevent"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="implementationplan",
            name="planning_im_organis_8ebcc1_idx",
        ),
        migrations.AddIndex(
            model_name="implementationplan",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["organisation", "-updated_at", "-id"],
                name="plan_list_active_idx",
            ),
        ),
    ]
