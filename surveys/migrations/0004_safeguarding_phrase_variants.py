"""More of the ways children say that they are not safe, for the safeguarding list.

The matcher already reads capitals, apostrophes, invisible characters, repeated letters, words
run together or split, word endings ("beating" for "beat") and slang ("wanna") the same way on
both sides (surveys/safeguarding.py), so these are the phrasings it cannot reach from the first
list: other words for the same thing. Only what is missing is added, so the leads' changes stay.
"""

from django.db import migrations, models

VARIANTS = [
    # Not wanting to live
    "don't want to be alive",
    "wish I was dead",
    "wish I were dead",
    "wish I wasn't alive",
    "wish I wasn't here",
    "better off dead",
    "better off without me",
    "no reason to live",
    "end it all",
    "unalive",
    "overdose",
    "overdosed",
    "too many pills",
    # Self-harm
    "burn myself",
    "burning myself",
    "starve myself",
    "starving myself",
    # Being hurt
    "slapped me",
    "slaps me",
    "choked me",
    "chokes me",
    "strangled me",
    "strangles me",
    "hit at home",
    # Not safe at home
    "don't feel safe",
    "scared of my dad",
    "scared of my mum",
    "scared of my mom",
    "scared of my stepdad",
    "scared of my stepmum",
    "scared of my carer",
    "go to bed hungry",
    # Sexual harm, and the secrets that keep it hidden
    "sexual things",
    "our little secret",
    "keep it a secret",
    "keep it secret",
    "not to tell anyone",
    "not allowed to tell",
]


def add_variants(apps, schema_editor):
    SafeguardingTerm = apps.get_model("surveys", "SafeguardingTerm")
    for phrase in VARIANTS:
        SafeguardingTerm.objects.get_or_create(phrase=phrase)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_default_safeguarding_terms")]

    operations = [
        migrations.AlterField(
            model_name="safeguardingterm",
            name="phrase",
            field=models.CharField(
                help_text="Matched as whole words, as children type them: “hurts me” also matches "
                "“he HURTS me”, “hurting me” and “h u r t s me”; “kill myself” matches “kill my "
                "self” and “kill myslef”. Add other words for the same thing, not other spellings.",
                max_length=100,
                unique=True,
            ),
        ),
        migrations.RunPython(add_variants, migrations.RunPython.noop),
    ]
