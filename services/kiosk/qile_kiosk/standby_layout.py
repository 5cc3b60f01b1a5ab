"""Geometry of the whole-screen states: standby (the motto, the community, the clock) and pairing.

Part of Layout (layout.py), which inherits it: the same names, sized from the
same short side, kept apart because only standby.py draws with them and the
showing states (header, card, schedule) never do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from pygame import Rect


class WholeScreenLayout(ABC):
    width: int
    height: int

    @abstractmethod
    def px(self, value: float) -> int:
        """A distance in design pixels (a 1080-pixel short side) on this screen: Layout's."""

    @property
    def standby_band(self) -> Rect:
        """The gold band along the bottom edge."""
        return Rect(0, self.height - self.px(24), self.width, self.px(24))

    @property
    def standby_brand_size(self) -> int:
        return self.px(110)

    @property
    def standby_brand_base(self) -> int:
        return self.height // 2 - self.px(120)

    @property
    def standby_community_base(self) -> int:
        return self.standby_brand_base + self.px(120)

    @property
    def standby_screen_base(self) -> int:
        """The screen's name and place, under the community's."""
        return self.standby_community_base + self.px(70)

    @property
    def standby_clock_size(self) -> int:
        return self.px(140)

    @property
    def standby_clock_base(self) -> int:
        return self.standby_brand_base + self.px(340)

    @property
    def standby_date_base(self) -> int:
        return self.standby_brand_base + self.px(420)

    @property
    def status_raise(self) -> int:
        """The standby screen's status line sits this much above the safe area's bottom (less its descent)."""
        return self.px(4)

    @property
    def pairing_brand_base(self) -> int:
        """High enough for the console page's QR code under the address (pairing_qr_tile)."""
        return self.height // 2 - self.px(300)

    @property
    def pairing_hint_base(self) -> int:
        return self.pairing_brand_base + self.px(110)

    @property
    def pairing_code_size(self) -> int:
        return self.px(180)

    @property
    def pairing_code_base(self) -> int:
        return self.pairing_brand_base + self.px(300)

    @property
    def pairing_status_base(self) -> int:
        return self.pairing_brand_base + self.px(400)

    @property
    def pairing_url_base(self) -> int:
        """Where staff enter the code: the console page's address."""
        return self.pairing_status_base + self.px(80)

    @property
    def pairing_qr_top(self) -> int:
        """The console page's QR code, under its address."""
        return self.pairing_url_base + self.px(40)
