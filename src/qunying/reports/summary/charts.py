"""Chart images for the annual summary, drawn server-side with matplotlib in Noto Sans CJK SC (shipped inside the
mplfonts package, so nothing is downloaded and no system font is needed)."""

import functools
import importlib.util
import io
from pathlib import Path

from matplotlib import font_manager
from matplotlib.figure import Figure

FONT_FILE = "NotoSansCJKsc-Regular.otf"
COLOURS = ["#b71c1c", "#ef6c00", "#1565c0", "#2e7d32", "#6a1b9a", "#455a64"]


@functools.cache
def cjk_font() -> font_manager.FontProperties | None:
    """The bundled CJK font, registered with matplotlib once; None if the package is missing (labels then fall
    back to matplotlib's default font)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path))


def _figure() -> tuple[Figure, object]:
    figure = Figure(figsize=(6.4, 3.2), dpi=150)
    return figure, figure.subplots()


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _label(ax, title: str, font) -> None:
    ax.set_title(title, fontproperties=font, fontsize=11)
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        if font is not None:
            label.set_fontproperties(font)
    ax.spines[["top", "right"]].set_visible(False)


def stacked_bars(title: str, spec: dict) -> bytes | None:
    """A stacked bar chart from a dashboard chart spec ({"categories", "series": [{"name", "data"}]})."""
    if not spec["categories"] or not any(any(s["data"]) for s in spec["series"]):
        return None
    font = cjk_font()
    figure, ax = _figure()
    positions = range(len(spec["categories"]))
    bottom = [0] * len(spec["categories"])
    for index, series in enumerate(spec["series"]):
        values = [value or 0 for value in series["data"]]
        ax.bar(positions, values, bottom=bottom, label=series["name"], color=COLOURS[index % len(COLOURS)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(list(positions), spec["categories"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(spec["series"]) > 1:
        ax.legend(prop=font, fontsize=8, frameon=False)
    _label(ax, title, font)
    return _png(figure)


def lines(title: str, spec: dict, *, unit: str = "%") -> bytes | None:
    if not spec["categories"]:
        return None
    font = cjk_font()
    figure, ax = _figure()
    for index, series in enumerate(spec["series"]):
        points = [(i, v) for i, v in enumerate(series["data"]) if v is not None]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o", label=series["name"], color=COLOURS[index % len(COLOURS)])
    ax.set_xticks(range(len(spec["categories"])), spec["categories"], rotation=45)
    ax.set_ylabel(unit)
    ax.legend(prop=font, fontsize=8, frameon=False)
    _label(ax, title, font)
    return _png(figure)
