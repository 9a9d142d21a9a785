// Go regexp harness (also stands in for RE2) for the pylogrx engine protocol (see pcre2.c).
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

func main() {
	in, _ := io.ReadAll(os.Stdin)
	lines := strings.Split(string(in), "\n")
	if len(lines) < 2 {
		fmt.Fprintln(os.Stderr, "no regex line")
		os.Exit(2)
	}
	re, err := regexp.Compile(lines[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, s := range lines[1 : len(lines)-1] {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			fmt.Fprintln(out, "-")
			continue
		}
		groups := make([]string, 0, len(m)/2-1)
		for g := 2; g < len(m); g += 2 {
			group := ":~"
			if m[g] >= 0 {
				group = fmt.Sprintf(":%x", s[m[g]:m[g+1]])
			}
			groups = append(groups, group)
		}
		fmt.Fprintln(out, strings.Join(groups, " "))
	}
}
