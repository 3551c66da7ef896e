"""Rich text the city writes (news to merchants, event descriptions): bold, italic, lists, links and
paragraphs, kept only as nh3 cleans it, and its plain-text forms for mails, push notifications, iCalendar and
meta descriptions. One sanitiser, so every feature allows the same tags."""
import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
SCHEMES = {"https", "http", "mailto", "tel"}
BODY_MAX = 20000  # characters of HTML per language


def clean(text: str | None) -> str:
    """Only the allowed tags; links get rel="noopener noreferrer nofollow"; scripts, styles and event
    handlers are gone. Plain text without any tag becomes paragraphs (blank lines) and line breaks."""
    text = (text or "").strip()
    if not text:
        return ""
    if "<" not in text:
        blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
        text = "".join("<p>" + html.escape(block).replace("\n", "<br>") + "</p>" for block in blocks)
    cleaned = nh3.clean(text, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                        link_rel="noopener noreferrer nofollow")
    return cleaned.strip()


_BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)
_LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)


def plain_lines(cleaned: str) -> list[str]:
    """Lines of plain text from cleaned HTML ("" between paragraphs; list items as "• ..."; a link's
    address after its words), for a mail's `lines`."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})"
                     if html.unescape(m.group(1)) != m.group(2) else m.group(2), cleaned or "")
    text = _ITEM.sub("• ", text)
    text = re.sub(r"</p>", "\n\n", text, flags=re.IGNORECASE)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(nh3.clean(text, tags=set()))
    lines, blank = [], False
    for line in (part.strip() for part in text.split("\n")):
        if line:
            lines.append(line)
            blank = False
        elif lines and not blank:
            lines.append("")
            blank = True
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def excerpt(cleaned: str, length: int = 140) -> str:
    """A one-line summary (a push notification's body, a list line)."""
    words = " ".join(line for line in plain_lines(cleaned) if line)
    return words if len(words) <= length else words[:length - 1].rsplit(" ", 1)[0] + "…"


def plain_text(cleaned: str | None) -> str:
    """The text without tags, a line per paragraph or list item (iCalendar DESCRIPTION, meta description,
    JSON-LD)."""
    text = nh3.clean((cleaned or "").replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n"),
                     tags=set())
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
