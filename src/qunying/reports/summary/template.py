"""The built-in annual summary template, written with python-docx so that it stays editable: staff download it,
change the wording, fonts or layout in Word (keeping the {{ … }} and {%tr … %} tags) and upload it again.
`scripts/make-summary-template` writes it to annual_summary.docx beside this file."""

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

DEFAULT_TEMPLATE = Path(__file__).with_name("annual_summary.docx")

# GB/T 9704 house style: 仿宋 body, 黑体 headings, 宋体 title; Latin text in Times New Roman.
BODY_FONT, HEADING_FONT, TITLE_FONT, LATIN_FONT = "仿宋", "黑体", "宋体", "Times New Roman"


def set_fonts(style_or_run, *, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and the East-Asian font: Word picks w:eastAsia for Chinese characters, whatever w:ascii says."""
    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # a theme font would override the named ones
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal, east_asia=BODY_FONT)
    normal.font.size = Pt(16)
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 16)):
        style = styles[name]
        set_fonts(style, east_asia=TITLE_FONT if name == "Title" else HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = name != "Heading 2"
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(32)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    set_fonts(table_text, east_asia=BODY_FONT)
    table_text.font.size = Pt(12)
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    figure = styles.add_style("Figure", WD_STYLE_TYPE.PARAGRAPH)
    figure.base_style = normal
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.line_spacing = 1.0


def _table(document, header: list[str], cells: list[str], loop: str) -> None:
    """A table whose middle row repeats once per item (docxtpl's {%tr for … %} … {%tr endfor %})."""
    table = document.add_table(rows=4, cols=len(header))
    table.style = document.styles["Table Grid"]
    rows = table.rows
    for index, text in enumerate(header):
        rows[0].cells[index].text = text
        rows[0].cells[index].paragraphs[0].runs[0].bold = True
    rows[1].cells[0].text = "{%tr for row in " + loop + " %}"
    for index, text in enumerate(cells):
        rows[2].cells[index].text = text
    rows[3].cells[0].text = "{%tr endfor %}"
    for row in rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.style = document.styles["Table Text"]
    document.add_paragraph()


def _figure(document, name: str) -> None:
    document.add_paragraph("{{ " + name + " }}", style="Figure")


def build_default_template() -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _styles(document)

    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph(
        "{{ year }}年，{{ scope_name }}坚持以创建“星级”党支部为抓手，打好挖掘、培养、宣传、关爱“组合拳”，"
        "推动先进典型选树工作常态化、长效化。全年{{ figures_sentence }}"
    )

    document.add_heading("一、深入挖掘，在实战一线发现典型", level=1)
    document.add_paragraph("全年核实先进事迹{{ deeds.total }}件，涉及{{ deeds.people }}人。按任务类型统计如下：")
    _table(document, ["任务类型", "事迹（件）"], ["{{ row.label }}", "{{ row.count }}"], "deeds.rows")
    document.add_paragraph("{{ ratings_sentence }}{{ ratings_trend_sentence }}")
    _figure(document, "chart_ratings")
    document.add_paragraph("全年奖励情况按奖励种类和授奖机关层级统计如下：")
    _table(
        document,
        ["奖励", "国家级", "省级", "市级", "县级", "合计"],
        [
            "{{ row.label }}",
            "{{ row.national }}",
            "{{ row.province }}",
            "{{ row.city }}",
            "{{ row.county }}",
            "{{ row.total }}",
        ],
        "honour_rows",
    )
    _figure(document, "chart_honours")

    document.add_heading("二、精心培养，推动典型梯次成长", level=1)
    document.add_paragraph("{{ selections_sentence }}")
    document.add_paragraph("{{ reserve_sentence }}")
    _table(
        document,
        ["层级", "单位级", "县级", "市级", "省级", "国家级", "合计"],
        [
            "{{ row.label }}",
            "{{ row.unit }}",
            "{{ row.county }}",
            "{{ row.city }}",
            "{{ row.province }}",
            "{{ row.national }}",
            "{{ row.total }}",
        ],
        "reserve_rows",
    )
    _figure(document, "chart_reserve")
    document.add_paragraph("{{ practice_sentence }}")
    document.add_paragraph("{{ coverage_sentence }}")
    document.add_paragraph("{{ stars_sentence }}")
    _table(
        document, ["党支部", "星级", "评定年度"], ["{{ row.name }}", "{{ row.stars }}", "{{ row.year }}"], "star_rows"
    )

    document.add_heading("三、广泛宣传，扩大典型影响", level=1)
    document.add_paragraph("{{ publicity_sentence }}")
    _table(
        document, ["稿件", "单位", "发布日期"], ["{{ row.title }}", "{{ row.unit }}", "{{ row.date }}"], "story_rows"
    )

    document.add_heading("四、真情关爱，激励典型担当作为", level=1)
    document.add_paragraph("{{ evaluation_sentence }}")
    document.add_paragraph("{{ care_sentence }}")

    document.add_heading("附：先进典型风采", level=1)
    document.add_paragraph("{%p for person in exemplars %}")
    document.add_heading("{{ person.name }}（{{ person.unit }}）", level=2)
    document.add_paragraph("{{ person.summary }}")
    document.add_paragraph("{%p endfor %}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_default_template(path: Path = DEFAULT_TEMPLATE) -> Path:
    path.write_bytes(build_default_template())
    return path
