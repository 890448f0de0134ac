"""What the print documents say to people (zh-Hans), in one place."""

from __future__ import annotations

MASKED_NOTE = "按您的权限，身份证号已隐去部分号码。"
AUDIT_MASKED_NOTE = "按您的权限，身份证号和电话已隐去部分号码。"
CHAIN_OK = "审计链校验通过：全系统共 {length} 条记录，本摘录所列的记录已逐条与哈希核对。"
CHAIN_BROKEN = "审计链校验未通过：{description}请联系县级管理员。"
NO_HOUSEHOLDS = "本村尚未登记户籍。户籍由本村村民选举委员会导入。"
NO_AUDIT_ENTRIES = "本村还没有操作记录。"
NO_HEAD = "未登记户主"
JOB_NOT_FOUND = "找不到这项打印任务，或您无权查看。"
JOB_NO_VILLAGES = "该区划下没有您可以打印的村（社区）。"
JOB_CRASHED = "生成过程中出现系统错误，文件未生成。请点击“重新生成”；如仍失败，请联系系统管理员。"
JOB_INTERRUPTED = "后台任务进程中断（服务器重启或进程退出），文件未生成。请点击“重新生成”。"
JOB_FILE_PURGED = "文件已超过保存期限（{days}天）被删除，请重新生成。"
JOB_TOO_LARGE = "{village}的文件过大，超出了服务器一次能生成的范围，文件未生成。请联系系统管理员。"
JOB_NOT_RETRYABLE = "只有失败的打印任务可以重新生成。"
