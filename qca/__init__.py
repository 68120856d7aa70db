"""qca: Qualitative Comparative Analysis (crisp, fuzzy and multi-value sets) in Python.

The data flow, one module per step::

    cases (DataFrame) -> data -> truth_table -> implicants -> chart
                      -> minimize -> fit / necessity -> tables (printing)

Examples
--------
>>> import qca
>>> import pandas as pd
>>> df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [1, 0, 1, 0], "Y": [1, 1, 1, 0]},
...                   index=["p", "q", "r", "s"])
>>> sol = qca.minimize(qca.truth_table(df, "Y"))
>>> str(sol.solutions[0])
'A + B'
"""

from .errors import QCAError
from .calibrate import calibrate
from .expression import Expression, Term, parse
from .truth_table import TruthTable, truth_table
from .minimize import Solution, minimize
from .fit import Fit, fit
from .necessity import Necessity, necessity
from .cases import CaseTypes, case_types
from .missing import Completions, missing_completions
from .intermediate import Intermediate, directional_expectations
from .assumptions import Remainders, contradictory_assumptions, untenable_remainders
from .supersubset import SuperSubset, super_subset
from .theory import TheoryEvaluation, theory_evaluation
from .robustness import CalibrationRange, Diversity, Robustness, calibration_range, limited_diversity, robustness
from .reporting import Report, report
from .cli import read_data
from . import datasets, plot

__version__ = "0.1.0"

__all__ = [
    "QCAError",
    "calibrate",
    "Expression",
    "Term",
    "parse",
    "TruthTable",
    "truth_table",
    "Solution",
    "minimize",
    "Fit",
    "fit",
    "Necessity",
    "necessity",
    "CaseTypes",
    "case_types",
    "Completions",
    "missing_completions",
    "Intermediate",
    "directional_expectations",
    "Remainders",
    "contradictory_assumptions",
    "untenable_remainders",
    "SuperSubset",
    "super_subset",
    "TheoryEvaluation",
    "theory_evaluation",
    "Robustness",
    "robustness",
    "Diversity",
    "limited_diversity",
    "CalibrationRange",
    "calibration_range",
    "Report",
    "report",
    "read_data",
    "datasets",
    "plot",
    "__version__",
]
