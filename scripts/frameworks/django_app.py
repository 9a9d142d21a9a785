"""Django settings, URLconf and views in one module: `django-admin runserver --settings=django_app`.

DEBUG = True as startproject writes it: Django's DEFAULT_LOGGING only prints to the console
(django.request's 404s and 500s) when DEBUG is on.
"""
from django.http import HttpResponse
from django.urls import path

import common

DEBUG = True
SECRET_KEY = "capture-frameworks"
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "django_app"
USE_TZ = True


def _view(view):
    return lambda request: HttpResponse(view(), content_type="text/plain")


urlpatterns = [path(p.lstrip("/"), _view(v)) for p, v in common.VIEWS.items()]
