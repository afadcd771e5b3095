// Package model holds the domain of mofan as plain Go values: the plan with
// its units and scoring points, the year and its rules, each unit's
// self-assessment, review, adjustments and veto, font roles, and the specs of
// the documents. It sits at the centre of the program and imports nothing
// outside the standard library (and generator/diag, which is pure): the
// parsers that produce these values (plan.md via goldmark, TOML, returned
// workbooks) are adapters at the edges, and the pure stages (layout, score)
// consume them without linking any parser.
package model
