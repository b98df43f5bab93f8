from messaging.models import Message


def messages_for_topic(topic):
    return Message.objects.filter(topic=topic).order_by("due_at", "pk")
