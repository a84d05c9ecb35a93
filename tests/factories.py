"""Test data. Slugs come from the models' own collision-free slug rule."""

from datetime import timedelta
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import roles, services
from articles.models import Article, ArticleAuthor, Section, Tag
from authors.models import Author
from authors.services import author_saved


def image_upload(
    name="photo.jpg", size=(64, 48), fmt="JPEG", colour=(200, 30, 30)
) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    content_type = {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "GIF": "image/gif",
        "WEBP": "image/webp",
    }[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.add(role_group(extracted))


def role_group(name: str) -> Group:
    """The role's group with its permissions, whatever ran before this test.

    A data migration creates the groups, but a transactional test (live_server, browser
    tests, transaction=True) ends by flushing every table, so a later test may find none.
    """
    group = Group.objects.filter(name=name).first()
    if group is None:
        roles.sync_roles()
        group = Group.objects.get(name=name)
    return group


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name_ar = factory.Sequence(lambda n: f"ركن {n}")
    name_fr = factory.Sequence(lambda n: f"Rubrique {n}")
    position = factory.Sequence(int)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name_ar = factory.Sequence(lambda n: f"وسم {n}")
    name_fr = factory.Sequence(lambda n: f"Mot-clé {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name_ar = factory.Sequence(lambda n: f"كاتب {n}")
    name_fr = factory.Sequence(lambda n: f"Auteur {n}")
    role_ar = "صحفي"
    role_fr = "Journaliste"
    bio_ar = "سيرة قصيرة للكاتب."
    bio_fr = "Une courte biographie."

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            author_saved(instance)  # as every writer does: the photo's renditions


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published Arabic article by one author; pass title_fr to add the French edition."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title_ar = factory.Sequence(lambda n: f"خبر رقم {n}")
    lead_ar = "ملخص الخبر."
    body_ar = "<h2>عنوان فرعي</h2><p>نص الخبر.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article=self, author=a, position=n) for n, a in enumerate(authors)]
        )

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # As every writer does once an article and its bylines are saved: thumbnail,
            # search documents, cached pages.
            services.article_saved(instance)
