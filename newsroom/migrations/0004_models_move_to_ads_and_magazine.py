from django.db import migrations


class Migration(migrations.Migration):
    """Banners move to the ads app, magazine issues to the magazine app."""

    dependencies = [
        ("newsroom", "0003_private_pdfs_unique_names"),
    ]

    operations = [
        migrations.DeleteModel(name="BannerStat"),
        migrations.DeleteModel(name="MagazineDownloadStat"),
        migrations.DeleteModel(name="Banner"),
        migrations.DeleteModel(name="MagazineIssue"),
    ]
