"""At the office: statistics (Biểu thống kê), the registry of units, targets, the calendar, reports."""
