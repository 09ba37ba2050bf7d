"""Everything that turns results into something a person or another program reads.

The terminal tables, Markdown, the records behind JSON and CSV, the exports, Excel
workbooks, charts, calendars, the HTML report and its templates, and notebook display.
Each module is imported on its own (``from ceasefire.render.export import to_json``), so
that loading one renderer never pulls in the optional libraries of another.
"""
