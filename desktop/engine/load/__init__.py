"""Getting articles in: files and folders, decoding, saved web pages, Markdown, boilerplate.

The entry points are in :mod:`.articles` (``load_articles``, ``load_article``,
``article_from_text``); every failure is one :class:`~desktop.engine.errors.ArticleError`.
"""
