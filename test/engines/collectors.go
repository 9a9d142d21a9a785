// Collector harness for pylogrx's OTel, Alloy and Promtail tests (Go's regexp and time are what those
// collectors run). One mode per run, chosen by the first argument; every text travels hex-encoded, one
// item a line, so newlines can be carried.
//
//	records otel|otel-trim|lines: stdin is the start regex, the record regex, then the raw log (all hex). The
//	  log is cut into records the way the collector cuts it (otel: stanza's line_start_pattern, compiled with
//	  (?m) and searched over the buffer; otel-trim: tokens then trimmed of "\r\n\t " at both ends, stanza's
//	  default without preserve_*_whitespaces; lines: a line matching
//	  firstline starts a record, lines joined with "\n"), and each record is matched: stdout has one line per
//	  record, the record's hex, then `-` or name:hex for each named group (an unset group is empty, as the agents store it).
//	time: stdin lines are pairs layout, value (hex); stdout `ok <RFC3339Nano>` or `err <message>` per pair.
//	unquote: stdin lines are Go/River string literals (hex); stdout the hex of each value, or `err`.
//	json: stdin lines are log lines (hex), each decoded with encoding/json as the Go agents' JSON stages
//	  read an object; stdout `-` when it is no object, else key:hex for each key, a string as it is and any
//	  other value as compact JSON text (numbers as written: UseNumber).
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func items() []string {
	in, _ := io.ReadAll(os.Stdin)
	var out []string
	for _, l := range strings.Split(strings.TrimRight(string(in), "\n"), "\n") {
		b, err := hex.DecodeString(l)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad hex:", err)
			os.Exit(2)
		}
		out = append(out, string(b))
	}
	return out
}

func compile(expr string) *regexp.Regexp {
	re, err := regexp.Compile(expr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return re
}

func otelRecords(start *regexp.Regexp, log string, trim bool) []string {
	data := []byte(log)
	var tokens []string
	for len(data) > 0 {
		locs := start.FindAllIndex(data, 3)
		if len(locs) == 0 {
			tokens = append(tokens, string(data))
			break
		}
		first := locs[0]
		if first[0] != 0 {
			tokens = append(tokens, string(data[:first[0]]))
			data = data[first[0]:]
			continue
		}
		next := -1
		for _, l := range locs[1:] {
			if l[0] > first[1] {
				next = l[0]
				break
			}
		}
		if next < 0 {
			tokens = append(tokens, string(data))
			break
		}
		tokens = append(tokens, string(data[:next]))
		data = data[next:]
	}
	var out []string
	for _, t := range tokens {
		if trim {
			t = string(bytes.Trim([]byte(t), "\r\n\t "))
		}
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

func lineRecords(start *regexp.Regexp, log string) []string {
	var out []string
	var current []string
	for _, line := range strings.Split(strings.TrimSuffix(log, "\n"), "\n") {
		if start.MatchString(line) && current != nil {
			out = append(out, strings.Join(current, "\n"))
			current = nil
		}
		if current == nil && !start.MatchString(line) {
			out = append(out, line)
			continue
		}
		current = append(current, line)
	}
	if current != nil {
		out = append(out, strings.Join(current, "\n"))
	}
	return out
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	in := items()
	switch os.Args[1] {
	case "records":
		var start *regexp.Regexp
		var records []string
		if strings.HasPrefix(os.Args[2], "otel") {
			start = compile("(?m)" + in[0])
			records = otelRecords(start, in[2], os.Args[2] == "otel-trim")
		} else {
			start = compile(in[0])
			records = lineRecords(start, in[2])
		}
		re := compile(in[1])
		for _, r := range records {
			fmt.Fprintf(w, "%x", r)
			m := re.FindStringSubmatchIndex(r)
			if m == nil {
				fmt.Fprintln(w, " -")
				continue
			}
			for g, name := range re.SubexpNames() {
				if name == "" {
					continue
				}
				// A group that did not take part is "", as the agents store it: both take FindStringSubmatch's
				// strings (stanza pkg/stanza/operator/parser/regex/regex.go match; Loki stages/regex.go Process).
				if m[2*g] < 0 {
					fmt.Fprintf(w, " %s:", name)
				} else {
					fmt.Fprintf(w, " %s:%x", name, r[m[2*g]:m[2*g+1]])
				}
			}
			fmt.Fprintln(w)
		}
	case "time":
		for i := 0; i+1 < len(in); i += 2 {
			t, err := time.Parse(in[i], in[i+1])
			if err != nil {
				fmt.Fprintln(w, "err", strings.ReplaceAll(err.Error(), "\n", " "))
			} else {
				fmt.Fprintln(w, "ok", t.Format(time.RFC3339Nano))
			}
		}
	case "json":
		for _, line := range in {
			d := json.NewDecoder(strings.NewReader(line))
			d.UseNumber()
			var object map[string]interface{}
			if d.Decode(&object) != nil || object == nil {
				fmt.Fprintln(w, "-")
				continue
			}
			for k, v := range object {
				text, ok := v.(string)
				if !ok {
					b, _ := json.Marshal(v)
					text = string(b)
				}
				fmt.Fprintf(w, "%x:%x ", k, text)
			}
			fmt.Fprintln(w)
		}
	case "unquote":
		for _, q := range in {
			s, err := strconv.Unquote(q)
			if err != nil {
				fmt.Fprintln(w, "err")
			} else {
				fmt.Fprintf(w, "%x\n", s)
			}
		}
	}
}
