// Package atomicfiletest helps test code that writes its outputs through
// atomicfile (the CLI's --output-wav, package create): it makes the files
// such code must leave as they are, and lists a directory so a test sees a
// temporary file left behind.
package atomicfiletest
