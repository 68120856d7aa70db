# %% [markdown]
# # Huang (2024) in a notebook: binding cybersecurity agreements with `qca`
#
# Huang Bei (2024), *Why Are Binding Inter-State Cybersecurity Agreements Formed?*
# (World Economics and Politics 2024, No. 11) explains why some negotiations between
# states end in a binding agreement (`AGREE`) by two conditions: the states share
# serious cyber harm (`HARM`), and no government sees the other as a threat to its
# regime (`THREAT`). Hypothesis 1 is `HARM*~THREAT -> AGREE`.
#
# This notebook runs the whole crisp-set analysis. Every result renders as a table;
# a cell that lists several cases shows how many there are: click it to list them.
# (`examples/notebook.py` is the same code as a script; `python tests/test_docs.py`
# rebuilds the notebook from it.)

# %%
import qca
from qca.cases import case_types
from qca.missing import missing_completions

df = qca.datasets.load("huang2024")
df[["HARM", "THREAT", "AGREE", "key_case", "fits_theory"]]

# %% [markdown]
# ## The truth table
#
# Two cases lack a code (the paper prints "-"), so the truth table needs a policy:
# `missing="drop"` leaves them out and lists them. The consistency cut-off is 0.8.

# %%
tt = qca.truth_table(df, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, missing="drop")
tt

# %%
print(tt.summary())

# %%
tt.dropped

# %%
qca.plot.venn(tt)

# %% [markdown]
# ## Necessary conditions

# %%
nec = qca.necessity(df, "AGREE", ["HARM", "THREAT"])
nec

# %% [markdown]
# ## The hypotheses as sufficiency statements
#
# Fit uses every case: a case with a missing code counts wherever its known codes
# decide its membership (three-valued logic).

# %%
h1 = qca.fit("HARM*~THREAT", df, "AGREE")
h2 = qca.fit("~HARM + THREAT", df, "~AGREE")
h1

# %%
h2

# %% [markdown]
# ## The minimal solution
#
# With both observed rows above the cut-off and the two negative cases dropped, no
# row is negative, so only the conservative solution exists (the parsimonious one
# would be the constant 1).

# %%
sol = qca.minimize(tt)
sol

# %%
sol.fit

# %% [markdown]
# ## Which cases fit the hypothesis?

# %%
ct = case_types(df, "HARM*~THREAT", "AGREE")
ct

# %%
qca.plot.solution_plot("HARM*~THREAT", df, "AGREE")

# %% [markdown]
# ## Does anything depend on the two missing codes?

# %%
mc = missing_completions(df, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, expression="HARM*~THREAT")
mc

# %%
mc.robust

# %% [markdown]
# ## One report of everything
#
# `qca.report` runs the analysis again and writes a self-contained HTML page (or
# Markdown) with every table, the figures and the settings needed to reproduce it.

# %%
rep = qca.report(df, "AGREE", ["HARM", "THREAT"], incl_cut=0.8, missing="drop", theory="HARM*~THREAT")
path = rep.save("huang2024-report.html")
print(rep.summary())
print("written:", path)

# %%
assert [str(s) for s in sol.solutions] == ["~THREAT"]
assert ct.deviant == ["CIS Agreement", "China-Germany consultations"]
assert nec.necessary == ["HARM", "~THREAT"]
