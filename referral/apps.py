from django.apps import AppConfig


class ReferralConfig(AppConfig):
    name = "referral"
