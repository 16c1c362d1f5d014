from django.urls import path

from referral.views import QuestionsView, TriageView

urlpatterns = [
    path("triage/", TriageView.as_view(), name="triage"),
    path("triage/questions/", QuestionsView.as_view(), name="triage-questions"),
]
