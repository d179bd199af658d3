"""Temporal-expression extraction: `extract(ArticleText) -> Extraction`. Plain Python, no Django."""

from claims.extraction.extractor import extract, resolve_near

__all__ = ["extract", "resolve_near"]
