"""Temporal-expression extraction: `extract(ArticleText) -> Extraction`. Plain Python, no Django."""

from claims.extraction.extractor import extract

__all__ = ["extract"]
