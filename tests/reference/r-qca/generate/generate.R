#!/usr/bin/env Rscript
# Write R's QCA results as reference JSON for the tests (tests/reference/r-qca/).
#
# For every NAME.spec.json given (or every *.spec.json in the reference folder
# whose NAME.json is missing, with --missing), this script runs R's QCA on the
# data set the spec names and writes NAME.json beside the spec, in the format
# described in ../README.md. R is needed only to (re)generate the files; the
# tests read the JSON.
#
# Usage (from the repository root):
#   R_LIBS_USER=/path/to/rlib Rscript tests/reference/r-qca/generate/generate.R \
#       [--data-dir DIR] [--force] [NAME.spec.json ...]
#
# A spec is a JSON object with QCA's own argument names:
#   data        "../../datasets/published/<SET>.csv" (only the file name is used:
#               it is looked up in --data-dir, then datasets/, then tests/data/)
#   outcome     the outcome column (or "Y[v]" for one level of a multi-value outcome)
#   conditions  the condition columns
#   incl.cut, n.cut, pri.cut, include, dir.exp, all.sol, row.dom (as minimize())
#   explain     "1" (default) or "0": "0" explains the negated outcome "~Y"
#   kind        "minimize" (default) or "necessity" (superSubset() and pof();
#               the default for a file named *_necessity.spec.json)

suppressPackageStartupMessages({
    library(QCA)
    library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
here <- local({
    a <- commandArgs(FALSE)
    f <- sub("^--file=", "", a[grep("^--file=", a)])
    if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
refdir <- normalizePath(file.path(here, ".."))
repo <- normalizePath(file.path(refdir, "..", "..", ".."))

data_dirs <- c()
force <- FALSE
files <- c()
i <- 1
while (i <= length(args)) {
    if (args[i] == "--data-dir") {
        data_dirs <- c(data_dirs, args[i + 1])
        i <- i + 2
        next
    }
    if (args[i] == "--force") {
        force <- TRUE
    } else {
        files <- c(files, args[i])
    }
    i <- i + 1
}
data_dirs <- c(data_dirs, file.path(repo, "datasets"), file.path(repo, "tests", "data"))
if (length(files) == 0) {
    files <- list.files(refdir, pattern = "\\.spec\\.json$", full.names = TRUE)
}

find_data <- function(path) {
    name <- basename(path)
    for (d in data_dirs) {
        f <- file.path(d, name)
        if (file.exists(f)) return(f)
    }
    stop("data file not found: ", name, " (looked in ", paste(data_dirs, collapse = ", "), ")")
}

read_data <- function(path) {
    # first column: the case labels; only empty cells are missing (a case may be
    # labelled "NA", Namibia)
    x <- read.csv(path, row.names = 1, na.strings = "", check.names = FALSE,
                  stringsAsFactors = FALSE)
    x
}

split_cases <- function(s) {
    if (is.null(s) || length(s) == 0 || is.na(s) || s == "") return(I(character(0)))
    I(trimws(unlist(strsplit(s, "[,;]"))))
}

num <- function(x) {
    x <- suppressWarnings(as.numeric(x))
    if (length(x) == 0 || is.na(x)) return(NA)
    x
}

fit_rows <- function(ic) {
    # ic: a data frame of inclS, PRI, covS, covU (and maybe cases), one row per term
    out <- list()
    for (k in seq_len(nrow(ic))) {
        row <- list(pi = rownames(ic)[k],
                    inclS = num(ic$inclS[k]), PRI = num(ic$PRI[k]), covS = num(ic$covS[k]),
                    covU = if ("covU" %in% names(ic)) num(ic$covU[k]) else NA)
        if ("cases" %in% names(ic)) row$cases <- split_cases(ic$cases[k])
        out[[k]] <- row
    }
    out
}

solution_fits <- function(IC, solutions) {
    out <- list()
    if (!is.null(IC$individual)) {
        for (m in seq_along(solutions)) {
            ind <- IC$individual[[m]]
            out[[m]] <- list(solution = paste(solutions[[m]], collapse = " + "),
                             pis = I(solutions[[m]]),
                             inclS = num(ind$sol.incl.cov$inclS), PRI = num(ind$sol.incl.cov$PRI),
                             covS = num(ind$sol.incl.cov$covS),
                             pi_fit = fit_rows(ind$incl.cov))
        }
    } else {
        out[[1]] <- list(solution = paste(solutions[[1]], collapse = " + "),
                         pis = I(solutions[[1]]),
                         inclS = num(IC$sol.incl.cov$inclS), PRI = num(IC$sol.incl.cov$PRI),
                         covS = num(IC$sol.incl.cov$covS),
                         pi_fit = fit_rows(IC$incl.cov))
    }
    out
}

overall_fit <- function(IC) {
    if (!is.null(IC$overall)) fit_rows(IC$overall$incl.cov) else fit_rows(IC$incl.cov)
}

solution_block <- function(sol) {
    solutions <- lapply(sol$solution, function(s) I(s))
    list(solutions = solutions,
         solution_strings = I(vapply(sol$solution, paste, "", collapse = " + ")),
         essential = I(as.character(sol$essential)))
}

truth_table_rows <- function(tt, conditions, n.cut) {
    t <- tt$tt
    observed <- which(as.numeric(t$n) > 0)
    rows <- list()
    for (k in observed) {
        config <- list()
        for (c in conditions) config[[c]] <- as.integer(t[k, c])
        n <- as.integer(t$n[k])
        rows[[length(rows) + 1]] <- list(
            row = as.integer(rownames(t)[k]),
            config = config,
            OUT = as.character(t$OUT[k]),
            n = n,
            incl = num(t$incl[k]),
            PRI = num(t$PRI[k]),
            cases = split_cases(t$cases[k]),
            below_n_cut = n < n.cut)
    }
    rows
}

spec_defaults <- function(spec) {
    d <- list(data = spec$data, outcome = spec$outcome, conditions = I(spec$conditions),
              incl.cut = spec[["incl.cut"]] %||% 1, n.cut = spec[["n.cut"]] %||% 1,
              pri.cut = spec[["pri.cut"]] %||% 0, include = spec$include %||% "")
    if (!is.null(spec[["dir.exp"]])) d[["dir.exp"]] <- I(spec[["dir.exp"]])
    d$explain <- as.character(spec$explain %||% "1")
    d[["all.sol"]] <- spec[["all.sol"]] %||% FALSE
    d[["row.dom"]] <- spec[["row.dom"]] %||% FALSE
    d$method <- spec$method %||% "CCubes"
    d[["pi.cons"]] <- spec[["pi.cons"]] %||% 0
    d[["sol.cons"]] <- spec[["sol.cons"]] %||% 0
    d$case_column <- "case"
    d
}

`%||%` <- function(a, b) if (is.null(a)) b else a

run_minimize <- function(spec) {
    spec <- spec_defaults(spec)
    data <- read_data(find_data(spec$data))
    outcome <- spec$outcome
    if (spec$explain == "0") outcome <- paste0("~", outcome)
    warnings <- character(0)
    result <- withCallingHandlers({
        tt <- truthTable(data, outcome = outcome, conditions = as.character(spec$conditions),
                         incl.cut = spec[["incl.cut"]], n.cut = spec[["n.cut"]],
                         pri.cut = spec[["pri.cut"]], show.cases = TRUE)
        margs <- list(tt, include = spec$include, all.sol = spec[["all.sol"]],
                      row.dom = spec[["row.dom"]], method = spec$method,
                      pi.cons = spec[["pi.cons"]], sol.cons = spec[["sol.cons"]])
        if (!is.null(spec[["dir.exp"]])) {
            margs$dir.exp <- paste(spec[["dir.exp"]], collapse = ", ")
        }
        sol <- do.call(minimize, margs)
        list(tt = tt, sol = sol)
    }, warning = function(w) {
        warnings <<- c(warnings, conditionMessage(w))
        invokeRestart("muffleWarning")
    })
    tt <- result$tt
    sol <- result$sol
    conditions <- as.character(spec$conditions)
    chart <- sol$PIchart
    solutions <- sol$solution
    out <- list(spec = spec, ok = TRUE,
                qca_version = as.character(packageVersion("QCA")),
                outcome = outcome,
                conditions = I(conditions),
                multivalue = isTRUE(tt$multivalue),
                fuzzy = I(as.logical(tt$fs)),
                noflevels = I(as.integer(tt$noflevels)),
                truth_table = truth_table_rows(tt, conditions, spec[["n.cut"]]),
                warnings = I(unique(warnings)),
                numbers = as.list(sol$numbers),
                prime_implicants = I(rownames(chart)),
                pi_chart = list(pis = I(rownames(chart)),
                                rows = I(as.integer(colnames(chart))),
                                matrix = lapply(seq_len(nrow(chart)), function(k) I(as.logical(chart[k, ])))),
                primes_in_solutions = I(rownames(sol$primes)))
    out <- c(out, solution_block(sol))
    out$pi_fit <- overall_fit(sol$IC)
    out$solution_fit <- solution_fits(sol$IC, solutions)
    sa <- list()
    for (m in seq_along(solutions)) {
        # R names them M1..M9, or M01..M20 once there are ten or more: take them by
        # position, and write M1, M2, ... always
        key <- paste0("M", m)
        frame <- if (length(sol$SA) >= m) sol$SA[[m]] else NULL
        sa[[key]] <- I(if (is.null(frame) || nrow(frame) == 0) integer(0) else as.integer(rownames(frame)))
    }
    out$simplifying_assumptions <- sa
    if (!is.null(sol$i.sol)) {
        inter <- list()
        for (name in names(sol$i.sol)) {
            isol <- sol$i.sol[[name]]
            ec <- isol$EC
            item <- list(name = name, c_sol = I(as.character(isol$c.sol)),
                         p_sol = I(as.character(isol$p.sol)),
                         easy_counterfactuals = I(if (is.null(ec) || nrow(ec) == 0) integer(0)
                                                  else as.integer(rownames(ec))))
            item <- c(item, solution_block(isol))
            item$pi_fit <- overall_fit(isol$IC)
            item$solution_fit <- solution_fits(isol$IC, isol$solution)
            inter[[length(inter) + 1]] <- item
        }
        out$intermediate <- inter
    }
    out
}

run_necessity <- function(spec) {
    d <- list(data = spec$data, outcome = spec$outcome, conditions = I(spec$conditions),
              incl.cut = spec[["incl.cut"]] %||% 1, cov.cut = spec[["cov.cut"]] %||% 0,
              ron.cut = spec[["ron.cut"]] %||% 0, explain = as.character(spec$explain %||% "1"),
              case_column = "case")
    data <- read_data(find_data(d$data))
    outcome <- d$outcome
    if (d$explain == "0") outcome <- paste0("~", outcome)
    conditions <- as.character(d$conditions)
    ss <- superSubset(data, outcome = outcome, conditions = conditions, relation = "necessity",
                      incl.cut = d[["incl.cut"]], cov.cut = d[["cov.cut"]], ron.cut = d[["ron.cut"]])
    ic <- ss$incl.cov
    rows <- lapply(seq_len(nrow(ic)), function(k)
        list(expression = rownames(ic)[k], inclN = num(ic$inclN[k]), RoN = num(ic$RoN[k]),
             covN = num(ic$covN[k])))
    pofs <- list()
    for (c in conditions) {
        # a multi-value condition (levels 0..m-1, m > 2): each level and its negation
        levels <- sort(unique(data[[c]][!is.na(data[[c]])]))
        exprs <- if (length(levels) > 2 && all(levels == round(levels)))
            as.vector(rbind(paste0(c, "[", levels, "]"), paste0("~", c, "[", levels, "]")))
        else c(c, paste0("~", c))
        for (e in exprs) {
            # do.call passes the outcome's value: pof(e, outcome, ...) with outcome a
            # variable holding "~Y" silently drops the negation (R's QCA 3.25.1 reads
            # the argument's expression, not its value)
            p <- do.call(pof, list(e, outcome, data = data, relation = "necessity"))
            pofs[[length(pofs) + 1]] <- list(expression = e, inclN = num(p$incl.cov$inclN[1]),
                                             RoN = num(p$incl.cov$RoN[1]),
                                             covN = num(p$incl.cov$covN[1]), ok = TRUE)
        }
    }
    list(spec = d, ok = TRUE, qca_version = as.character(packageVersion("QCA")),
         outcome = outcome, conditions = I(conditions),
         superSubset = list(ok = TRUE, rows = rows), pof = pofs)
}

for (f in files) {
    spec <- fromJSON(f, simplifyVector = TRUE)
    target <- sub("\\.spec\\.json$", ".json", f)
    if (file.exists(target) && !force) {
        message("exists, skipped (use --force): ", basename(target))
        next
    }
    kind <- spec$kind %||% (if (grepl("_necessity\\.spec\\.json$", f)) "necessity" else "minimize")
    out <- tryCatch(
        if (kind == "necessity") run_necessity(spec) else run_minimize(spec),
        error = function(e) list(spec = spec, ok = FALSE, qca_version = as.character(packageVersion("QCA")),
                                 error = conditionMessage(e)))
    # cat(json, "\n"): the layout of the original files, byte for byte
    cat(toJSON(out, auto_unbox = TRUE, pretty = TRUE, digits = NA, null = "null", na = "null"), "\n",
        file = target)
    message(if (isTRUE(out$ok)) "wrote " else "FAILED ", basename(target),
            if (isTRUE(out$ok)) "" else paste0(": ", out$error))
}
