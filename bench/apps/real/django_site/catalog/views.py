import os
import time

from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Category, Product, Review

PAGE_SIZE = 20


def product_list(request):
    """ORM queries (a join, the paginator's count, per-page review figures) and a template: IO-ish + CPU."""
    products = Product.objects.select_related("category").order_by("-created")
    slug = request.GET.get("category")
    if slug:
        products = products.filter(category__slug=slug)
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    stats = {
        s["product"]: s
        for s in Review.objects.filter(product__in=[p.pk for p in page])
        .values("product")
        .annotate(review_count=Count("id"), rating=Avg("rating"))
    }
    for p in page:
        s = stats.get(p.pk, {})
        p.review_count, p.rating = s.get("review_count", 0), s.get("rating")
    categories = Category.objects.annotate(n=Count("products")).order_by("name")
    return render(request, "catalog/list.html", {"page": page, "categories": categories, "current": slug})


def product_detail(request, pk):
    """A JSON API view: one product and its latest reviews."""
    p = get_object_or_404(Product.objects.select_related("category"), pk=pk)
    reviews = list(p.reviews.values("author", "rating", "body", "created")[:5])
    return JsonResponse(
        {
            "id": p.pk,
            "sku": p.sku,
            "name": p.name,
            "category": p.category.name,
            "price": str(p.price),
            "stock": p.stock,
            "reviews": reviews,
        }
    )


def product_stock(request, pk):
    """Asks a (simulated) external inventory service: 20-50 ms of waiting, by product, or ?delay_ms=
    (at most 2000) for a slow upstream."""
    p = get_object_or_404(Product, pk=pk)
    delay = request.GET.get("delay_ms")
    time.sleep(min(int(delay), 2000) / 1000 if delay and delay.isdigit() else (20 + (pk * 7) % 31) / 1000)
    return JsonResponse({"sku": p.sku, "stock": p.stock, "warehouse": "eu-1"})


def health(request):
    return JsonResponse({"status": "ok"})


def pid(request):
    """The serving process's PID: lets the benchmark check that every worker answers."""
    return HttpResponse(str(os.getpid()), content_type="text/plain")
