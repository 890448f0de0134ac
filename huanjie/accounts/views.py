"""Login and logout: Django's auth views with the Chinese page and messages of the guide."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from huanjie.accounts import messages

BAD_CREDENTIALS = "用户名或密码不正确，请重新输入；忘记密码请联系系统管理员。"
ACCOUNT_DISABLED = "该账号已停用，请联系系统管理员恢复后再登录。"


class LoginForm(AuthenticationForm):
    error_messages = {"invalid_login": BAD_CREDENTIALS, "inactive": ACCOUNT_DISABLED}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"


class LoginPage(LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


class LogoutPage(LogoutView):
    """Logging out is a POST (Django 5): the top bar's button is a small form. A GET (a typed or
    bookmarked address) gets a page with that button instead of an empty 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return render(request, "registration/logout_confirm.html")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # After the session is flushed: the message lives in a cookie until the login page.
        flash.success(request, messages.LOGGED_OUT)
        return response
