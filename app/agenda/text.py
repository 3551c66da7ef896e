"""An event's description: rich text (bold, italics, lists, links) kept safe with nh3."""
import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
MAX_DESCRIPTION = 4000


def clean_description(html: str | None) -> str:
    """Only the tags above, links only http(s)/mailto with rel=noopener; everything else is dropped."""
    return nh3.clean(html or "", tags=TAGS, attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"},
                     link_rel="noopener noreferrer nofollow", strip_comments=True).strip()


def plain_text(html: str | None) -> str:
    """The description without tags (iCalendar DESCRIPTION, meta description, JSON-LD)."""
    text = nh3.clean((html or "").replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n"),
                     tags=set())
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
