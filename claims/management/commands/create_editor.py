import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create (or reset) an editor account: staff, in the Editors group, with an API token."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--random-password", action="store_true", help="set a new random password and print it")

    @transaction.atomic
    def handle(self, *args, username, email, random_password, **options):
        try:
            editors = Group.objects.get(name="Editors")
        except Group.DoesNotExist:
            raise CommandError("the Editors group is missing: run `manage.py migrate` first") from None
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        password = secrets.token_urlsafe(12) if random_password or created else None
        if password:
            user.set_password(password)
        user.save()
        user.groups.add(editors)
        from rest_framework.authtoken.models import Token

        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(f"editor {username!r} {'created' if created else 'updated'}")
        if password:
            self.stdout.write(f"  password: {password}")
        self.stdout.write(f"  API token: {token.key}")
