"""Example province plugin: Tuyên Quang's additions to the ministry's commune criteria.

Not loaded by default. To use it, copy this folder into a plugin folder of the workspace (``plugins/``,
or any folder listed in ``config.toml`` under ``[workspace] plugin_folders``), then check with::

    antq plugins                       # "tinh_tuyen_quang" is listed, with no problem
    antq criteria xa                   # criterion 18 is marked [sửa đổi: tinh_tuyen_quang]; 35 is new
    antq check xa 18 -i crimes_previous_year=42 -i crimes_this_year=41

It is written only against antq's public contract (names imported from ``antq_tui``), as any
province's plugin must be, and shows the two kinds of amendment (``amendments.py``):

- ``AmendCriterion``: criterion 18 of set ``xa`` gets one more record to verify and a stricter check
  (a fall under 5% no longer passes as "kiềm chế");
- ``AddCriterion``: a criterion 35 of the province's own, in a group of its own, for the communes once
  affected by the illegal "Dương Văn Mình" organisation (Tuyên Quang's plan 2023–2025 aims at all of
  them becoming model communes).

Both are illustrations of the mechanism, not rules the province has issued.

The province's targets (``targets.py``: counts for 2023 and 2024 such as "mỗi khối … có 02 đơn vị
trở lên"; for 2025 30% of phường, 50% of thị trấn, 15% of cơ quan / doanh nghiệp / cơ sở giáo dục, 40%
of the communes recognised as nông thôn mới, and every commune once affected by "Dương Văn Mình",
named) and the dates of its plan (``deadlines.py``) are the plan's own words; check them with::

    antq targets --year 2025           # progress against each, over the registry of units
    antq calendar                      # the next date and how many days are left
"""

from antq_tui import hookimpl

from .amendments import AMENDMENTS
from .deadlines import CALENDAR
from .targets import TARGETS

__version__ = "0.2.0"


@hookimpl
def antq_amendments():
    return list(AMENDMENTS)


@hookimpl
def antq_targets():
    return list(TARGETS)


@hookimpl
def antq_calendar():
    return list(CALENDAR)
