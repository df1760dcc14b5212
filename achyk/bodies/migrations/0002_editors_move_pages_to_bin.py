"""Body editors may delete pages: deleting moves a page to the bin, where it can be restored."""

from django.db import migrations


def grant_delete_to_editors(apps, schema_editor):
    Body = apps.get_model("bodies", "Body")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="delete_page"
    ).first()
    if permission is None:
        return  # a fresh database: no body exists yet
    for body in Body.objects.filter(site__isnull=False, editors_group__isnull=False):
        root = Page.objects.get(pk=body.site.root_page_id)
        for home in Page.objects.filter(translation_key=root.translation_key):
            GroupPagePermission.objects.get_or_create(
                group_id=body.editors_group_id, page=home, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(grant_delete_to_editors, migrations.RunPython.noop),
    ]
