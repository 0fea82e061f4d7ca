"""A share belongs to one base and one payer: "单位缴费费率是百分之几" gets no first line from a
sentence stating a share of some other base for some other payment."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市工伤预防办法\n"
    "第一条 为了做好工伤预防，制定本办法。\n"
    "第二条 工伤预防费按照上年度工伤保险基金征缴收入的百分之三提取，用于宣传培训。\n"
    "第三条 参保职工工伤预防培训，每人每年不少于八学时。\n"
)
STATED = RULES + "第四条 工伤保险单位缴费费率为职工工资总额的百分之零点五。\n"


def test_a_share_of_another_base_is_no_first_line(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": RULES})
    answer = service.ask("工伤保险单位缴费费率是百分之几？")
    assert answer.direct is None or "百分之三" not in answer.direct, answer.answer


def test_the_share_of_the_asked_base_is_the_first_line(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": STATED})
    answer = service.ask("工伤保险单位缴费费率是百分之几？")
    assert answer.direct is not None and "百分之零点五" in answer.direct, answer.answer
