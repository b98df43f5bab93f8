"""Print (or write) one client's record as a FHIR R4 Bundle of type `collection`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.events import write
from audit.models import Event
from clients.models import Client
from records import fhir


class Command(BaseCommand):
    help = "One client's record as a FHIR R4 collection Bundle (JSON), on stdout or to a file."

    def add_arguments(self, parser):
        parser.add_argument("--client", type=int, required=True, help="The client's id.")
        parser.add_argument("--output", "-o", help="Write the bundle to this file.")

    def handle(self, *args, client, output=None, **options):
        try:
            record = Client.objects.get(pk=client)
        except Client.DoesNotExist:
            raise CommandError(f"No client with id {client}.") from None
        text = fhir.bundle_json(fhir.client_bundle(record))
        # An export from the command line is an export too: the trail keeps it.
        write(
            None,
            action=Event.Action.EXPORT,
            object_type="clients.client",
            object_pk=str(record.pk),
            object_repr=f"Client #{record.pk} (FHIR bundle, command line)",
            client_pk=record.pk,
        )
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote the bundle of client #{record.pk} to {output}.")
        else:
            self.stdout.write(text, ending="")
