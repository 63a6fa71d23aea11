from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "moot.realtime"
    label = "realtime"
