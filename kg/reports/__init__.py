"""Reports: read the graph once (`collect`), compare with the previous report (`diff`), render a folder.

`build_report` does all three; `kg.reports.scheduler` runs analysis and reports on a cron schedule.
"""

from kg.reports.build import build_report
from kg.reports.collect import collect
from kg.reports.data import ReportData
from kg.reports.diff import Changes, diff
from kg.reports.render import write_report

__all__ = ["Changes", "ReportData", "build_report", "collect", "diff", "write_report"]
