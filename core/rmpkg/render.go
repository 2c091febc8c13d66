package rmpkg

import (
	"context"
	"strings"

	"github.com/remotemedia/remotemedia/core"
)

// The functions below are the `remotemedia package` subcommands minus their
// flags: the Go CLI and the pip-installed one both call them, so they print
// the same bytes.

// CreateFromFiles creates the package at path from the files a command line
// names: the manifest, "name=file.wasm" modules and Python sources.
func CreateFromFiles(ctx context.Context, path, manifestPath string, wasm, python []string) error {
	contents, err := ContentsFromFiles(manifestPath, wasm, python)
	if err != nil {
		return err
	}
	return Create(ctx, path, contents)
}

// RenderCreated is what `package create` prints once path is written.
func RenderCreated(path string) string { return "created " + path + "\n" }

// ValidateFile opens the package at path and validates it against cfg's
// registry. The error is for a file Open refuses; what is wrong inside is
// in the report.
func ValidateFile(ctx context.Context, path string, cfg core.Config) (Report, error) {
	p, err := Open(path)
	if err != nil {
		return Report{}, err
	}
	return Validate(ctx, p, cfg), nil
}

// RenderReport renders r as `package validate` prints it. As text, stdout
// is "ok" when r has no errors, and stderr has one line per warning, then
// the lines of RenderErrors. As JSON, stdout is
// {"ok":…,"errors":[…],"warnings":[…]} on one line and stderr is empty.
// Either way, r.Err() says whether the package is invalid.
func RenderReport(r Report, asJSON bool) (stdout, stderr string, err error) {
	if asJSON {
		doc := struct {
			OK       bool      `json:"ok"`
			Errors   []Problem `json:"errors"`
			Warnings []Problem `json:"warnings"`
		}{r.OK(), nonNil(r.Errors), nonNil(r.Warnings)}
		data, err := core.EncodeJSON(doc)
		if err != nil {
			return "", "", err
		}
		return string(data) + "\n", "", nil
	}
	var b strings.Builder
	for _, w := range r.Warnings {
		b.WriteString("warning: " + oneLine(w.String()) + "\n")
	}
	b.WriteString(RenderErrors(r.Errors))
	if r.OK() {
		stdout = "ok\n"
	}
	return stdout, b.String(), nil
}

// RenderErrors renders the errors of an invalid package as the CLIs print
// them on stderr: one "error: invalid package: <problem>" line each.
func RenderErrors(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("error: invalid package: " + oneLine(p.String()) + "\n")
	}
	return b.String()
}

// RenderInspect renders s as `package inspect` prints it: text for a
// terminal, or one line of JSON.
func RenderInspect(s Summary, asJSON bool) (string, error) {
	if !asJSON {
		return s.String(), nil
	}
	data, err := core.EncodeJSON(s)
	if err != nil {
		return "", err
	}
	return string(data) + "\n", nil
}

func nonNil(ps []Problem) []Problem {
	if ps == nil {
		return []Problem{}
	}
	return ps
}

// oneLine folds a message onto one line, so each problem stays one line of
// stderr.
func oneLine(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return strings.Join(fields, "; ")
}
