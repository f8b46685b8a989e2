"""The staff roles as groups (accounts.roles; see docs/roles.md). Every app gives these groups
its own models' permissions in its own migrations with accounts.roles.grant_permissions: the
Editors' content permissions are cms 0007's (cms/roles.py).
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts.roles import create_roles

    create_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_staff_audit_and_information_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
