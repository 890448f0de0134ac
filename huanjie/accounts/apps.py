from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "huanjie.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from huanjie.accounts import login_audit

        user_logged_in.connect(login_audit.record_login, dispatch_uid="huanjie.login")
        user_login_failed.connect(
            login_audit.record_login_failed, dispatch_uid="huanjie.login_failed"
        )
