"""Units and measure words of Chinese figures: the one unit list, data for the number rules
(rag.text.numerals) and the fact rules (rag.facts). Order matters inside a regex
alternation: a longer unit stands before its prefix (人次 before 人, 亿元 before 亿)."""

from __future__ import annotations

MONEY = ("亿元", "万元", "元")
# measured quantities: what an area, a length or a weight is stated in
AREA = ("平方米", "平米", "㎡", "公顷", "亩")
LENGTH = ("公里", "千米", "厘米", "米")
WEIGHT = ("千克", "公斤", "吨")
VOLUME = ("立方米", "毫升", "升")
LOUDNESS = ("分贝",)  # before 分 (points) in any alternation
TEMPERATURE = ("摄氏度", "℃")  # a room's or water's temperature; "多少度" asks it
# what a counted figure is counted in ("45家", "683名", "12.5%", "30㎡")
COUNTED = (
    *AREA,
    *LENGTH,
    *WEIGHT,
    *VOLUME,
    *LOUDNESS,
    *TEMPERATURE,
    *("%", "家", "个", "项", "人次", "人", "名", "场", "件", "所", "支", "倍"),
    *("次", "套", "户", "分", "张", "辆"),
)
# the measure word a "多少X / 几X" question names
ASKED_COUNT = (
    *("家", "个", "项", "人", "名", "场", "件", "所", "支", "倍"),
    *("次", "套", "户", "分", "张", "辆", "度"),
)
# a score's unit ("多少分"): written in digits, so a clause stating none states no score
POINTS = "分"
# the units a count written in words is counted in: not a score ("十分" is "very") nor a %
WORDED_COUNTED = tuple(unit for unit in COUNTED if unit not in (POINTS, "%"))
# the measure word of anything counted ("几个窗口"): a count in any measure word answers it
GENERIC_MEASURE = "个"
# "多少人" is answered by "683名"; "比例多少" by "50%" or "百分之五十"
SAME_COUNT = {
    "人": ("人", "名"),
    "名": ("名", "人"),
    "%": ("%", "百分之"),
    "面积": AREA,
    "长度": LENGTH,
    "重量": WEIGHT,
    "容量": VOLUME,
    "声级": LOUDNESS,
    "度": TEMPERATURE,
}
TALLY = ("笔",)  # loans, deals
MULTIPLIERS = ("亿", "万")  # a bare multiplier ends a figure too ("1.2亿")
# after which a Chinese numeral is a quantity ("三年", "五百万元", "两家"), not a name
MEASURE_WORDS = (
    *("元", "万", "亿", "%", "个", "家", "项", "年", "月", "日", "号", "次", "倍", "人", "名"),
    *("条", "款", "章", "节", "所", "座", "台", "套", "篇", "件", "天", "周", "小时", "岁", "成"),
    *(
        "类",
        "级",
        "轮",
        "户",
        "位",
        "种",
        "支",
        "场",
        "亩",
        "平方米",
        "公里",
        "米",
        "吨",
        "届",
        "批",
    ),
)


def alternation(*units: str) -> str:
    """A non-capturing regex alternation of the units, in the order given."""
    return "(?:" + "|".join(units) + ")"
