"""Hub-role reports: one document per cluster or hub organization, in Japanese or English.

The pipeline is ``bundle → analytics → document model → renderers``:

- :func:`reports.build.build_cluster_report` / :func:`reports.build.build_org_report` turn a
  :class:`graph.bundle.Bundle` and its :class:`analytics.api.NetworkAnalysis` into a
  :class:`reports.model.Report` (sections of sentences, tables and figures).  Every metric
  comes from the analytics library; the report only selects, counts and words them.
- :func:`reports.render.write_report` writes that document as HTML (self-contained), PDF
  (WeasyPrint, Noto CJK embedded), Excel (xlsxwriter) and Markdown.

Report wording comes from Jinja2 templates (``reports/templates``) and one message
catalogue per language (``reports/templates/locales/{ja,en}.json``).
"""
