"""A table whose index is named like one of its columns still writes its CSV (a condition named "row")."""

from __future__ import annotations

import csv
import io

import pandas as pd

import qca


def test_condition_named_like_the_index():
    df = pd.DataFrame({"row": [0, 1, 1], "B": [0, 0, 1], "Y": [0, 1, 1]}, index=pd.Index(["p", "q", "r"], name="case"))
    tt = qca.truth_table(df, "Y", incl_cut=0.5)
    rows = list(csv.reader(io.StringIO(tt.to_csv())))
    assert rows[0][:3] == ["row (index)", "row", "B"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in tt.table.index]
    # without a clash the index keeps its name
    plain = list(csv.reader(io.StringIO(qca.truth_table(df.rename(columns={"row": "A"}), "Y", incl_cut=0.5).to_csv())))
    assert plain[0][0] == "row"
