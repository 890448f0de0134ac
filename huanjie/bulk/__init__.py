"""Bulk kernels: numpy executors of rules that huanjie.rules defines, for workloads of millions.

A kernel here never defines a rule: it runs one of `huanjie.rules` faster over many inputs and
is differential-tested against it on random and adversarial inputs (huanjie/bulk/tests). No
Django: only the rules and numpy.
"""
