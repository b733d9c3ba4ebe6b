"""Selection campaigns (最美民警 / 辅警之星 / 辅警标兵): nomination, judging, public voting, 公示, award."""
