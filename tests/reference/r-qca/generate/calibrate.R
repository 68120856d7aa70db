#!/usr/bin/env Rscript
# R's calibrate() on a raw data set, saved as reference JSON in the format of
# calibrate_LR.json: one entry per call, with the R call, the raw x and R's values.
#
# Usage (from the repository root):
#   R_LIBS_USER=/path/to/rlib Rscript tests/reference/r-qca/generate/calibrate.R \
#       datasets/CVR.csv tests/reference/r-qca/calibrate_CVR.json
# The calls are listed below (CALLS); each is evaluated with the data set bound to
# its name (the CSV's file name without extension: LR or CVR). With LR.csv this
# reproduces the original calibrate_LR.json byte for byte.

suppressPackageStartupMessages({
    library(QCA)
    library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
csv <- args[1]
target <- args[2]
name <- sub("\\.csv$", "", basename(csv))
assign(name, read.csv(csv, row.names = 1, na.strings = "", check.names = FALSE))

CALLS <- list(
    LR = c(
        DEV_direct_e350_c550_i900 = 'calibrate(LR$DEV, type = "fuzzy", thresholds = "e=350, c=550, i=900")',
        DEV_direct_e350_c550_i900_idm099 = 'calibrate(LR$DEV, type = "fuzzy", thresholds = "e=350, c=550, i=900", idm = 0.99)',
        DEV_linear_e350_c550_i900 = 'calibrate(LR$DEV, type = "fuzzy", thresholds = "e=350, c=550, i=900", logistic = FALSE)',
        DEV_decreasing_i350_c550_e900 = 'calibrate(LR$DEV, type = "fuzzy", thresholds = "i=350, c=550, e=900")',
        DEV_bell = 'calibrate(LR$DEV, type = "fuzzy", thresholds = "e1=350, c1=450, i1=550, i2=650, c2=750, e2=900")',
        DEV_crisp_550 = 'calibrate(LR$DEV, type = "crisp", thresholds = 550)',
        DEV_crisp_550_850 = 'calibrate(LR$DEV, type = "crisp", thresholds = c(550, 850))',
        DEV_TFR = 'calibrate(LR$DEV, method = "TFR")',
        URB_direct_e10_c25_i65 = 'calibrate(LR$URB, type = "fuzzy", thresholds = "e=10, c=25, i=65")',
        LIT_indirect_50_75_90 = 'calibrate(LR$LIT, type = "fuzzy", method = "indirect", thresholds = c(50, 75, 90))'
    ),
    CVR = c(
        DEMOC_direct_e2_c5_i8 = 'calibrate(CVR$DEMOC, type = "fuzzy", thresholds = "e=2, c=5, i=8")',
        DEMOC_direct_e2_c5_i8_idm099 = 'calibrate(CVR$DEMOC, type = "fuzzy", thresholds = "e=2, c=5, i=8", idm = 0.99)',
        DEMOC_linear_e3_c5_i9 = 'calibrate(CVR$DEMOC, type = "fuzzy", thresholds = "e=3, c=5, i=9", logistic = FALSE)',
        DEMOC_linear_below2_above05 = 'calibrate(CVR$DEMOC, type = "fuzzy", thresholds = "e=3, c=5, i=9", logistic = FALSE, below = 2, above = 0.5)',
        DEMOC_linear_ecdf = 'calibrate(CVR$DEMOC, type = "fuzzy", thresholds = "e=3, c=5, i=9", logistic = FALSE, ecdf = TRUE)',
        ETHFRACT_decreasing_i01_c04_e07 = 'calibrate(CVR$ETHFRACT, type = "fuzzy", thresholds = "i=0.1, c=0.4, e=0.7")',
        NATPRIDE_bell = 'calibrate(CVR$NATPRIDE, type = "fuzzy", thresholds = "e1=1, c1=1.4, i1=1.7, i2=2, c2=2.2, e2=2.5")',
        NATPRIDE_bell_linear = 'calibrate(CVR$NATPRIDE, type = "fuzzy", thresholds = "e1=1, c1=1.4, i1=1.7, i2=2, c2=2.2, e2=2.5", logistic = FALSE)',
        POLDIS_crisp_1 = 'calibrate(CVR$POLDIS, type = "crisp", thresholds = 1)',
        POLDIS_crisp_05_15 = 'calibrate(CVR$POLDIS, type = "crisp", thresholds = c(0.5, 1.5))',
        PROTEST_TFR = 'calibrate(CVR$PROTEST, method = "TFR")',
        PROTEST_direct_e1_c15_i25 = 'calibrate(CVR$PROTEST, type = "fuzzy", thresholds = "e=1, c=1.5, i=2.5")',
        NATPRIDE_indirect = 'calibrate(CVR$NATPRIDE, type = "fuzzy", method = "indirect", thresholds = c(1.2, 1.8, 2.2))'
    )
)

out <- list()
for (key in names(CALLS[[name]])) {
    call <- CALLS[[name]][[key]]
    column <- sub("^calibrate\\([A-Za-z.]+\\$([A-Za-z0-9_.]+).*$", "\\1", call)
    values <- eval(parse(text = call))
    out[[key]] <- list(call = call, x = I(get(name)[[column]]), values = I(as.numeric(values)))
}
writeLines(toJSON(out, auto_unbox = TRUE, pretty = TRUE, digits = NA, null = "null", na = "null"), target)
message("wrote ", target, " (", length(out), " calls)")
