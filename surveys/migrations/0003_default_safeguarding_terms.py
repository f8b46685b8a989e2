"""A starting list of words and phrases that flag a typed answer for the Safeguarding leads.

About harm, abuse, self-harm and not feeling safe at home. The leads edit the list in the admin;
this only adds what is missing, so their changes stay.
"""

from django.db import migrations

DEFAULT_TERMS = [
    # Not feeling safe
    "not safe",
    "unsafe",
    "scared to go home",
    "scared at home",
    "afraid to go home",
    "frightened at home",
    "scared of him",
    "scared of her",
    "scared of them",
    "locked in",
    "locked me in",
    "threatened",
    "threatens me",
    "run away",
    "running away",
    "no food",
    "nobody feeds me",
    # Harm and abuse
    "hurt me",
    "hurts me",
    "hit me",
    "hits me",
    "hitting me",
    "beat me",
    "beats me",
    "kicked me",
    "kicks me",
    "punched me",
    "abuse",
    "abused",
    "abusing",
    "touched me",
    "touches me",
    "rape",
    "raped",
    "groomed",
    "violence",
    "violent",
    # Self-harm
    "self-harm",
    "self harm",
    "cut myself",
    "cutting myself",
    "hurt myself",
    "hurting myself",
    "kill myself",
    "killing myself",
    "suicide",
    "suicidal",
    "end my life",
    "want to die",
    "don't want to live",
    "don't want to be here",
]


def add_terms(apps, schema_editor):
    SafeguardingTerm = apps.get_model("surveys", "SafeguardingTerm")
    for phrase in DEFAULT_TERMS:
        SafeguardingTerm.objects.get_or_create(phrase=phrase)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_staff_role_permissions")]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
