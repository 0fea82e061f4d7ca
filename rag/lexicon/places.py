"""Chinese municipalities and prefecture-level cities, for spotting the city a question names.

The table is data, not logic: query analysis uses it to tell "a city the corpus covers" from
"a city it does not", so a question about 北京 is refused instead of answered with 日照's policy.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CITIES_BY_PROVINCE = """
直辖市: 北京 上海 天津 重庆
河北: 石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水
山西: 太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁
内蒙古: 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布
辽宁: 沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛
吉林: 长春 吉林 四平 辽源 通化 白山 松原 白城
黑龙江: 哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化
江苏: 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
浙江: 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
安徽: 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
福建: 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德
江西: 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶
山东: 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽
河南: 郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店
湖北: 武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州
湖南: 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底
广东: 广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞
广东: 中山 潮州 揭阳 云浮
广西: 南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左
海南: 海口 三亚 三沙 儋州
四川: 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安
四川: 巴中 资阳
贵州: 贵阳 六盘水 遵义 安顺 毕节 铜仁
云南: 昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧
西藏: 拉萨 日喀则 昌都 林芝 山南 那曲
陕西: 西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛
甘肃: 兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南
青海: 西宁 海东
宁夏: 银川 石嘴山 吴忠 固原 中卫
新疆: 乌鲁木齐 克拉玛依 吐鲁番 哈密
港澳台: 香港 澳门 台北
"""

# Names that are also ordinary words or parts of common names ("长治久安", "世界大同",
# "黄山风景区", "中山大学"): they count as a city only when written with "市".
_NEEDS_SHI = frozenset(
    {"大同", "长治", "安康", "通化", "黄山", "中山", "吉林", "朝阳", "白山", "山南"}
)

NEEDS_SHI = _NEEDS_SHI

# A city name directly followed by these is an institution or a street, not the city; a
# road's side, crossing or surface ("路边", "路口", "路上") is a place in that city.
_NOT_A_CITY_AFTER = "大学|农大|理工|师范|路(?![边口上旁段面])|街|大道|研究院|石墨烯研究院"


def all_cities() -> tuple[str, ...]:
    """Every known city name, longest first (so 石嘴山 wins over a shorter overlap)."""
    names = {
        name
        for line in _CITIES_BY_PROVINCE.strip().splitlines()
        for name in line.split(":", 1)[1].split()
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _city_pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, all_cities()))
    # "某某市区" is the city and 市区 (its urban districts), not 某某市 and a stray 区; likewise
    # 市民 (its residents) and 市场 (a market)
    return re.compile(rf"({names})(市(?![区民场]))?(?!{_NOT_A_CITY_AFTER})")


def cities_named(text: str) -> tuple[str, ...]:
    """The cities `text` names, in order of first mention, without duplicates."""
    found: list[str] = []
    for match in _city_pattern().finditer(text):
        name, shi = match.group(1), match.group(2)
        if name in _NEEDS_SHI and not shi:
            continue
        if name not in found:
            found.append(name)
    return tuple(found)


def city_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of city mentions (with a trailing 市), for stripping them from a query."""
    return [
        match.span()
        for match in _city_pattern().finditer(text)
        if match.group(2) or match.group(1) not in _NEEDS_SHI
    ]


# Provinces and autonomous regions by the short names the table above groups cities under;
# the suffix a full name takes. A province short name that is also a city needs its suffix.
_NOT_PROVINCES = frozenset({"直辖市", "港澳台"})
PLACE_ENDINGS = ("省", "市", "区", "县", "旗", "州", "盟")  # a full name already says its level
PROVINCE_SUFFIX = "(?:省|自治区|壮族自治区|回族自治区|维吾尔自治区)"
_PROVINCE_NEEDS_SUFFIX = frozenset({"吉林"})


@lru_cache(maxsize=1)
def _province_of_city() -> dict[str, str]:
    return {
        city: province
        for line in _CITIES_BY_PROVINCE.strip().splitlines()
        for province, cities in [line.split(":", 1)]
        for city in cities.split()
    }


def province_of(city: str) -> str | None:
    """The province a city of the table lies in (short name: 浙江), None for the
    municipalities directly under the state and for names not in the table."""
    province = _province_of_city().get(city)
    return None if province is None or province not in all_provinces() else province


def all_provinces() -> tuple[str, ...]:
    names = {line.split(":", 1)[0] for line in _CITIES_BY_PROVINCE.strip().splitlines()}
    return tuple(sorted(names - _NOT_PROVINCES, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _province_pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, all_provinces()))
    return re.compile(rf"({names})({PROVINCE_SUFFIX})?")


def provinces_named(text: str) -> tuple[str, ...]:
    """The provinces `text` names (short names), in order of first mention."""
    found: list[str] = []
    for match in _province_pattern().finditer(text):
        name, suffix = match.group(1), match.group(2)
        if name in _PROVINCE_NEEDS_SUFFIX and not suffix:
            continue
        if name not in found:
            found.append(name)
    return tuple(found)
