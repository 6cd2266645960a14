"""Articles and pages that several loading tests read."""

from __future__ import annotations

CURLY = "“Café” – naïve, isn’t it?\u00a0The café — opened on Tuesday — was full by noon."
LATIN = "Café au lait, déjà vu, Øre and ½ of the crème brûlée were on the menu."
PLAIN = "The council met on Tuesday and agreed the budget for the new café in the park.\n" * 40
RUSSIAN = "Привет, как дела? Это тест кодировки для статьи о новостях."

# (case id, file bytes, expected text, accepted encoding names)
DECODING = [
    ("utf-8", CURLY.encode("utf-8"), CURLY, {"utf-8"}),
    ("utf-8-sig", b"\xef\xbb\xbf" + CURLY.encode("utf-8"), CURLY, {"utf-8-sig"}),
    ("utf-16-le", b"\xff\xfe" + CURLY.encode("utf-16-le"), CURLY, {"utf-16-le"}),
    ("utf-16-be", b"\xfe\xff" + CURLY.encode("utf-16-be"), CURLY, {"utf-16-be"}),
    ("cp1252", CURLY.encode("cp1252"), CURLY, {"cp1252"}),
    ("cp1252 mostly ascii", PLAIN.encode("cp1252"), PLAIN, {"cp1252"}),
    ("latin-1", LATIN.encode("latin-1"), LATIN, {"cp1252", "latin-1", "iso-8859-1", "iso-8859-15"}),
    ("cp1251", RUSSIAN.encode("cp1251"), RUSSIAN, {"cp1251"}),
]


# A saved news page with its chrome: navigation, scripts, styles, an aside and a footer.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Rates rise again | The Daily Planet</title>
  <meta property="og:site_name" content="The Daily Planet">
  <meta property="og:title" content="Rates rise again">
  <style>body { font-family: serif; } .SECRET_STYLE { color: red; }</style>
  <script>window.dataLayer = []; var SECRET_SCRIPT = "tracking";</script>
  <script type="application/ld+json">{"@type": "NewsArticle", "headline": "LD_JSON_HEADLINE"}</script>
</head>
<body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">NAVLINK World</a></li>
  <li><a href="/business">NAVLINK Business</a></li></ul></nav>
  <header><div class="logo">The Daily Planet</div></header>
  <main>
    <article>
      <h1>Rates rise again</h1>
      <p class="byline">By Lois Lane</p>
      <p>The central bank raised interest rates for the third time this year on Tuesday, citing
      stubborn inflation in services and a labour market that remains tight.</p>
      <p>Economists had expected the move, though some warned that it could slow hiring in the
      months ahead and push mortgage costs higher for millions of households.</p>
      <p>“We will do what it takes,” the governor told reporters — a line she has repeated in
      every speech since the spring.</p>
    </article>
  </main>
  <aside><h2>Most read</h2><ul><li><a href="/a">ASIDE_LINK One</a></li></ul></aside>
  <footer><p>© 2024 The Daily Planet. All rights reserved.</p></footer>
  <script>document.write("SECRET_FOOTER_SCRIPT");</script>
</body>
</html>
"""

PARAGRAPHS = (
    "The central bank raised interest rates",
    "Economists had expected the move",
    "We will do what it takes",
)
NOT_TEXT = (
    "SECRET_SCRIPT",
    "SECRET_STYLE",
    "SECRET_FOOTER_SCRIPT",
    "NAVLINK",
    "LD_JSON_HEADLINE",
    "font-family",
)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
