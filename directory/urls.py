from rest_framework.routers import SimpleRouter

from directory.views import OrganisationViewSet, ServiceViewSet, TopicViewSet

router = SimpleRouter()
router.register("services", ServiceViewSet, basename="service")
router.register("topics", TopicViewSet, basename="topic")
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = router.urls
