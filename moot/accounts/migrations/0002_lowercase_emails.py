"""Every stored address lowercased, and no two accounts whose addresses differ by case.

Two accounts that differ only by case cannot both be kept: which one the person means is
theirs to say, so the migration stops and names them instead of merging or dropping one.
"""

from django.db import migrations, models
from django.db.models.functions import Lower


def lowercase_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    clashes = (
        User.objects.annotate(low=Lower("email"))
        .values("low")
        .annotate(n=models.Count("pk"))
        .filter(n__gt=1)
        .values_list("low", flat=True)
    )
    if clashes:
        raise RuntimeError(
            "These addresses belong to more than one account, differing only by case; "
            "merge or rename them, then migrate again: " + ", ".join(sorted(clashes))
        )
    User.objects.exclude(email=Lower("email")).update(email=Lower("email"))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(lowercase_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                Lower("email"), name="one_account_per_email_any_case"
            ),
        ),
    ]
