"""The five themes (五种类型) of the plan, section 二, as written there."""

from __future__ import annotations

from dataclasses import dataclass

_COUNTY_LEVEL = "各区县、各镇（街道）"


@dataclass(frozen=True)
class ThemeData:
    key: str
    name: str
    kind: str
    lines_of_work: tuple[str, ...]
    lead_units: tuple[str, ...]
    responsible_units: tuple[str, ...]


THEMES: tuple[ThemeData, ...] = (
    ThemeData(
        "love",
        "齐有爱",
        "文明社区",
        ("社区关爱", "邻里互爱", "家庭有爱"),
        ("市委组织部", "市委宣传部", "市委政法委", "市妇联"),
        ("市民政局", "市文化和旅游局", _COUNTY_LEVEL),
    ),
    ThemeData(
        "virtue",
        "齐养德",
        "德育社区",
        ("推进美德培育", "聚力美德实践", "强化美德引领"),
        ("市委宣传部",),
        (
            "市发展改革委",
            "市民政局",
            "市生态环境局",
            "市文化和旅游局",
            "市市场监管局",
            "市广播电视台",
            _COUNTY_LEVEL,
        ),
    ),
    ThemeData(
        "beauty",
        "齐育美",
        "和美社区",
        ("育场景之美", "育情景之美", "育风景之美"),
        ("市委宣传部", "市城市管理局"),
        ("市公安局", "市住房城乡建设局", "市市场监管局", _COUNTY_LEVEL),
    ),
    ThemeData(
        "health",
        "齐健康",
        "康养社区",
        ("立足居民“舒心”", "着眼科普“入心”", "助力银龄“安心”"),
        ("市公安局", "市民政局", "市卫生健康委", "市体育局"),
        ("市委宣传部", "市委政法委", "市科协", _COUNTY_LEVEL),
    ),
    ThemeData(
        "labour",
        "齐劳动",
        "活力社区",
        ("滋养劳动精神", "厚植劳动沃土", "拓展劳动技能"),
        ("市总工会", "市人力资源社会保障局"),
        ("市委宣传部", "市农业农村局", "市市场监管局", _COUNTY_LEVEL),
    ),
)
