from django.urls import path

from directory.hsds import views

urlpatterns = [
    path("", views.RootView.as_view(), name="hsds-root"),
    path("services", views.ServiceListView.as_view(), name="hsds-services"),
    path("services/<str:id>", views.ServiceDetailView.as_view(), name="hsds-service"),
    path("organizations", views.OrganizationListView.as_view(), name="hsds-organizations"),
    path("organizations/<str:id>", views.OrganizationDetailView.as_view(), name="hsds-organization"),
    path("taxonomies", views.TaxonomyListView.as_view(), name="hsds-taxonomies"),
    path("taxonomies/<str:id>", views.TaxonomyDetailView.as_view(), name="hsds-taxonomy"),
    path("taxonomy_terms", views.TaxonomyTermListView.as_view(), name="hsds-taxonomy-terms"),
    path("taxonomy_terms/<str:id>", views.TaxonomyTermDetailView.as_view(), name="hsds-taxonomy-term"),
]
