"""Django's four password validators, saying in plain Chinese what is wrong and what to do.

Django's own zh-Hans catalogue lacks some of these messages (the minimum length comes out in
English), and the others read like a translation: every form that sets a password (the admin's
new account, its password change, an administrator's own password) shows these instead.
"""

from __future__ import annotations

from django.contrib.auth import password_validation

MIN_LENGTH = 8


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = MIN_LENGTH) -> None:
        super().__init__(min_length)

    def get_error_message(self) -> str:
        return f"密码太短：至少要有 {self.min_length} 个字符，请换一个更长的密码。"

    def get_help_text(self) -> str:
        return f"密码至少要有 {self.min_length} 个字符。"


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # `verbose_name` is filled in by Django: the field the password resembles (用户名, 名字…).
        return "密码与%(verbose_name)s太相似，容易被猜中，请换一个与用户名、姓名无关的密码。"

    def get_help_text(self) -> str:
        return "密码不能与用户名、姓名、电子邮箱相近。"


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "这个密码太常见，容易被猜中，请换一个不常见的密码。"

    def get_help_text(self) -> str:
        return "不能使用常见密码（如 password、12345678）。"


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return "密码不能全是数字，请加入字母或符号。"

    def get_help_text(self) -> str:
        return "密码不能全是数字。"
