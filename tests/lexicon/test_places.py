"""Places at every level from the administrative-division dataset, with their parents."""

from __future__ import annotations

from rag.ingest.parse import ingest_bytes
from rag.lexicon.divisions import NATIONAL, Division, mentions, place_of


def chain(head: str, body: str = "") -> tuple[str, ...] | str | None:
    place = place_of(head, body)
    return place.chain if isinstance(place, Division) else place


def test_district_city_province_and_the_country() -> None:
    assert chain("广州市天河区教育局关于做好招生工作的通知") == ("天河区", "广州市", "广东省")
    assert chain("深圳经济特区某某条例") == ("深圳市", "广东省")
    assert chain("广东多项医保新措1月1日起实施") == ("广东省",)
    assert chain("上海市社会救助条例") == ("上海市",)
    assert chain("居住证暂行条例\n国务院") == NATIONAL
    assert chain("北京市实施《中华人民共和国水法》办法") == ("北京市",)


def test_an_ambiguous_district_takes_the_city_named_with_it() -> None:
    (district,) = [d for d in mentions("北京市朝阳区") if d.level == 2]
    assert district.chain == ("朝阳区", "北京市")


def test_untitled_place_comes_from_the_body_and_lands_on_the_document() -> None:
    assert chain("常见问题", "天河区居民可在天河区政务服务中心办理。") == (
        "天河区",
        "广州市",
        "广东省",
    )
    text = "某县关于补贴的通知\n一、补贴对象为本县农户，每户补贴500元。\n"
    (doc,) = ingest_bytes(text.replace("某县", "酉阳土家族苗族自治县").encode(), "n.txt")
    assert doc.document.place == "酉阳土家族苗族自治县"
    assert doc.document.place_chain[-1] == "重庆市"
