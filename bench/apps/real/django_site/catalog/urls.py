from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.product_list, name="product-list"),
    path("api/products/<int:pk>/", views.product_detail, name="product-detail"),
    path("products/<int:pk>/stock/", views.product_stock, name="product-stock"),
    path("health", views.health, name="health"),
    path("pid", views.pid, name="pid"),
]
