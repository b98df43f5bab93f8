"""The background job behind each message, through Django's tasks API: the database backend
runs it with nothing else to install; a larger practice can point TASKS at RQ or Celery."""

from django_tasks import task

from messaging.services import message_deliver


@task()
def deliver_message(message_id):
    return message_deliver(message_id)
